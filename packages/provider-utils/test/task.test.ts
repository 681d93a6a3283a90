import { InvalidPayloadError, TaskNotFoundError } from '@taskbridge/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import {
  createApiKeyHttpClient,
  createHttpClient,
  createTaskParser,
  createTaskRequest,
  fromUnixSeconds,
} from '../src/index.js'
import { json, type LoopbackServer, startLoopbackServer } from './loopback-server.js'

const JobSchema = z.looseObject({
  id: z.string(),
  state: z.string(),
  created: z.nullish(z.number()),
  owner: z.nullish(z.string()),
})

const parseJob = createTaskParser({
  provider: 'acme',
  schema: JobSchema,
  statuses: { queued: 'pending', working: 'running', done: 'completed' },
  toTask: (job) => ({
    id: job.id,
    providerStatus: job.state,
    status: job.state === 'blocked' ? 'waiting_for_input' : undefined,
    createdAt: fromUnixSeconds(job.created),
    name: undefined,
    error: job.state === 'failed' ? { message: 'it broke', code: null } : undefined,
    metadata: { owner: job.owner, empty: null },
  }),
})

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('createTaskParser', () => {
  it('validates, maps the status, and fills adapter (and provider), metadata and raw', () => {
    const payload = { id: 'j1', state: 'working', created: 1_700_000_000, owner: 'ops', extra: true }
    const task = parseJob(payload)
    expect(task).toEqual({
      id: 'j1',
      adapter: 'acme',
      provider: 'acme',
      status: 'running',
      providerStatus: 'working',
      createdAt: new Date(1_700_000_000_000),
      metadata: { owner: 'ops' },
      raw: payload,
    })
    expect(task.raw).toBe(payload)
    expect(Object.hasOwn(task, 'name')).toBe(false)
  })

  it('maps a status the table does not know to unknown, unless the mapping says more', () => {
    expect(parseJob({ id: 'j', state: 'exploded' }).status).toBe('unknown')
    expect(parseJob({ id: 'j', state: 'blocked' }).status).toBe('waiting_for_input')
  })

  it('drops a null error code', () => {
    expect(parseJob({ id: 'j', state: 'failed' }).error).toEqual({ message: 'it broke' })
  })

  it('accepts JSON text and keeps the parsed value as raw', () => {
    expect(parseJob('{"id":"j","state":"done"}')).toMatchObject({
      status: 'completed',
      raw: { id: 'j', state: 'done' },
    })
  })

  it('throws InvalidPayloadError keeping the payload, for bad data and bad JSON', () => {
    const payload = { id: 3, state: 'done' }
    const error = thrown(() => parseJob(payload)) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error.raw).toBe(payload)
    expect(error.message).toContain('The acme task does not match')
    expect((thrown(() => parseJob('{"id"')) as InvalidPayloadError).raw).toBe('{"id"')
  })

  it('keeps the undeclared fields of nested objects, which a mapping may pass on whole', () => {
    const parse = createTaskParser({
      provider: 'acme',
      schema: z.looseObject({
        id: z.string(),
        state: z.string(),
        request: z.nullish(z.looseObject({ kind: z.string() })),
        steps: z.array(z.looseObject({ name: z.string() })),
      }),
      statuses: {},
      toTask: (job) => ({
        id: job.id,
        providerStatus: job.state,
        metadata: { request: job.request, steps: job.steps },
      }),
    })
    const payload = {
      id: 'j1',
      state: 'blocked',
      request: { kind: 'approval', question: 'Ship it?' },
      steps: [{ name: 'plan', took: 3 }],
      wide: 'x',
    }
    expect(parse(payload).metadata).toEqual({ request: payload.request, steps: payload.steps })
  })

  it('still rejects the extra fields of a strict object, at the top and nested', () => {
    const parse = createTaskParser({
      provider: 'acme',
      schema: z.strictObject({
        id: z.string(),
        state: z.string(),
        inner: z.optional(z.strictObject({ a: z.number() })),
      }),
      statuses: {},
      toTask: (job) => ({ id: job.id, providerStatus: job.state }),
    })
    expect(parse({ id: 'j1', state: 's', inner: { a: 1 } }).id).toBe('j1')
    expect(InvalidPayloadError.is(thrown(() => parse({ id: 'j1', state: 's', extra: 1 })))).toBe(true)
    expect(InvalidPayloadError.is(thrown(() => parse({ id: 'j1', state: 's', inner: { a: 1, b: 2 } })))).toBe(true)
  })

  it('validates a schema that contains itself', () => {
    const Node = z.looseObject({
      name: z.string(),
      get children() {
        return z.optional(z.array(Node))
      },
    })
    const parse = createTaskParser({
      provider: 'acme',
      schema: z.looseObject({ id: z.string(), state: z.string(), tree: Node }),
      statuses: {},
      toTask: (job) => ({ id: job.id, providerStatus: job.state, metadata: { tree: job.tree } }),
    })
    const tree = { name: 'root', children: [{ name: 'leaf', note: 'kept' }] }
    expect(parse({ id: 'j1', state: 's', tree }).metadata).toEqual({ tree })
    expect(
      InvalidPayloadError.is(thrown(() => parse({ id: 'j1', state: 's', tree: { name: 'r', children: [{}] } }))),
    ).toBe(true)
  })

  it('exposes its schema and status mapper', () => {
    expect(parseJob.schema).toBe(JobSchema)
    expect(parseJob.statuses('queued')).toBe('pending')
    expect(parseJob.statuses.table).toEqual({ queued: 'pending', working: 'running', done: 'completed' })
  })
})

