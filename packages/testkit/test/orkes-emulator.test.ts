import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ORKES_SEED_TASK_ID, type OrkesEmulator, startOrkesEmulator } from '../src/orkes/emulator.js'
import {
  ORKES_TASK_STATUSES,
  ORKES_WORKFLOW_STATUSES,
  type OrkesSearchResult,
  type OrkesTaskPayload,
  type OrkesTaskSummary,
  type OrkesWorkflowPayload,
  type OrkesWorkflowSummary,
} from '../src/orkes/payloads.js'
import { ORKES_SEED_TASK_JSON, ORKES_SEED_WORKFLOW_ID } from '../src/orkes/seed-data.js'

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

let orkes: OrkesEmulator
let token: string

async function exchange(emulator: OrkesEmulator, keyId = emulator.keyId, keySecret = emulator.keySecret) {
  return fetch(`${emulator.url}/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ keyId, keySecret }),
  })
}

async function login(emulator: OrkesEmulator): Promise<string> {
  const response = await exchange(emulator)
  expect(response.status).toBe(200)
  return ((await response.json()) as { token: string }).token
}

/** A call to the emulator with a token (or the given `X-Authorization` value, or none). */
function call(path: string, options: { method?: string; auth?: string | null; emulator?: OrkesEmulator } = {}) {
  const { method = 'GET', auth = token, emulator = orkes } = options
  return fetch(`${emulator.url}${path}`, { method, headers: auth === null ? {} : { 'X-Authorization': auth } })
}

async function json<T>(path: string): Promise<T> {
  const response = await call(path)
  expect(response.status, path).toBe(200)
  return (await response.json()) as T
}

const getTask = (id: string) => json<OrkesTaskPayload>(`/api/tasks/${id}`)
const getWorkflow = (id: string) => json<OrkesWorkflowPayload>(`/api/workflow/${id}`)
const searchTasks = (params: string) => json<OrkesSearchResult<OrkesTaskSummary>>(`/api/tasks/search?${params}`)
const searchWorkflows = (params: string) =>
  json<OrkesSearchResult<OrkesWorkflowSummary>>(`/api/workflow/search?${params}`)

function decodeJwt(jwt: string): Record<string, unknown> {
  const parts = jwt.split('.')
  expect(parts).toHaveLength(3)
  return JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>
}

beforeAll(async () => {
  orkes = await startOrkesEmulator()
  token = await login(orkes)
})
afterEach(() => orkes.reset())
afterAll(() => orkes.close())

describe('seed fidelity', () => {
  it('serves the documented task, field for field, after a token exchange', async () => {
    const response = await call(`/api/tasks/${ORKES_SEED_TASK_ID}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/json')
    const body = (await response.json()) as Record<string, unknown>
    const seed = JSON.parse(ORKES_SEED_TASK_JSON) as Record<string, unknown>
    expect(Object.keys(body)).toEqual(Object.keys(seed))
    for (const [field, value] of Object.entries(seed)) expect(body[field], field).toEqual(value)
    expect(body.taskDefinition).toBeNull()
  })

  it("has the seed task's workflow, which holds the seed task", async () => {
    const workflow = await getWorkflow(ORKES_SEED_WORKFLOW_ID)
    expect(workflow).toMatchObject({
      workflowId: ORKES_SEED_WORKFLOW_ID,
      workflowName: 'DemoWorkflow',
      workflowVersion: 1,
      status: 'COMPLETED',
    })
    expect(workflow.tasks).toEqual([JSON.parse(ORKES_SEED_TASK_JSON)])
    expect(workflow.endTime).toBeGreaterThanOrEqual(workflow.tasks?.[0]?.endTime ?? Number.POSITIVE_INFINITY)
  })
})

