import { inspect } from 'node:util'
import {
  AuthenticationError,
  InvalidArgumentError,
  InvalidPayloadError,
  ProviderApiError,
  ProviderConnectionError,
  RateLimitError,
  type Task,
  TaskNotFoundError,
  TimeoutError,
} from '@taskbridge/core'
import { useEmulator } from '@taskbridge/test-support/use-emulator'
import {
  rejectionOf,
  startWexaEmulator,
  thrownBy,
  WEXA_GET_TASK_SEED,
  WEXA_SEED_TASK_ID,
  type WexaEmulator,
} from '@taskbridge/testkit'
import { describe, expect, it, vi } from 'vitest'
import { createWexaAdapter, type WexaAdapterOptions } from '../src/index.js'
import { wexaAdapter } from './emulator-setup.js'

let emulator: WexaEmulator

useEmulator(startWexaEmulator, (started) => {
  emulator = started
})

const wexa = (options: WexaAdapterOptions = {}) => wexaAdapter(emulator, options)

async function collect(iterable: AsyncIterable<Task>): Promise<Task[]> {
  const tasks: Task[] = []
  for await (const task of iterable) tasks.push(task)
  return tasks
}

const requestsTo = (route: string) => emulator.requests.filter((request) => request.route === route)

describe('getTask', () => {
  it('returns the documented task exactly as the seed describes it', async () => {
    const task = await wexa().getTask(WEXA_SEED_TASK_ID)
    expect(task).toMatchObject({ id: WEXA_SEED_TASK_ID, status: 'completed', name: 'new platform' })
    expect(task.raw).toEqual(WEXA_GET_TASK_SEED)
  })

  it('sends x-api-key and projectID, and nothing secret elsewhere', async () => {
    await wexa({ headers: { 'x-team': 'ops' } }).getTask(WEXA_SEED_TASK_ID)
    const [request] = requestsTo('getTask')
    expect(request?.headers['x-api-key']).toBe(emulator.apiKey)
    expect(request?.headers['x-team']).toBe('ops')
    expect(request?.headers.accept).toBe('application/json')
    expect(request?.target).toBe(`/task/${WEXA_SEED_TASK_ID}?projectID=${emulator.projectId}`)
  })

  it('follows a task through its lifecycle on the emulator clock', async () => {
    const id = emulator.createTask()
    const adapter = wexa()
    expect((await adapter.getTask(id)).status).toBe('pending')
    emulator.clock.advance(1000)
    expect((await adapter.getTask(id)).status).toBe('running')
    emulator.clock.advance(4000)
    const done = await adapter.getTask(id)
    expect(done.status).toBe('completed')
    expect(done.output?.format).toBe('markdown')
  })
})

