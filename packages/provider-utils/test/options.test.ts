import { defineAdapter, InvalidArgumentError, waitForTask } from '@taskbridge/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApiKeyHttpClient, createHttpClient, type HttpClientOptions, headerAuth } from '../src/index.js'
import { json, type LoopbackServer, startLoopbackServer } from './loopback-server.js'
import { outputForms } from './output-forms.js'

const SECRET = 'sk-live-option-secret-9876'

let server: LoopbackServer

beforeEach(async () => {
  server = await startLoopbackServer()
})

afterEach(async () => {
  await server.close()
})

/** What creating a client with these options and sending one GET ends in. */
async function outcome(options: Record<string, unknown>): Promise<unknown> {
  try {
    const http = createHttpClient({
      provider: 'acme',
      baseUrl: server.url,
      auth: headerAuth('x-api-key', 'k-123456'),
      ...options,
    } as unknown as HttpClientOptions)
    return await http.request('/x')
  } catch (error) {
    return error
  }
}

describe('createHttpClient: options are checked when it is created', () => {
  it.each([
    ['baseUrl', { baseUrl: 12345 }],
    ['headers', { headers: 'x-api-key: 1' }],
    ['headers', { headers: { 'bad name': 'v' } }],
    ['headers', { headers: { 'x-evil\r\nx-injected': 'v' } }],
    ['headers["x-note"]', { headers: { 'x-note': `a\r\nx-injected: ${SECRET}` } }],
    ['headers["x-note"]', { headers: { 'x-note': `${SECRET}ł` } }],
    ['headers["x-note"]', { headers: { 'x-note': 42 } }],
    ['fetch', { fetch: 'nope' }],
    ['timeoutMs', { timeoutMs: Number.NaN }],
    ['timeoutMs', { timeoutMs: '5000' }],
    ['maxResponseBytes', { maxResponseBytes: -1 }],
    ['allowInsecureHttp', { allowInsecureHttp: 'yes' }],
    ['retry', { retry: true }],
    ['retry.limt', { retry: { limt: 3 } }],
    ['retry.limit', { retry: { limit: 1.5 } }],
    ['retry.methods', { retry: { methods: 'GET' } }],
    ['retry.methods[0]', { retry: { methods: ['get'] } }],
    ['retry.maxRetryAfterMs', { retry: { maxRetryAfterMs: Number.NaN } }],
    ['retry.maxRetryAfterMs', { retry: { maxRetryAfterMs: -5 } }],
    ['retry.backoffLimitMs', { retry: { backoffLimitMs: -1 } }],
    ['retry.backoffLimitMs', { retry: { backoffLimitMs: Number.POSITIVE_INFINITY } }],
  ])(
    'refuses a bad %s with a non-retryable InvalidArgumentError naming it, sending nothing',
    async (argument, options) => {
      server.reply(json(200, {}))
      const error = await outcome(options)
      expect(InvalidArgumentError.is(error)).toBe(true)
      expect(error).toMatchObject({ argument, retryable: false })
      expect(outputForms(error)).not.toContain(SECRET)
      expect(server.requests).toHaveLength(0)
    },
  )

  it('refuses a header added per call that cannot be sent, without retrying it', async () => {
    server.reply(json(200, {}))
    const http = createHttpClient({ provider: 'acme', baseUrl: server.url })
    const error = await http.request('/x', { headers: { 'x-note': `a\nb ${SECRET}` } }).catch((caught) => caught)
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ retryable: false })
    expect(outputForms(error)).not.toContain(SECRET)
    expect(server.requests).toHaveLength(0)
  })

  it('refuses an API key of the wrong type or one no header can carry, without quoting it', () => {
    for (const apiKey of [12345, `${SECRET}\r\n`, `${SECRET}€`]) {
      let error: unknown
      try {
        createApiKeyHttpClient('acme', { apiKey } as never, {
          baseUrl: server.url,
          envVar: 'ACME_KEY',
          header: 'x-api-key',
        })
      } catch (caught) {
        error = caught
      }
      expect(InvalidArgumentError.is(error)).toBe(true)
      expect(error).toMatchObject({ argument: 'apiKey', retryable: false })
      expect(outputForms(error)).not.toContain(SECRET)
    }
  })

  it('makes waitForTask give up at once on a configuration error', async () => {
    let calls = 0
    const http = createHttpClient({ provider: 'acme', baseUrl: server.url })
    const adapter = defineAdapter({
      provider: 'acme',
      getTask: async (_id, call) => {
        calls += 1
        await http.request('/x', { ...call, headers: { 'x-note': 'a\nb' } })
        throw new Error('unreachable')
      },
    })
    const error = await waitForTask(adapter, 'x', { intervalMs: 1 }).catch((caught) => caught)
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(calls).toBe(1)
  })

  it('honours a Retry-After over maxRetryAfterMs when the setting is valid', async () => {
    server.reply(json(429, {}, { 'retry-after': '120' }))
    const error = await outcome({ retry: { maxRetryAfterMs: 1000, limit: 3 } })
    expect(error).toMatchObject({ status: 429 })
    expect(server.requests).toHaveLength(1)
  })
})