describe('unknown task ids', () => {
  it('answer 400 by default, then 404 or an empty 204 as configured, until reset', async () => {
    const id = orkes.unknownTaskId()
    const byDefault = await call(`/api/tasks/${id}`)
    expect(byDefault.status).toBe(400)
    expect(await byDefault.json()).toMatchObject({
      status: 400,
      instance: 'orkes-emulator',
      retryable: false,
      validationErrors: [],
    })

    orkes.unknownTaskResponse = 404
    const notFound = await call(`/api/tasks/${id}`)
    expect(notFound.status).toBe(404)
    expect(await notFound.json()).toMatchObject({ status: 404, message: expect.stringContaining(id) })

    orkes.unknownTaskResponse = 204
    const empty = await call(`/api/tasks/${id}`)
    expect(empty.status).toBe(204)
    expect(await empty.text()).toBe('')

    orkes.reset()
    expect((await call(`/api/tasks/${id}`)).status).toBe(400)
  })

  it('an unknown workflow id answers 404', async () => {
    const response = await call(`/api/workflow/${orkes.unknownTaskId()}`)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ status: 404, retryable: false })
  })
})

describe('tokens', () => {
  it('are refused for a wrong key id or secret', async () => {
    expect((await exchange(orkes, orkes.keyId, 'not-the-secret')).status).toBe(401)
    expect((await exchange(orkes, 'not-the-key-id', orkes.keySecret)).status).toBe(401)
  })

  it.each([
    ['no header', null],
    ['a Bearer prefix', () => `Bearer ${token}`],
    ['a token it never issued', () => `${token.slice(0, -4)}AAAA`],
  ])('a call with %s answers 401 INVALID_TOKEN', async (_, auth) => {
    const response = await call(`/api/tasks/${ORKES_SEED_TASK_ID}`, {
      auth: typeof auth === 'function' ? auth() : auth,
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ status: 401, message: 'Invalid token', error: 'INVALID_TOKEN' })
  })

  it('carry a readable real-world exp and expire when the virtual clock passes it', async () => {
    await using emulator = await startOrkesEmulator({ tokenTtlMs: 600_000 })
    const before = Math.floor(Date.now() / 1000)
    const jwt = await login(emulator)
    const { sub, iat, exp } = decodeJwt(jwt) as { sub: string; iat: number; exp: number }
    expect(sub).toBe(emulator.keyId)
    expect(iat).toBeGreaterThanOrEqual(before)
    expect(exp - iat).toBe(600)
    const path = `/api/tasks/${ORKES_SEED_TASK_ID}`
    emulator.clock.advance(599_999)
    expect((await call(path, { emulator, auth: jwt })).status).toBe(200)
    emulator.clock.advance(1)
    const expired = await call(path, { emulator, auth: jwt })
    expect(expired.status).toBe(401)
    expect(await expired.json()).toEqual({ status: 401, message: 'Token expired', error: 'EXPIRED_TOKEN' })
    expect((await call(path, { emulator, auth: await login(emulator) })).status).toBe(200)
    expect(emulator.tokensIssued).toBe(2)
  })

  it('expireTokens() refuses every token issued so far; new ones work', async () => {
    await using emulator = await startOrkesEmulator()
    const first = await login(emulator)
    emulator.expireTokens()
    expect((await call(`/api/tasks/${ORKES_SEED_TASK_ID}`, { emulator, auth: first })).status).toBe(401)
    expect((await call(`/api/tasks/${ORKES_SEED_TASK_ID}`, { emulator, auth: await login(emulator) })).status).toBe(200)
  })

  it('invalidateCredentials() rotates the secret and expires tokens; reset() restores the secret', async () => {
    await using emulator = await startOrkesEmulator()
    const original = emulator.keySecret
    const first = await login(emulator)
    emulator.invalidateCredentials()
    expect(emulator.keySecret).not.toBe(original)
    expect((await exchange(emulator, emulator.keyId, original)).status).toBe(401)
    expect((await call(`/api/tasks/${ORKES_SEED_TASK_ID}`, { emulator, auth: first })).status).toBe(401)
    expect(emulator.secrets).toEqual(expect.arrayContaining([original, emulator.keySecret, first]))
    emulator.reset()
    expect(emulator.keySecret).toBe(original)
    expect((await exchange(emulator)).status).toBe(200)
  })

  it('survive reset(), so a client keeps working across tests', async () => {
    orkes.reset()
    expect((await call(`/api/tasks/${ORKES_SEED_TASK_ID}`)).status).toBe(200)
  })

  it('are not needed by an open-source server: /api/token answers 404 and calls need no header', async () => {
    await using oss = await startOrkesEmulator({ requireAuth: false })
    expect((await exchange(oss)).status).toBe(404)
    expect((await call(`/api/tasks/${ORKES_SEED_TASK_ID}`, { emulator: oss, auth: null })).status).toBe(200)
    expect((await call('/api/workflow/search', { emulator: oss, auth: null })).status).toBe(200)
  })

  it('an open-source server turns authentication on when credentials are invalidated, and off on reset', async () => {
    await using oss = await startOrkesEmulator({ requireAuth: false })
    const path = `/api/tasks/${ORKES_SEED_TASK_ID}`
    const keySecret = oss.keySecret
    oss.invalidateCredentials()
    expect((await call(path, { emulator: oss, auth: null })).status).toBe(401)
    expect((await exchange(oss, oss.keyId, keySecret)).status).toBe(401)
    oss.reset()
    expect((await exchange(oss)).status).toBe(404)
    expect((await call(path, { emulator: oss, auth: null })).status).toBe(200)
  })

  it('are listed in secrets with the key secret', () => {
    expect(orkes.secrets).toEqual(expect.arrayContaining([orkes.keySecret, token]))
    expect(orkes.tokensIssued).toBeGreaterThanOrEqual(1)
  })
})