describe('bad input and failures', () => {
  it.each(['a/b', '/', 'task/../x'])('refuses the id %j before any request', async (id) => {
    const error = await rejectionOf(wexa().getTask(id))
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect((error as Error).message).toContain('cannot contain "/"')
    expect(emulator.requests).toHaveLength(0)
  })

  it('refuses an empty id on stop, the mistake in Wexa’s own example', async () => {
    expect(InvalidArgumentError.is(await rejectionOf(wexa().cancelTask('')))).toBe(true)
    expect(emulator.requests).toHaveLength(0)
  })

  it('reports a body that is not JSON as InvalidPayloadError, keeping the text', async () => {
    emulator.faults.inject('getTask', { type: 'non-json' }, { times: Infinity })
    const error = (await rejectionOf(wexa().getTask(WEXA_SEED_TASK_ID))) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(String(error.raw)).toContain('<html>')
  })

  it('reports JSON that is not a task as InvalidPayloadError naming the field, keeping the payload', async () => {
    emulator.faults.inject('getTask', { type: 'missing-fields', fields: ['_id'] })
    const error = (await rejectionOf(wexa().getTask(WEXA_SEED_TASK_ID))) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error.issues[0]?.path).toEqual(['_id'])
    expect(error.message).toContain('_id')
    expect((error.raw as { name?: string }).name).toBe('new platform')
  })

  it('maps an unknown status to unknown and keeps it', async () => {
    emulator.faults.inject('getTask', { type: 'unknown-status', value: 'archived' })
    expect(await wexa().getTask(WEXA_SEED_TASK_ID)).toMatchObject({ status: 'unknown', providerStatus: 'archived' })
  })

  it('gives AuthenticationError for a wrong key, without the key in it', async () => {
    const error = await rejectionOf(wexa({ apiKey: 'wexa-wrong-key-123' }).getTask(WEXA_SEED_TASK_ID))
    expect(AuthenticationError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 401, provider: 'wexa' })
    for (const shown of [String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(shown).not.toContain('wexa-wrong-key-123')
    }
  })

  it('gives TaskNotFoundError for an unknown id, and for a task of another project', async () => {
    const unknown = await rejectionOf(wexa().getTask(emulator.unknownTaskId()))
    expect(TaskNotFoundError.is(unknown)).toBe(true)
    const otherProject = await rejectionOf(wexa({ projectId: 'ffffffffffffffffffffffff' }).getTask(WEXA_SEED_TASK_ID))
    expect(TaskNotFoundError.is(otherProject)).toBe(true)
    expect((otherProject as TaskNotFoundError).taskId).toBe(WEXA_SEED_TASK_ID)
  })

  it('waits out a short Retry-After on 429 and succeeds', async () => {
    emulator.faults.inject('getTask', { type: 'status', status: 429, retryAfter: '0' })
    await expect(wexa().getTask(WEXA_SEED_TASK_ID)).resolves.toMatchObject({ id: WEXA_SEED_TASK_ID })
    expect(requestsTo('getTask')).toHaveLength(2)
  })

  it('gives RateLimitError with retryAfterMs for a long Retry-After', async () => {
    emulator.faults.inject('getTask', { type: 'status', status: 429, retryAfter: '120' })
    const error = await rejectionOf(wexa().getTask(WEXA_SEED_TASK_ID))
    expect(RateLimitError.is(error)).toBe(true)
    expect((error as RateLimitError).retryAfterMs).toBe(120_000)
    expect(requestsTo('getTask')).toHaveLength(1)
  })

  it('retries a 500 on GET', async () => {
    emulator.faults.inject('getTask', { type: 'status', status: 500 })
    await expect(wexa().getTask(WEXA_SEED_TASK_ID)).resolves.toMatchObject({ status: 'completed' })
    expect(requestsTo('getTask')).toHaveLength(2)
  })

  it('does not retry a 500 on stop', async () => {
    const id = emulator.createTask('running')
    emulator.faults.inject('cancelTask', { type: 'status', status: 500 })
    const error = await rejectionOf(wexa().cancelTask(id))
    expect(ProviderApiError.is(error)).toBe(true)
    expect(requestsTo('cancelTask')).toHaveLength(1)
    expect(emulator.providerStatusOf(id)).toBe('running')
  })

  it('gives ProviderConnectionError for a reset connection', async () => {
    emulator.faults.inject('getTask', { type: 'reset' }, { times: Infinity })
    const error = await rejectionOf(wexa({ retry: false }).getTask(WEXA_SEED_TASK_ID))
    expect(ProviderConnectionError.is(error)).toBe(true)
    expect(requestsTo('getTask')).toHaveLength(1)
  })

  it('gives TimeoutError when a call runs past its timeoutMs', async () => {
    emulator.faults.inject('getTask', { type: 'delay', ms: 30_000 })
    const error = await rejectionOf(wexa().getTask(WEXA_SEED_TASK_ID, { timeoutMs: 100 }))
    expect(TimeoutError.is(error)).toBe(true)
  })
})

describe('credentials and options', () => {
  it('reads WEXA_API_KEY and WEXA_PROJECT_ID when the options are not given', async () => {
    vi.stubEnv('WEXA_API_KEY', emulator.apiKey)
    vi.stubEnv('WEXA_PROJECT_ID', emulator.projectId)
    const adapter = createWexaAdapter({ baseUrl: emulator.baseUrl })
    await expect(adapter.getTask(WEXA_SEED_TASK_ID)).resolves.toMatchObject({ status: 'completed' })
  })

  it('reads WEXA_BASE_URL when baseUrl is not given, and baseUrl wins over it', async () => {
    vi.stubEnv('WEXA_BASE_URL', emulator.baseUrl)
    const fromEnv = createWexaAdapter({ apiKey: emulator.apiKey, projectId: emulator.projectId })
    await expect(fromEnv.getTask(WEXA_SEED_TASK_ID)).resolves.toMatchObject({ status: 'completed' })
    expect(emulator.requests).toHaveLength(1)
    vi.stubEnv('WEXA_BASE_URL', 'http://127.0.0.1:9')
    await expect(wexa().getTask(WEXA_SEED_TASK_ID)).resolves.toMatchObject({ status: 'completed' })
    expect(emulator.requests).toHaveLength(2)
  })

  it('is created without credentials, and the first call names what is missing', async () => {
    vi.stubEnv('WEXA_API_KEY', '')
    const adapter = createWexaAdapter({ baseUrl: emulator.baseUrl, projectId: emulator.projectId })
    const error = await rejectionOf(adapter.getTask(WEXA_SEED_TASK_ID))
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect((error as Error).message).toContain('`apiKey`')
    expect((error as Error).message).toContain('WEXA_API_KEY')
    expect(emulator.requests).toHaveLength(0)
  })

  it('refuses a malformed route override when created', () => {
    expect(() => createWexaAdapter({ routes: { listTasks: '/tasks' } })).toThrow(InvalidArgumentError)
  })

  it('uses a route override', async () => {
    const adapter = wexa({ routes: { getTask: 'GET /nowhere/{id}' } })
    expect(TaskNotFoundError.is(await rejectionOf(adapter.getTask(WEXA_SEED_TASK_ID)))).toBe(true)
    expect(emulator.requests[0]?.target).toBe(`/nowhere/${WEXA_SEED_TASK_ID}?projectID=${emulator.projectId}`)
  })

  it('refuses plain http to a remote host when created', () => {
    const error = thrownBy(() => wexa({ baseUrl: 'http://api.wexa.ai' }))
    expect(InvalidArgumentError.is(error)).toBe(true)
  })
})

