import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startXpanderEmulator, type XpanderEmulator } from '../src/xpander/emulator.js'
import {
  isoMicros,
  XPANDER_OUTPUT_FORMATS,
  XPANDER_REASONING_EFFORTS,
  XPANDER_SOURCES,
  XPANDER_STATUSES,
  XPANDER_THINK_MODES,
} from '../src/xpander/payloads.js'
import { XPANDER_SEED_AGENT_IDS, XPANDER_SEED_TASK_IDS } from '../src/xpander/seed-data.js'

let xpander: XpanderEmulator

beforeAll(async () => {
  xpander = await startXpanderEmulator()
})
afterEach(() => xpander.reset())
afterAll(() => xpander.close())

interface Answer {
  status: number
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
  body: any
}

async function call(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${xpander.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: init.headers ?? { 'x-api-key': xpander.apiKey, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await response.text()
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) }
}

const ids = XPANDER_SEED_TASK_IDS
const ownSeedIds = Object.entries(ids)
  .filter(([name]) => name !== 'otherOrganization')
  .map(([, id]) => id)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const ISO_MICROS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/

type Check = (value: unknown) => boolean
const isString: Check = (value) => typeof value === 'string'
const isBoolean: Check = (value) => typeof value === 'boolean'
const isObject: Check = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)
const isStringList: Check = (value) => Array.isArray(value) && value.every(isString)
const isTimestamp: Check = (value) => typeof value === 'string' && ISO_MICROS.test(value)
const oneOf =
  (values: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && values.includes(value)
const orNull =
  (check: Check): Check =>
  (value) =>
    value === null || check(value)
const shaped =
  (fields: Record<string, Check>): Check =>
  (value) =>
    isObject(value) &&
    Object.entries(fields).every(([field, check]) => check((value as Record<string, unknown>)[field]))

const userShape = shaped({
  id: isString,
  first_name: orNull(isString),
  last_name: orNull(isString),
  email: orNull(isString),
  additional_attributes: orNull(isObject),
  display_name: orNull(isString),
})
const hitlShape = shaped({ wait_node_id: isString, content: isString, title: orNull(isString) })
const ecaShape = shaped({ connector_name: isString, auth_url: isString })

/** Every field the seed and providers.md §2.5 name, with the type it must have. */
const fullRecord: Record<string, Check> = {
  id: (value) => typeof value === 'string' && UUID.test(value),
  agent_id: isString,
  organization_id: isString,
  input: shaped({ text: isString, files: isStringList, user: orNull(userShape) }),
  status: oneOf(XPANDER_STATUSES),
  internal_status: orNull(isString),
  last_executed_node_id: orNull(isString),
  agent_version: orNull(isString),
  created_at: isTimestamp,
  started_at: orNull(isTimestamp),
  paused_at: orNull(isTimestamp),
  finished_at: orNull(isTimestamp),
  result: orNull(isString),
  parent_execution: orNull(isString),
  sub_executions: isStringList,
  finished_sub_executions: isStringList,
  is_manually_stopped: isBoolean,
  payload_extension: orNull(isObject),
  hitl_request: orNull(hitlShape),
  pending_eca_request: orNull(ecaShape),
  source: oneOf(XPANDER_SOURCES),
  worker_id: orNull(isString),
  additional_context: orNull(isString),
  instructions_override: orNull(isString),
  expected_output: orNull(isString),
  output_format: oneOf(XPANDER_OUTPUT_FORMATS),
  output_schema: orNull(isObject),
  events_streaming: isBoolean,
  triggering_agent_id: orNull(isString),
  title: orNull(isString),
  think_mode: oneOf(XPANDER_THINK_MODES),
  llm_provider: orNull(isString),
  llm_model_name: orNull(isString),
  llm_reasoning_effort: orNull(oneOf(XPANDER_REASONING_EFFORTS)),
}

const listItemFields = [
  'id',
  'agent_id',
  'user_id',
  'parent_task_id',
  'triggering_agent_id',
  'organization_id',
  'status',
  'created_at',
  'updated_at',
  'source_node_type',
  'result',
  'title',
]

function expectFullRecord(record: Record<string, unknown>): void {
  expect(Object.keys(record).sort()).toEqual(Object.keys(fullRecord).sort())
  for (const [field, check] of Object.entries(fullRecord))
    expect(check(record[field]), `${field}: ${JSON.stringify(record[field])}`).toBe(true)
}

describe('seed fidelity: GET /v1/tasks/{id}', () => {
  it('answers every documented field with its type, for every seeded task', async () => {
    for (const id of ownSeedIds) {
      const { status, body } = await call(`/tasks/${id}`)
      expect(status).toBe(200)
      expect(body.id).toBe(id)
      expect(body.organization_id).toBe(xpander.organizationId)
      expectFullRecord(body)
    }
  })

  it('seeds every status and output format', async () => {
    const records = await Promise.all(ownSeedIds.map(async (id) => (await call(`/tasks/${id}`)).body))
    expect(new Set(records.map((record) => record.status))).toEqual(new Set(XPANDER_STATUSES))
    expect(new Set(records.map((record) => record.output_format))).toEqual(new Set(XPANDER_OUTPUT_FORMATS))
  })

  it('encodes a json result as a JSON string, and keeps markdown and text as they are', async () => {
    const json = (await call(`/tasks/${ids.completedJson}`)).body
    expect(json.output_format).toBe('json')
    expect(typeof json.result).toBe('string')
    expect(JSON.parse(json.result)).toMatchObject({ answer: expect.any(String) })
    const markdown = (await call(`/tasks/${ids.completedMarkdown}`)).body
    expect(markdown).toMatchObject({ output_format: 'markdown', result: expect.stringContaining('## ') })
  })

  it('has a null result while executing, and "" on a running parent with sub-executions', async () => {
    const executing = (await call(`/tasks/${ids.executingText}`)).body
    expect(executing).toMatchObject({ status: 'executing', output_format: 'text', result: null, finished_at: null })
    expect(executing.started_at).toMatch(ISO_MICROS)
    const parent = (await call(`/tasks/${ids.parentExecuting}`)).body
    expect(parent).toMatchObject({ status: 'executing', result: '' })
    expect(parent.sub_executions).toEqual([ids.childCompleted, ids.childExecuting])
    expect(parent.finished_sub_executions).toEqual([ids.childCompleted])
    const child = (await call(`/tasks/${ids.childCompleted}`)).body
    expect(child).toMatchObject({ parent_execution: ids.parentExecuting, triggering_agent_id: parent.agent_id })
  })

  it('has paused tasks waiting for a human, for an auth grant, and for neither', async () => {
    const hitl = (await call(`/tasks/${ids.pausedHitl}`)).body
    expect(hitl).toMatchObject({ status: 'paused', pending_eca_request: null })
    expect(hitl.hitl_request).toMatchObject({ wait_node_id: expect.any(String) })
    expect(hitl.paused_at).toMatch(ISO_MICROS)
    const eca = (await call(`/tasks/${ids.pausedEca}`)).body
    expect(eca).toMatchObject({ status: 'paused', hitl_request: null })
    expect(eca.pending_eca_request).toEqual({ connector_name: expect.any(String), auth_url: expect.any(String) })
    const plain = (await call(`/tasks/${ids.paused}`)).body
    expect(plain).toMatchObject({ status: 'paused', hitl_request: null, pending_eca_request: null })
  })
})

describe('errors', () => {
  const task = `/tasks/${ids.completedJson}`

  it('401 without a key', async () => {
    const answer = await call(task, { headers: {} })
    expect(answer.status).toBe(401)
    expect(answer.body).toEqual({ detail: expect.any(String) })
  })

  it('401 with the key as a Bearer token only', async () => {
    const answer = await call(task, { headers: { authorization: `Bearer ${xpander.apiKey}` } })
    expect(answer.status).toBe(401)
    expect(answer.body.detail).not.toContain(xpander.apiKey)
  })

  it('401 with a wrong key', async () => {
    expect((await call(task, { headers: { 'x-api-key': 'not-the-key' } })).status).toBe(401)
  })

  it('403 for a task of another organisation, on get, stop and delete', async () => {
    const other = `/tasks/${ids.otherOrganization}`
    for (const answer of [
      await call(other),
      await call(`${other}/stop`, { method: 'POST' }),
      await call(other, { method: 'DELETE' }),
    ]) {
      expect(answer.status).toBe(403)
      expect(answer.body).toEqual({ detail: expect.any(String) })
    }
  })

  it('404 for an unknown id', async () => {
    const answer = await call(`/tasks/${xpander.unknownTaskId()}`)
    expect(answer.status).toBe(404)
    expect(answer.body).toEqual({ detail: expect.any(String) })
  })

  it.each(['per_page=51', 'per_page=0', 'page=0', 'page=abc', 'status=running', 'from_date=yesterday'])(
    '400 for the list query %s',
    async (query) => {
      const answer = await call(`/tasks?${query}`)
      expect(answer.status).toBe(400)
      expect(answer.body).toEqual({ detail: expect.any(String) })
    },
  )

  it('400 for an invocation without input', async () => {
    const answer = await call(`/agents/${XPANDER_SEED_AGENT_IDS.research}/invoke/async`, {
      method: 'POST',
      body: { input: {} },
    })
    expect(answer.status).toBe(400)
    expect(answer.body.detail).toContain('text')
  })

  it('injected faults answer with the FastAPI error body', async () => {
    xpander.faults.inject('getTask', { type: 'status', status: 503 })
    expect(await call(task)).toEqual({ status: 503, body: { detail: expect.any(String) } })
  })
})

describe('POST /v1/agents/{agent_id}/invoke/async', () => {
  const agentId = XPANDER_SEED_AGENT_IDS.support
  const invoke = (body: unknown) => call(`/agents/${agentId}/invoke/async`, { method: 'POST', body })

  it('answers the new pending record, which executes after 1 s and completes after 5 s with a JSON-encoded result', async () => {
    const invokedAt = xpander.clock.now()
    const created = await invoke({ input: { text: 'Plan a trip' }, output_format: 'json', title: 'Trip' })
    expect(created.status).toBe(200)
    expectFullRecord(created.body)
    expect(created.body).toMatchObject({
      agent_id: agentId,
      status: 'pending',
      output_format: 'json',
      title: 'Trip',
      input: { text: 'Plan a trip', files: [], user: null },
      created_at: isoMicros(invokedAt),
      started_at: null,
      finished_at: null,
      result: null,
    })
    const id: string = created.body.id

    xpander.clock.advance(999)
    expect((await call(`/tasks/${id}`)).body.status).toBe('pending')
    xpander.clock.advance(1)
    const executing = (await call(`/tasks/${id}`)).body
    expect(executing).toMatchObject({ status: 'executing', started_at: isoMicros(invokedAt + 1000), result: null })

    xpander.clock.advance(4000)
    const completed = (await call(`/tasks/${id}`)).body
    expect(completed).toMatchObject({ status: 'completed', finished_at: isoMicros(invokedAt + 5000) })
    expect(JSON.parse(completed.result)).toMatchObject({ answer: expect.stringContaining('Plan a trip') })
    expectFullRecord(completed)
  })

  it('continues an existing task when the body names its id: same record, back to pending, new input', async () => {
    const first = (await invoke({ input: { text: 'Hello' } })).body
    xpander.clock.advance(5000)
    expect((await call(`/tasks/${first.id}`)).body.status).toBe('completed')

    const user = { id: 'user-7', first_name: 'Lin', last_name: 'Chen', email: 'lin@example.com' }
    const next = await invoke({ id: first.id, input: { text: 'And now?', user } })
    expect(next.status).toBe(200)
    expect(next.body).toMatchObject({
      id: first.id,
      created_at: first.created_at,
      status: 'pending',
      result: null,
      finished_at: null,
      input: { text: 'And now?', user: { ...user, additional_attributes: null, display_name: null } },
    })
    xpander.clock.advance(5000)
    expect((await call(`/tasks/${first.id}`)).body).toMatchObject({ status: 'completed', result: 'Done: And now?' })
  })

  it('refuses to continue a task it does not know (404) or may not see (403)', async () => {
    expect((await invoke({ id: xpander.unknownTaskId(), input: { text: 'x' } })).status).toBe(404)
    expect((await invoke({ id: ids.otherOrganization, input: { text: 'x' } })).status).toBe(403)
  })
})

describe('POST /v1/tasks/{id}/stop', () => {
  const stop = (id: string) => call(`/tasks/${id}/stop`, { method: 'POST' })

  it('stops a running task, and stopping it again changes nothing (idempotent)', async () => {
    const id = xpander.createTask()
    xpander.clock.advance(1500)
    const stopped = await stop(id)
    expect(stopped.status).toBe(200)
    expect(stopped.body).toMatchObject({
      id,
      status: 'stopped',
      is_manually_stopped: true,
      finished_at: isoMicros(xpander.clock.now()),
    })
    expectFullRecord(stopped.body)

    xpander.clock.advance(60_000)
    const again = await stop(id)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(stopped.body)
    expect(xpander.providerStatusOf(id)).toBe('stopped')
  })

  it('answers a task that has already ended unchanged', async () => {
    for (const id of [ids.completedJson, ids.failed, ids.error, ids.stopped]) {
      const before = (await call(`/tasks/${id}`)).body
      const answer = await stop(id)
      expect(answer.status).toBe(200)
      expect(answer.body).toEqual(before)
    }
  })

  it('stops the seeded executing, pending and paused tasks', async () => {
    for (const id of [ids.executingText, ids.pending, ids.pausedHitl]) {
      expect((await stop(id)).body).toMatchObject({ status: 'stopped', is_manually_stopped: true })
    }
  })
})

describe('GET /v1/tasks', () => {
  it('pages with the { items, total, page, per_page, total_pages } envelope, newest first', async () => {
    const first = await call('/tasks?per_page=5')
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ total: ownSeedIds.length, page: 1, per_page: 5, total_pages: 3 })
    const pages = [
      first.body,
      (await call('/tasks?per_page=5&page=2')).body,
      (await call('/tasks?per_page=5&page=3')).body,
    ]
    expect(pages.map((page) => page.items.length)).toEqual([5, 5, ownSeedIds.length - 10])
    const listed = pages.flatMap((page) => page.items.map((item: { id: string }) => item.id))
    expect(new Set(listed)).toEqual(new Set(ownSeedIds))
    const created = pages.flatMap((page) => page.items.map((item: { created_at: string }) => item.created_at))
    expect(created).toEqual([...created].sort().reverse())
    expect((await call('/tasks?per_page=5&page=4')).body.items).toEqual([])
  })

  it('defaults to page 1 of 20', async () => {
    expect((await call('/tasks')).body).toMatchObject({ page: 1, per_page: 20, total_pages: 1 })
  })

  it('lists the smaller item shape', async () => {
    for (const item of (await call('/tasks?per_page=50')).body.items) {
      expect(Object.keys(item).sort()).toEqual([...listItemFields].sort())
      expect(item.updated_at).toMatch(ISO_MICROS)
    }
    const child = (await call(`/tasks?parent_task_id=${ids.parentExecuting}`)).body.items
    expect(child.map((item: { id: string }) => item.id).sort()).toEqual([ids.childCompleted, ids.childExecuting])
    const [withUser] = (
      await call(`/tasks?status=completed&agent_id=${XPANDER_SEED_AGENT_IDS.research}`)
    ).body.items.filter((item: { id: string }) => item.id === ids.completedJson)
    expect(withUser).toMatchObject({ user_id: expect.any(String), result: expect.any(String), source_node_type: 'api' })
  })

  it('filters by status, agent_id and from_date/to_date', async () => {
    const paused = (await call('/tasks?status=paused')).body
    expect(paused.total).toBe(3)
    expect(paused.items.every((item: { status: string }) => item.status === 'paused')).toBe(true)

    const writer = (await call(`/tasks?agent_id=${XPANDER_SEED_AGENT_IDS.writer}`)).body
    expect(writer.items.map((item: { id: string }) => item.id).sort()).toEqual([ids.childCompleted, ids.childExecuting])

    const stopped = (await call(`/tasks/${ids.stopped}`)).body
    const since = (await call(`/tasks?from_date=${encodeURIComponent(stopped.created_at)}`)).body
    expect(since.items.map((item: { id: string }) => item.id)).toEqual([ids.stopped])
    const until = (await call(`/tasks?to_date=${encodeURIComponent(stopped.created_at)}`)).body
    expect(until.total).toBe(ownSeedIds.length)
  })

  it('serves the same list per agent at /v1/agents/{agent_id}/tasks', async () => {
    const answer = await call(`/agents/${XPANDER_SEED_AGENT_IDS.writer}/tasks`)
    expect(answer.body.total).toBe(2)
  })

  it('applies payload faults to the items of the envelope', async () => {
    xpander.faults.inject('listTasks', { type: 'unknown-status', value: 'surprise' })
    const page = (await call('/tasks?per_page=2')).body
    expect(page.items.map((item: { status: string }) => item.status)).toEqual(['surprise', 'surprise'])
    expect(page.total).toBe(ownSeedIds.length)
  })
})