describe('search', () => {
  it('pages tasks with start and size and counts them all in totalHits', async () => {
    const first = await searchTasks('start=0&size=5&sort=&freeText=*')
    expect(first.results).toHaveLength(5)
    expect(first.totalHits).toBeGreaterThan(10)
    const seen = new Set<string>()
    for (let start = 0; start < first.totalHits; start += 5) {
      const page = await searchTasks(`start=${start}&size=5`)
      expect(page.totalHits).toBe(first.totalHits)
      for (const summary of page.results) seen.add(summary.taskId)
    }
    expect(seen.size).toBe(first.totalHits)
    expect(seen).toContain(ORKES_SEED_TASK_ID)
    expect((await searchTasks(`start=${first.totalHits}&size=5`)).results).toEqual([])
  })

  it('summarises tasks with string times and serialized input and output', async () => {
    const { results } = await searchTasks(`query=${encodeURIComponent('taskType = HTTP')}`)
    const seed = JSON.parse(ORKES_SEED_TASK_JSON) as OrkesTaskPayload
    expect(results).toHaveLength(1)
    const summary = results[0] as OrkesTaskSummary
    expect(summary).toMatchObject({
      taskId: ORKES_SEED_TASK_ID,
      taskType: 'HTTP',
      taskDefName: 'http',
      workflowId: ORKES_SEED_WORKFLOW_ID,
      workflowType: 'DemoWorkflow',
      status: 'COMPLETED',
      scheduledTime: new Date(seed.scheduledTime).toISOString(),
      startTime: new Date(seed.startTime).toISOString(),
      updateTime: new Date(seed.updateTime).toISOString(),
      endTime: new Date(seed.endTime).toISOString(),
      executionTime: seed.endTime - seed.startTime,
      queueWaitTime: 0,
      workflowPriority: 0,
    })
    expect(JSON.parse(summary.input)).toEqual(seed.inputData)
    expect(JSON.parse(summary.output)).toEqual(seed.outputData)
  })

  it('formats an unset time as the epoch, as the OSS TaskSummary does', async () => {
    const { results } = await searchTasks(`query=${encodeURIComponent('status = SCHEDULED')}`)
    expect(results.length).toBeGreaterThan(0)
    for (const summary of results) {
      expect(summary.scheduledTime).toMatch(ISO_UTC)
      expect(summary.startTime).toBe('1970-01-01T00:00:00.000Z')
      expect(summary.executionTime).toBe(0)
    }
  })

  it('filters with status IN (…), status = … and workflowType joined with AND', async () => {
    const failed = await searchTasks(`query=${encodeURIComponent('status IN (FAILED,FAILED_WITH_TERMINAL_ERROR)')}`)
    expect(failed.totalHits).toBe(2)
    expect(failed.results.map((summary) => summary.status).sort()).toEqual(['FAILED', 'FAILED_WITH_TERMINAL_ERROR'])
    const query = "status = COMPLETED AND workflowType = 'order_fulfillment'"
    const completed = await searchTasks(`size=100&query=${encodeURIComponent(query)}`)
    expect(completed.totalHits).toBeGreaterThan(0)
    for (const summary of completed.results)
      expect(summary).toMatchObject({ status: 'COMPLETED', workflowType: 'order_fulfillment' })
  })

  it('sorts by a field and answers 400 to a query it cannot read', async () => {
    const { results } = await searchTasks('sort=scheduledTime:DESC')
    const times = results.map((summary) => summary.scheduledTime)
    expect(times).toEqual([...times].sort().reverse())
    const refused = await call(`/api/tasks/search?query=${encodeURIComponent('status LIKE FAIL%')}`)
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ status: 400, retryable: false })
  })

  it('pages and filters workflows, with summary times as strings', async () => {
    const first = await searchWorkflows('start=0&size=5')
    expect(first.results).toHaveLength(5)
    const second = await searchWorkflows('start=5&size=5')
    expect(second.totalHits).toBe(first.totalHits)
    expect(first.results.length + second.results.length).toBe(first.totalHits)
    const paused = await searchWorkflows(`query=${encodeURIComponent('status = PAUSED')}`)
    expect(paused.totalHits).toBe(1)
    const summary = paused.results[0] as OrkesWorkflowSummary
    expect(summary).toMatchObject({ workflowType: 'order_fulfillment', version: 1, status: 'PAUSED', executionTime: 0 })
    expect(summary.startTime).toMatch(ISO_UTC)
    expect(summary.updateTime).toMatch(ISO_UTC)
    expect(summary).not.toHaveProperty('endTime')
    expect(JSON.parse(summary.input)).toEqual({ orderId: 'ord-1002' })
  })

  it('applies payload faults to each result inside the envelope', async () => {
    orkes.faults.inject('searchTasks', { type: 'unknown-status', value: 'SURPRISE' })
    const { results, totalHits } = await searchTasks('size=3')
    expect(totalHits).toBeGreaterThan(3)
    expect(results.map((summary) => summary.status)).toEqual(['SURPRISE', 'SURPRISE', 'SURPRISE'])
  })
})