describe('listTasks', () => {
  it('pages through every task of the project', async () => {
    const all = await collect(wexa().listTasks({ pageSize: 3 }))
    const expected = emulator.tasks.list().length
    expect(all).toHaveLength(expected)
    expect(new Set(all.map((task) => task.id)).size).toBe(expected)
    expect(requestsTo('listTasks')[0]?.query.get('limit')).toBe('3')
  })

  it('pages on, and skips nothing, when the server caps the page size', async () => {
    // As a server that serves at most 3 per page whatever it is asked.
    const capping: typeof fetch = (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init)
      return fetch(new Request(request.url.replace(/limit=\d+/, 'limit=3'), request))
    }
    const all = await collect(wexa({ fetch: capping }).listTasks({ pageSize: 20 }))
    expect(all).toHaveLength(emulator.tasks.list().length)
  })

  it('ends, listing each task once, when the server ignores skip and gives no total', async () => {
    // As a server that always answers with its first page and no total.
    const stuck: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init)
      const response = await fetch(new Request(request.url.replace(/skip=\d+/, 'skip=0'), request))
      const { total: _, ...body } = (await response.json()) as Record<string, unknown>
      return Response.json(body, { status: response.status })
    }
    const all = await collect(wexa({ fetch: stuck }).listTasks({ pageSize: 3 }))
    expect(all.map((task) => task.id)).toEqual(
      emulator.tasks
        .list()
        .slice(0, 3)
        .map((task) => task.id),
    )
    expect(requestsTo('listTasks')).toHaveLength(2)
  })

  it('filters by normalised status itself: the list route has no status filter', async () => {
    const tasks = await collect(wexa().listTasks({ status: ['pending'] }))
    expect(tasks.length).toBeGreaterThan(0)
    expect(tasks.every((task) => task.status === 'pending')).toBe(true)
    expect(requestsTo('listTasks')[0]?.query.has('status')).toBe(false)
  })

  it('sends no request for a status no Wexa status maps to', async () => {
    expect(await collect(wexa().listTasks({ status: 'timed_out' }))).toEqual([])
    expect(emulator.requests).toHaveLength(0)
  })

  it('filters by creation time', async () => {
    const all = await collect(wexa().listTasks())
    const newest = Math.max(...all.map((task) => task.createdAt?.getTime() ?? 0))
    const recent = await collect(wexa().listTasks({ createdAfter: new Date(newest) }))
    expect(recent.length).toBeGreaterThan(0)
    expect(recent.every((task) => (task.createdAt?.getTime() ?? 0) >= newest)).toBe(true)
  })
})

describe('pause, resume and stop', () => {
  it('pauses, resumes and stops a task, answering with the task each time', async () => {
    const id = emulator.createTask('running')
    const adapter = wexa()
    expect(await adapter.pauseTask(id)).toMatchObject({ id, status: 'paused' })
    expect(await adapter.resumeTask(id)).toMatchObject({ id, status: 'running' })
    const stopped = await adapter.cancelTask(id)
    expect(stopped).toMatchObject({ id, status: 'cancelled', providerStatus: 'cancelled' })
    expect(requestsTo('cancelTask')[0]?.target).toBe(`/task/${id}/stop`)
    expect(requestsTo('cancelTask')[0]?.status).toBe(201)
  })

  it('returns a finished task unchanged when asked to stop it, though Wexa refuses with 400', async () => {
    const before = await wexa().getTask(WEXA_SEED_TASK_ID)
    const task = await wexa().cancelTask(WEXA_SEED_TASK_ID)
    expect(task).toMatchObject({ id: WEXA_SEED_TASK_ID, status: 'completed', providerStatus: before.providerStatus })
    expect(requestsTo('cancelTask').map((request) => request.status)).toEqual([400])
    expect(emulator.providerStatusOf(WEXA_SEED_TASK_ID)).toBe('completed')
  })
})