describe('DELETE /v1/tasks/{id}', () => {
  it('answers 204 and deletes the task with its sub-executions', async () => {
    const answer = await call(`/tasks/${ids.parentExecuting}`, { method: 'DELETE' })
    expect(answer).toEqual({ status: 204, body: undefined })
    for (const id of [ids.parentExecuting, ids.childCompleted, ids.childExecuting])
      expect((await call(`/tasks/${id}`)).status).toBe(404)
  })
})

describe('harness', () => {
  it('can put a task in every provider status', async () => {
    expect(xpander.providerStatuses).toEqual(XPANDER_STATUSES)
    for (const status of xpander.providerStatuses) {
      const id = xpander.createTask(status)
      const record = (await call(`/tasks/${id}`)).body
      expect(record.status).toBe(status)
      expect(xpander.providerStatusOf(id)).toBe(status)
      expectFullRecord(record)
      xpander.clock.advance(60_000)
      expect(xpander.providerStatusOf(id), 'a task created in a status stays there').toBe(status)
    }
  })

  it('creates paused tasks waiting for a human unless told otherwise', async () => {
    expect((await call(`/tasks/${xpander.createTask('paused')}`)).body.hitl_request).toMatchObject({
      wait_node_id: expect.any(String),
    })
    const eca = xpander.createTask('paused', {
      pending_eca_request: { connector_name: 'Slack', auth_url: 'https://auth.example.com' },
    })
    expect((await call(`/tasks/${eca}`)).body).toMatchObject({
      hitl_request: null,
      pending_eca_request: { connector_name: 'Slack' },
    })
    expect(() => xpander.createTask('running')).toThrow(RangeError)
  })

  it('runs tasks created without a status through the lifecycle', async () => {
    const id = xpander.createTask(undefined, { output_format: 'markdown' })
    expect(xpander.providerStatusOf(id)).toBe('pending')
    xpander.clock.advance(1000)
    expect(xpander.providerStatusOf(id)).toBe('executing')
    xpander.clock.advance(4000)
    expect((await call(`/tasks/${id}`)).body).toMatchObject({
      status: 'completed',
      result: expect.stringContaining('## '),
    })
  })

  it('stops checking a task’s event stream once its reader has gone, even when the task never changes', async () => {
    const id = xpander.createTask('paused')
    const reads = vi.spyOn(xpander.tasks, 'get')
    const reader = new AbortController()
    const response = await fetch(`${xpander.url}/${xpander.organizationId}/agent-execution/${id}/events`, {
      headers: { 'x-api-key': xpander.apiKey },
      signal: reader.signal,
    })
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    // The stream checks the task every few milliseconds while someone reads it.
    await vi.waitFor(() => expect(reads.mock.calls.length).toBeGreaterThan(2), { timeout: 30_000 })
    reader.abort()
    await vi.waitFor(
      async () => {
        const before = reads.mock.calls.length
        await new Promise((resolve) => setTimeout(resolve, 50))
        expect(reads.mock.calls.length).toBe(before)
      },
      { timeout: 30_000 },
    )
    reads.mockRestore()
  })

  it('declares the routes, the base URL and the secrets', () => {
    expect(xpander.routes).toEqual({
      getTask: 'getTask',
      listTasks: 'listTasks',
      cancelTask: 'cancelTask',
      startTask: 'invokeAsync',
      streamTask: 'streamTask',
    })
    expect(xpander.baseUrl).toBe(`${xpander.url}/v1`)
    expect(xpander.secrets).toEqual([xpander.apiKey])
    expect(xpander.apiKey).toMatch(/^xpander-test-/)
    expect(UUID.test(xpander.unknownTaskId())).toBe(true)
  })

  it('invalidateCredentials makes the key refused, and keeps it among the secrets', async () => {
    const key = xpander.apiKey
    xpander.invalidateCredentials()
    expect(xpander.apiKey).toBe(key)
    expect(xpander.secrets).toContain(key)
    expect((await call(`/tasks/${ids.pending}`)).status).toBe(401)
  })

  it('reset restores the seeds, the original key, and clears faults and the request log', async () => {
    const originalKey = xpander.apiKey
    const created = xpander.createTask()
    await call(`/tasks/${ids.executingText}/stop`, { method: 'POST' })
    xpander.invalidateCredentials()
    xpander.faults.inject('getTask', { type: 'status', status: 500 }, { times: Infinity })

    xpander.reset()
    expect(xpander.apiKey).toBe(originalKey)
    expect(xpander.requests).toHaveLength(0)
    expect(xpander.faults.pending).toBe(0)
    expect(xpander.providerStatusOf(created)).toBeUndefined()
    expect((await call(`/tasks/${ids.executingText}`)).body).toMatchObject({
      status: 'executing',
      is_manually_stopped: false,
    })
    expect((await call('/tasks')).body.total).toBe(ownSeedIds.length)
  })

  it('records requests under the route names', async () => {
    await call(`/tasks/${ids.pending}`)
    await call('/tasks')
    expect(xpander.requests.map((request) => request.route)).toEqual(['getTask', 'listTasks'])
  })
})