describe('pause, resume and terminate', () => {
  const control = (method: string, path: string) => call(path, { method })

  it('pause a RUNNING workflow and resume only a PAUSED one, answering 200 with an empty body', async () => {
    const id = orkes.workflowHarness().createTask()
    const paused = await control('PUT', `/api/workflow/${id}/pause`)
    expect(paused.status).toBe(200)
    expect(await paused.text()).toBe('')
    expect((await getWorkflow(id)).status).toBe('PAUSED')

    // Pausing again does nothing, as on the open-source server.
    expect((await control('PUT', `/api/workflow/${id}/pause`)).status).toBe(200)
    expect((await getWorkflow(id)).status).toBe('PAUSED')

    expect((await control('PUT', `/api/workflow/${id}/resume`)).status).toBe(200)
    expect((await getWorkflow(id)).status).toBe('RUNNING')
    expect((await control('PUT', `/api/workflow/${id}/resume`)).status).toBe(409)
  })

  it('terminate ends the workflow with the reason and cancels its unfinished tasks', async () => {
    const id = orkes.workflowHarness().createTask('RUNNING')
    const before = await getWorkflow(id)
    expect(before.tasks?.map((task) => task.status)).toEqual(['COMPLETED', 'IN_PROGRESS'])
    const query = `reason=${encodeURIComponent('customer cancelled')}&triggerFailureWorkflow=false`
    const response = await control('DELETE', `/api/workflow/${id}?${query}`)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
    const after = await getWorkflow(id)
    expect(after).toMatchObject({ status: 'TERMINATED', reasonForIncompletion: 'customer cancelled' })
    expect(after.endTime).toBe(orkes.clock.now())
    expect(after.tasks?.map((task) => task.status)).toEqual(['COMPLETED', 'CANCELED'])
    expect(after.tasks?.[1]?.endTime).toBe(orkes.clock.now())
    expect((await control('DELETE', `/api/workflow/${id}`)).status).toBe(409)
  })

  it('terminate works on a paused workflow and cancels a scheduled task', async () => {
    const [paused] = (await searchWorkflows(`query=${encodeURIComponent('status = PAUSED')}`)).results
    const id = paused?.workflowId ?? ''
    expect((await control('DELETE', `/api/workflow/${id}`)).status).toBe(200)
    const after = await getWorkflow(id)
    expect(after.status).toBe('TERMINATED')
    expect(after.tasks?.map((task) => task.status)).toEqual(['COMPLETED', 'CANCELED'])
  })

  it.each(['COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED'])(
    'refuses to pause or terminate a %s workflow (409)',
    async (status) => {
      const id = orkes.workflowHarness().createTask(status)
      expect((await control('PUT', `/api/workflow/${id}/pause`)).status).toBe(409)
      expect((await control('PUT', `/api/workflow/${id}/resume`)).status).toBe(409)
      const refused = await control('DELETE', `/api/workflow/${id}`)
      expect(refused.status).toBe(409)
      expect(await refused.json()).toMatchObject({ status: 409, instance: 'orkes-emulator', retryable: false })
      expect(orkes.workflowHarness().providerStatusOf(id)).toBe(status)
    },
  )

  it('answers 404 for an unknown workflow', async () => {
    const id = orkes.unknownTaskId()
    for (const [method, path] of [
      ['PUT', `/api/workflow/${id}/pause`],
      ['PUT', `/api/workflow/${id}/resume`],
      ['DELETE', `/api/workflow/${id}?reason=x`],
    ] as const) {
      const response = await control(method, path)
      expect(response.status, `${method} ${path}`).toBe(404)
      expect(await response.json()).toMatchObject({ status: 404, retryable: false })
    }
  })

  it('getWorkflow leaves the tasks out when includeTasks=false', async () => {
    const id = orkes.workflowHarness().createTask('COMPLETED')
    expect((await json<OrkesWorkflowPayload>(`/api/workflow/${id}?includeTasks=false`)).tasks).toEqual([])
    expect((await json<OrkesWorkflowPayload>(`/api/workflow/${id}?includeTasks=true`)).tasks).toHaveLength(3)
  })
})