describe('createTaskRequest', () => {
  let server: LoopbackServer
  beforeEach(async () => {
    server = await startLoopbackServer()
  })
  afterEach(async () => {
    await server.close()
  })

  it('resolves the route with the id, sends it and parses the answer', async () => {
    server.reply(json(200, { id: 'a/b', state: 'done' }))
    const send = createTaskRequest(createHttpClient({ provider: 'acme', baseUrl: server.url }), parseJob)
    const task = await send('POST /jobs/{id}/stop', 'a/b', { headers: { 'x-trace': '1' } }, { query: { force: true } })
    expect(task).toMatchObject({ id: 'a/b', status: 'completed' })
    expect(server.requests[0]).toMatchObject({ method: 'POST', target: '/jobs/a%2Fb/stop?force=true' })
    expect(server.requests[0]?.headers['x-trace']).toBe('1')
  })

  it('puts the request on an InvalidPayloadError for an answer that is not a task', async () => {
    server.reply(json(200, { id: 7 }))
    const send = createTaskRequest(createHttpClient({ provider: 'acme', baseUrl: server.url }), parseJob)
    const error = await send('GET /jobs/{id}', 'j1', {}).catch((caught: unknown) => caught)
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error).toMatchObject({ method: 'GET', url: `${server.url}/jobs/j1`, status: 200, raw: { id: 7 } })
  })

  it('puts the id on a TaskNotFoundError', async () => {
    server.reply(json(404, { error: 'gone' }))
    const send = createTaskRequest(createHttpClient({ provider: 'acme', baseUrl: server.url }), parseJob)
    const error = await send('GET /jobs/{id}', 'j9', {}).catch((caught: unknown) => caught)
    expect(TaskNotFoundError.is(error)).toBe(true)
    expect(error).toMatchObject({ taskId: 'j9' })
  })
})

describe('createApiKeyHttpClient', () => {
  let server: LoopbackServer
  beforeEach(async () => {
    server = await startLoopbackServer()
  })
  afterEach(async () => {
    await server.close()
  })

  it('sends the key as a bearer token by default, or in the named header', async () => {
    server.reply(json(200, {}))
    await createApiKeyHttpClient(
      'acme',
      { apiKey: 'k-123456', baseUrl: `${server.url}/` },
      { baseUrl: 'https://x', envVar: 'ACME_KEY' },
    ).request('/a')
    await createApiKeyHttpClient(
      'acme',
      { apiKey: 'k-123456', baseUrl: server.url },
      { baseUrl: 'https://x', envVar: 'ACME_KEY', header: 'x-api-key' },
    ).request('/b')
    expect(server.requests[0]?.headers.authorization).toBe('Bearer k-123456')
    expect(server.requests[0]?.target).toBe('/a')
    expect(server.requests[1]?.headers['x-api-key']).toBe('k-123456')
    expect(server.requests[1]?.headers.authorization).toBeUndefined()
  })

  it('reads the environment variable at request time, naming it when it is missing', async () => {
    const http = createApiKeyHttpClient(
      'acme',
      { baseUrl: server.url },
      { baseUrl: 'https://x', envVar: 'ACME_KEY_FOR_TEST' },
    )
    await expect(http.request('/a')).rejects.toThrow('ACME_KEY_FOR_TEST')
    expect(server.requests).toHaveLength(0)
  })
})
