import {
  AuthenticationError,
  defineAdapter,
  InvalidArgumentError,
  InvalidPayloadError,
  ProviderApiError,
  ProviderConnectionError,
  RateLimitError,
  type Task,
  TaskNotFoundError,
  UnsupportedOperationError,
  waitForTask,
} from '@taskbridge/core'
import { useEmulator } from '@taskbridge/test-support/use-emulator'
import {
  rejectionOf,
  startXpanderEmulator,
  XPANDER_OTHER_ORGANIZATION_ID,
  XPANDER_SEED_AGENT_IDS,
  XPANDER_SEED_TASK_IDS,
  type XpanderEmulator,
} from '@taskbridge/testkit'
import { describe, expect, it, vi } from 'vitest'
import { createXpanderAdapter, type XpanderAdapterOptions } from '../src/index.js'

let emulator: XpanderEmulator

useEmulator(startXpanderEmulator, (started) => {
  emulator = started
})

function xpander(options: XpanderAdapterOptions = {}) {
  return createXpanderAdapter({
    baseUrl: emulator.baseUrl,
    apiKey: emulator.apiKey,
    retry: { backoffLimitMs: 20 },
    ...options,
  })
}

async function invoke(body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${emulator.baseUrl}/agents/${XPANDER_SEED_AGENT_IDS.writer}/invoke/async`, {
    method: 'POST',
    headers: { 'x-api-key': emulator.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { id: string }).id
}

const requestsTo = (route: string) => emulator.requests.filter((request) => request.route === route)

describe('following a task', () => {
  it('polls an invoked task with waitForTask until it completes with markdown output', async () => {
    const id = await invoke({ input: { text: 'Summarise the quarter' }, output_format: 'markdown' })
    const adapter = xpander()
    // Each poll lets a second of emulator time pass, so the task moves on between polls.
    const ticking = defineAdapter({
      provider: adapter.provider,
      getTask: (taskId, call) => {
        emulator.clock.advance(1000)
        return adapter.getTask(taskId, call)
      },
    })
    const seen: string[] = []
    const done = await waitForTask(ticking, id, {
      intervalMs: 1,
      maxIntervalMs: 1,
      timeoutMs: 10_000,
      onUpdate: (task) => seen.push(task.status),
    })
    expect(done.status).toBe('completed')
    expect(done.output?.format).toBe('markdown')
    expect(String(done.output?.value)).toMatch(/^## Result/)
    expect(done.input).toBe('Summarise the quarter')
    expect(seen).toEqual(['running', 'completed'])
  })

  it('stops a running task: cancelled, with providerStatus stopped', async () => {
    const id = await invoke({ input: { text: 'Write a long report' } })
    emulator.clock.advance(1500)
    const adapter = xpander()
    expect((await adapter.getTask(id)).status).toBe('running')
    const stopped = await adapter.cancelTask(id)
    expect(stopped).toMatchObject({ id, status: 'cancelled', providerStatus: 'stopped' })
    expect(stopped.metadata.isManuallyStopped).toBe(true)
    expect(stopped.finishedAt).toBeInstanceOf(Date)
    emulator.clock.advance(60_000)
    expect((await adapter.getTask(id)).status).toBe('cancelled')
  })

  it('stops idempotently: a finished task is returned unchanged', async () => {
    const adapter = xpander()
    const before = await adapter.getTask(XPANDER_SEED_TASK_IDS.completedMarkdown)
    const after = await adapter.cancelTask(XPANDER_SEED_TASK_IDS.completedMarkdown)
    expect(after.status).toBe('completed')
    expect(after.raw).toEqual(before.raw)
  })

  it('sends x-api-key and never an Authorization header', async () => {
    await xpander().getTask(XPANDER_SEED_TASK_IDS.completedMarkdown)
    const [request] = requestsTo('getTask')
    expect(request?.headers['x-api-key']).toBe(emulator.apiKey)
    expect(request?.headers.authorization).toBeUndefined()
    expect(request?.path).toBe(`/v1/tasks/${XPANDER_SEED_TASK_IDS.completedMarkdown}`)
  })
})

describe('listTasks', () => {
  it('fetches exactly 10 pages for 500 tasks at per_page 50, and 1 page when stopped after 30', async () => {
    const seeded = emulator.tasks.list().filter((task) => task.data.organization_id !== XPANDER_OTHER_ORGANIZATION_ID)
    for (let i = seeded.length; i < 500; i++) emulator.createTask('completed')

    let count = 0
    for await (const _ of xpander().listTasks({ pageSize: 50 })) count += 1
    expect(count).toBe(500)
    expect(requestsTo('listTasks')).toHaveLength(10)
    expect(requestsTo('listTasks').map((request) => request.query.get('page'))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ])

    emulator.clearRequests()
    const first: Task[] = []
    for await (const task of xpander().listTasks({ pageSize: 50 })) {
      first.push(task)
      if (first.length === 30) break
    }
    expect(first).toHaveLength(30)
    expect(requestsTo('listTasks')).toHaveLength(1)
  })

  it('clamps the page size to xpander’s maximum of 50', async () => {
    for await (const _ of xpander().listTasks({ pageSize: 500, limit: 1 })) break
    expect(requestsTo('listTasks')[0]?.query.get('per_page')).toBe('50')
  })

  it('maps agentId, one status and the creation range to the documented query names', async () => {
    const after = new Date('2026-01-01T07:00:00Z')
    const before = new Date('2026-01-01T09:00:00Z')
    const tasks: Task[] = []
    for await (const task of xpander().listTasks({
      agentId: XPANDER_SEED_AGENT_IDS.writer,
      status: 'completed',
      createdAfter: after,
      createdBefore: before,
    })) {
      tasks.push(task)
    }
    const query = requestsTo('listTasks')[0]?.query
    expect(query?.get('agent_id')).toBe(XPANDER_SEED_AGENT_IDS.writer)
    expect(query?.get('status')).toBe('completed')
    expect(query?.get('from_date')).toBe(after.toISOString())
    expect(query?.get('to_date')).toBe(before.toISOString())
    expect(tasks.length).toBeGreaterThan(0)
    expect(
      tasks.every((task) => task.status === 'completed' && task.metadata.agentId === XPANDER_SEED_AGENT_IDS.writer),
    ).toBe(true)
  })

  it('filters on the client when several xpander statuses are wanted', async () => {
    const tasks: Task[] = []
    for await (const task of xpander().listTasks({ status: 'failed' })) tasks.push(task)
    expect(requestsTo('listTasks')[0]?.query.get('status')).toBeNull()
    expect(new Set(tasks.map((task) => task.providerStatus))).toEqual(new Set(['failed', 'error']))
  })

  it('tells waiting_for_input from paused in a list, though list items cannot', async () => {
    const waiting: Task[] = []
    for await (const task of xpander().listTasks({ status: 'waiting_for_input' })) waiting.push(task)
    expect(waiting.map((task) => task.id).sort()).toEqual(
      [XPANDER_SEED_TASK_IDS.pausedHitl, XPANDER_SEED_TASK_IDS.pausedEca].sort(),
    )
    const paused: Task[] = []
    for await (const task of xpander().listTasks({ status: 'paused' })) paused.push(task)
    expect(paused.map((task) => task.id)).toEqual([XPANDER_SEED_TASK_IDS.paused])
  })

  it('skips a paused task deleted between reading the page and fetching its full record', async () => {
    const deleting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      const url = new URL(input instanceof Request ? input.url : String(input))
      if (url.pathname === '/v1/tasks') emulator.tasks.delete(XPANDER_SEED_TASK_IDS.pausedHitl)
      return response
    }
    const waiting: Task[] = []
    for await (const task of xpander({ fetch: deleting }).listTasks({ status: 'waiting_for_input' })) waiting.push(task)
    expect(waiting.map((task) => task.id)).toEqual([XPANDER_SEED_TASK_IDS.pausedEca])
    expect(requestsTo('getTask').some((request) => request.status === 404)).toBe(true)
  })

  it('marks list items as summaries', async () => {
    for await (const task of xpander().listTasks({ limit: 1 })) expect(task.metadata.summary).toBe(true)
  })
})

describe('errors', () => {
  it('has no pause, resume or answer, and says so without a request', async () => {
    const adapter = xpander()
    expect(adapter.capabilities).toEqual({
      get: true,
      list: true,
      start: true,
      idempotentStart: false,
      stream: true,
      pause: false,
      resume: false,
      answer: false,
      cancel: true,
    })
    const answer = await rejectionOf(adapter.answerTask(XPANDER_SEED_TASK_IDS.pausedHitl, { approved: true }))
    expect(UnsupportedOperationError.is(answer)).toBe(true)
    expect((answer as Error).message).toContain('no public route')
    const error = await rejectionOf(adapter.pauseTask(XPANDER_SEED_TASK_IDS.executingText))
    expect(UnsupportedOperationError.is(error)).toBe(true)
    expect((error as Error).message).toContain('waiting_for_input')
    expect(UnsupportedOperationError.is(await rejectionOf(adapter.resumeTask(XPANDER_SEED_TASK_IDS.pausedHitl)))).toBe(
      true,
    )
    expect(emulator.requests).toHaveLength(0)
  })

  it('gives AuthenticationError for a wrong key, with xpander’s detail', async () => {
    const error = await rejectionOf(
      xpander({ apiKey: 'xpander-wrong-key' }).getTask(XPANDER_SEED_TASK_IDS.completedMarkdown),
    )
    expect(AuthenticationError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 401 })
    expect(String(error)).not.toContain('xpander-wrong-key')
  })

  it('gives AuthenticationError (403) for a task of another organisation', async () => {
    const error = await rejectionOf(xpander().getTask(XPANDER_SEED_TASK_IDS.otherOrganization))
    expect(AuthenticationError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 403 })
  })

  it('gives TaskNotFoundError for an unknown id', async () => {
    const id = emulator.unknownTaskId()
    const error = await rejectionOf(xpander().getTask(id))
    expect(TaskNotFoundError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 404, taskId: id })
  })

  it('gives ProviderApiError with the detail for a 400', async () => {
    emulator.faults.inject('getTask', { type: 'status', status: 400, body: { detail: 'per_page must be at most 50' } })
    const error = await rejectionOf(xpander().getTask(XPANDER_SEED_TASK_IDS.completedMarkdown))
    expect(ProviderApiError.is(error)).toBe(true)
    expect((error as Error).message).toContain('per_page must be at most 50')
    expect((error as ProviderApiError).data).toEqual({ detail: 'per_page must be at most 50' })
  })

  it('waits out a short 429 and reports a long one as RateLimitError', async () => {
    emulator.faults.inject('getTask', { type: 'status', status: 429, retryAfter: '0' })
    await expect(xpander().getTask(XPANDER_SEED_TASK_IDS.completedMarkdown)).resolves.toMatchObject({
      status: 'completed',
    })
    emulator.faults.inject('getTask', { type: 'status', status: 429, retryAfter: '90' })
    const error = await rejectionOf(xpander().getTask(XPANDER_SEED_TASK_IDS.completedMarkdown))
    expect(RateLimitError.is(error)).toBe(true)
    expect((error as RateLimitError).retryAfterMs).toBe(90_000)
  })

  it('retries a 502 on GET but not a 500 on stop', async () => {
    emulator.faults.inject('getTask', { type: 'status', status: 502 })
    await expect(xpander().getTask(XPANDER_SEED_TASK_IDS.completedMarkdown)).resolves.toBeDefined()
    expect(requestsTo('getTask')).toHaveLength(2)
    emulator.faults.inject('cancelTask', { type: 'status', status: 500 })
    expect(ProviderApiError.is(await rejectionOf(xpander().cancelTask(XPANDER_SEED_TASK_IDS.executingText)))).toBe(true)
    expect(requestsTo('cancelTask')).toHaveLength(1)
  })

  it('gives ProviderConnectionError for a reset', async () => {
    emulator.faults.inject('getTask', { type: 'reset' }, { times: Infinity })
    const error = await rejectionOf(xpander({ retry: false }).getTask(XPANDER_SEED_TASK_IDS.completedMarkdown))
    expect(ProviderConnectionError.is(error)).toBe(true)
  })

  it('gives InvalidPayloadError for HTML, keeping it, and for a task without an id', async () => {
    emulator.faults.inject('getTask', { type: 'non-json' })
    const html = (await rejectionOf(xpander().getTask(XPANDER_SEED_TASK_IDS.completedMarkdown))) as InvalidPayloadError
    expect(InvalidPayloadError.is(html)).toBe(true)
    expect(String(html.raw)).toContain('<html>')
    emulator.faults.inject('getTask', { type: 'missing-fields', fields: ['id'] })
    const noId = (await rejectionOf(xpander().getTask(XPANDER_SEED_TASK_IDS.completedMarkdown))) as InvalidPayloadError
    expect(noId.issues[0]?.path).toEqual(['id'])
    expect((noId.raw as { status: string }).status).toBe('completed')
  })

  it('reports a list page that is not an envelope as InvalidPayloadError', async () => {
    emulator.faults.inject('listTasks', { type: 'status', status: 200, body: [{ id: 'x', status: 'completed' }] })
    const error = await rejectionOf(
      (async () => {
        for await (const _ of xpander().listTasks()) break
      })(),
    )
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as InvalidPayloadError).issues[0]?.path).toEqual([])
    expect((error as Error).message).toContain('xpander task list does not match the expected shape: (root)')
    expect(error).toMatchObject({ method: 'GET', status: 200 })
    expect((error as InvalidPayloadError).url).toContain('/v1/tasks?')
  })

  it('names the list request on an item of the page that is not a task', async () => {
    emulator.faults.inject('listTasks', { type: 'status', status: 200, body: { items: [{ status: 'completed' }] } })
    const error = await rejectionOf(
      (async () => {
        for await (const _ of xpander().listTasks()) break
      })(),
    )
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error).toMatchObject({ method: 'GET', status: 200 })
    expect((error as InvalidPayloadError).url).toContain('/v1/tasks?')
  })

  it('maps an unknown status to unknown', async () => {
    emulator.faults.inject('getTask', { type: 'unknown-status', value: 'thinking' })
    expect(await xpander().getTask(XPANDER_SEED_TASK_IDS.completedMarkdown)).toMatchObject({
      status: 'unknown',
      providerStatus: 'thinking',
    })
  })
})

describe('credentials', () => {
  it('reads XPANDER_API_KEY when apiKey is not given', async () => {
    vi.stubEnv('XPANDER_API_KEY', emulator.apiKey)
    const adapter = createXpanderAdapter({ baseUrl: emulator.baseUrl })
    await expect(adapter.getTask(XPANDER_SEED_TASK_IDS.completedMarkdown)).resolves.toBeDefined()
  })

  it('reads XPANDER_BASE_URL when baseUrl is not given, and baseUrl wins over it', async () => {
    vi.stubEnv('XPANDER_BASE_URL', emulator.baseUrl)
    const fromEnv = createXpanderAdapter({ apiKey: emulator.apiKey })
    await expect(fromEnv.getTask(XPANDER_SEED_TASK_IDS.completedMarkdown)).resolves.toBeDefined()
    expect(emulator.requests).toHaveLength(1)
    vi.stubEnv('XPANDER_BASE_URL', 'http://127.0.0.1:9')
    await expect(xpander().getTask(XPANDER_SEED_TASK_IDS.completedMarkdown)).resolves.toBeDefined()
    expect(emulator.requests).toHaveLength(2)
  })

  it('names the option and the variable when no key is set, without a request', async () => {
    vi.stubEnv('XPANDER_API_KEY', '')
    const error = await rejectionOf(createXpanderAdapter({ baseUrl: emulator.baseUrl }).getTask('t'))
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect((error as Error).message).toContain('XPANDER_API_KEY')
    expect(emulator.requests).toHaveLength(0)
  })
})