describe('statuses', () => {
  it('every task status can be created and is served', async () => {
    for (const status of ORKES_TASK_STATUSES) {
      const id = orkes.createTask(status)
      const task = await getTask(id)
      expect(task.status).toBe(status)
      expect(orkes.providerStatusOf(id)).toBe(status)
      expect((await getWorkflow(task.workflowInstanceId)).tasks?.map(({ taskId }) => taskId)).toEqual([id])
    }
  })

  it('every workflow status can be created and is served', async () => {
    const harness = orkes.workflowHarness()
    for (const status of ORKES_WORKFLOW_STATUSES) {
      const id = harness.createTask(status)
      expect((await getWorkflow(id)).status).toBe(status)
      expect(harness.providerStatusOf(id)).toBe(status)
    }
  })

  it('the seeded store holds every task status and every workflow status', async () => {
    const tasks = await searchTasks('size=100')
    expect(new Set(tasks.results.map((summary) => summary.status))).toEqual(new Set(ORKES_TASK_STATUSES))
    const workflows = await searchWorkflows('size=100')
    expect(new Set(workflows.results.map((summary) => summary.status))).toEqual(new Set(ORKES_WORKFLOW_STATUSES))
  })

  it('the seeded ids are the same after reset', async () => {
    const before = (await searchTasks('size=100')).results.map((summary) => summary.taskId)
    orkes.createTask()
    orkes.reset()
    expect((await searchTasks('size=100')).results.map((summary) => summary.taskId)).toEqual(before)
  })
})

