import { InvalidPayloadError, ProviderApiError, RateLimitError, TaskNotFoundError } from '@taskbridge/core'
import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { createTaskParser, createTaskRequest } from '../src/index.js'
import { json, text, useLoopbackServer } from './loopback-server.js'
import { outputForms, unicodeEscaped } from './output-forms.js'

const API_KEY = 'sk-live-Echo=Key/0123456789'

const parseJob = createTaskParser({
  provider: 'acme',
  schema: z.looseObject({ id: z.string(), state: z.string() }),
  statuses: {},
  toTask: (job) => ({ id: job.id, providerStatus: job.state }),
})

const { server, client } = useLoopbackServer(API_KEY, { retry: false })

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}

describe('createHttpClient: secrets echoed in escaped form', () => {
  it('keeps a key echoed as \\u escapes out of the parsed body, its text and anything built from it', async () => {
    server.reply(text(200, `{"_id":"t1","status":"running","name":"${unicodeEscaped(API_KEY)}"}`))
    const response = await client().request('/x')
    expect(response.body).toEqual({ _id: 't1', status: 'running', name: '[REDACTED]' })
    expect(response.text).not.toContain(unicodeEscaped(API_KEY))
    expect(JSON.stringify(response.body)).not.toContain(API_KEY)
  })

  it('keeps a key with = echoed as \\u003d out of the InvalidPayloadError for a body that is not a task', async () => {
    const echoed = API_KEY.replaceAll('=', '\\u003d')
    server.reply(text(200, `{"error":"unknown key ${echoed}"}`))
    const send = createTaskRequest(client(), parseJob)
    const error = await failure(send('GET /jobs/{id}', 'j1', {}))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as InvalidPayloadError).raw).toEqual({ error: 'unknown key [REDACTED]' })
    expect(outputForms(error)).not.toContain(API_KEY)
  })

  it('keeps a key echoed with escapes out of the raw text of a body that is not JSON', async () => {
    const echoed = API_KEY.replaceAll('=', '\\u003d')
    server.reply(text(200, `{"error":"unknown key ${echoed}"} trailing`))
    const error = await failure(client().request('/x'))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(String((error as InvalidPayloadError).raw)).not.toContain(echoed)
    expect((error as InvalidPayloadError).responseBody).not.toContain(echoed)
  })

  it('keeps a query secret with + and / out of an error body that echoes it percent-encoded', async () => {
    const secret = 'abc+def/ghi=='
    server.reply(json(500, { detail: 'bad api_key abc+def%2Fghi%3D%3D', echo: 'abc+def/ghi==' }))
    const error = await failure(client().request('/x?api_key=abc+def/ghi=='))
    expect(ProviderApiError.is(error)).toBe(true)
    const shown = outputForms(error)
    for (const form of [secret, 'abc+def%2Fghi%3D%3D', 'abc def/ghi==', 'def%2Fghi']) expect(shown).not.toContain(form)
    expect((error as ProviderApiError).responseBody).toContain('[REDACTED]')
  })

  it.each([
    [404, TaskNotFoundError],
    [429, RateLimitError],
    [500, ProviderApiError],
  ])('maps a %i whose body is nested 10,000 levels deep, echoing the key, to its typed error', async (status, type) => {
    const deep = `${'['.repeat(10_000)}"key ${API_KEY}"${']'.repeat(10_000)}`
    server.reply(text(status, deep, { 'content-type': 'application/json' }))
    const error = await failure(client().request('/x', { taskId: 'x' }))
    expect(type.is(error)).toBe(true)
    expect((error as ProviderApiError).status).toBe(status)
    expect(outputForms(error)).not.toContain(API_KEY)
  })
})