describe('lifecycle on the virtual clock', () => {
  it('a task is SCHEDULED, IN_PROGRESS after 1 s and COMPLETED after 5 s, with epoch-ms times', async () => {
    const t0 = orkes.clock.now()
    const id = orkes.createTask()
    expect(await getTask(id)).toMatchObject({ status: 'SCHEDULED', scheduledTime: t0, startTime: 0, endTime: 0 })
    orkes.clock.advance(999)
    expect((await getTask(id)).status).toBe('SCHEDULED')
    orkes.clock.advance(1)
    expect(await getTask(id)).toMatchObject({ status: 'IN_PROGRESS', startTime: t0 + 1000, queueWaitTime: 1000 })
    orkes.clock.advance(4000)
    const done = await getTask(id)
    expect(done).toMatchObject({ status: 'COMPLETED', startTime: t0 + 1000, endTime: t0 + 5000, updateTime: t0 + 5000 })
    expect(done.outputData).toMatchObject({ processed: true })
    expect(await getWorkflow(done.workflowInstanceId)).toMatchObject({ status: 'COMPLETED', endTime: t0 + 5000 })
  })

  it('a workflow runs its tasks in sequence and completes, even when the clock jumps', async () => {
    const t0 = orkes.clock.now()
    const id = orkes.workflowHarness().createTask()
    expect(await getWorkflow(id)).toMatchObject({ status: 'RUNNING', startTime: t0, endTime: 0 })
    orkes.clock.advance(60_000)
    const workflow = await getWorkflow(id)
    expect(workflow).toMatchObject({ status: 'COMPLETED', endTime: t0 + 10_000 })
    expect(workflow.tasks?.map((task) => [task.status, task.scheduledTime, task.startTime, task.endTime])).toEqual([
      ['COMPLETED', t0, t0 + 1000, t0 + 5000],
      ['COMPLETED', t0 + 5000, t0 + 6000, t0 + 10_000],
    ])
    expect(workflow.output).toEqual(workflow.tasks?.[1]?.outputData)
  })

  it('a paused workflow lets its running task finish but schedules nothing until resumed', async () => {
    const harness = orkes.workflowHarness()
    const id = harness.createTask()
    orkes.clock.advance(2000)
    expect((await call(`/api/workflow/${id}/pause`, { method: 'PUT' })).status).toBe(200)
    orkes.clock.advance(60_000)
    const paused = await getWorkflow(id)
    expect(paused.status).toBe('PAUSED')
    expect(paused.tasks?.map((task) => task.status)).toEqual(['COMPLETED'])

    const resumedAt = orkes.clock.now()
    expect((await call(`/api/workflow/${id}/resume`, { method: 'PUT' })).status).toBe(200)
    const resumed = await getWorkflow(id)
    expect(resumed.tasks?.map((task) => [task.status, task.scheduledTime])).toEqual([
      ['COMPLETED', expect.any(Number)],
      ['SCHEDULED', resumedAt],
    ])
    orkes.clock.advance(5000)
    expect(harness.providerStatusOf(id)).toBe('COMPLETED')
  })

  it('new tasks appear in search as they are scheduled', async () => {
    const id = orkes.workflowHarness().createTask()
    const query = `query=${encodeURIComponent(`workflowId = ${id}`)}`
    expect((await searchTasks(query)).totalHits).toBe(1)
    orkes.clock.advance(5000)
    expect((await searchTasks(query)).results.map((summary) => summary.status)).toEqual(['COMPLETED', 'SCHEDULED'])
  })
})
