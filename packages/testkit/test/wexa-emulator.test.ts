import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  startWexaEmulator,
  WEXA_SEED_PROJECT_ID,
  WEXA_SEED_STOP_TASK_ID,
  WEXA_SEED_TASK_ID,
  type WexaEmulator,
} from '../src/wexa/emulator.js'
import { toWexaSeconds, type WexaTaskPayload, type WexaTaskSummary } from '../src/wexa/payload.js'
import { WEXA_GET_TASK_SEED, WEXA_STOP_TASK_SEED } from '../src/wexa/seed-data.js'

interface WexaList {
  data: WexaTaskPayload[]
  skip: number
  limit: number
  total: number
}

let wexa: WexaEmulator

beforeEach(async () => {
  wexa = await startWexaEmulator()
})

afterEach(async () => {
  await wexa.close()
})

/** Sends a request with the emulator's key (or `apiKey`, or none when null) and parses the JSON answer. */
async function call<Body = unknown>(
  method: 'GET' | 'POST',
  pathAndQuery: string,
  apiKey: string | null = wexa.apiKey,
): Promise<{ status: number; body: Body }> {
  const headers: Record<string, string> = apiKey === null ? {} : { 'x-api-key': apiKey }
  const response = await fetch(`${wexa.baseUrl}${pathAndQuery}`, { method, headers })
  return { status: response.status, body: (await response.json()) as Body }
}

function getTask(id: string, projectId = wexa.projectId) {
  return call<WexaTaskPayload>('GET', `/task/${id}?projectID=${projectId}`)
}

function control(id: string, action: 'pause' | 'resume' | 'stop') {
  return call<WexaTaskPayload>('POST', `/task/${id}/${action}`)
}

/** `GET /tasks/{projectID}`, the route of Wexa's Python SDK, with `query` (`limit`, `skip`, `created_by`). */
function listTasks(query = '', projectId = wexa.projectId) {
  return call<WexaList>('GET', `/tasks/${projectId}${query === '' ? '' : `?${query}`}`)
}

async function tasksIn(status: string) {
  return (await listTasks()).body.data.filter((task) => task.status === status)
}

describe('seed fidelity', () => {
  it('answers the documented get-by-id payload field for field', async () => {
    const { status, body } = await call('GET', `/task/${WEXA_SEED_TASK_ID}?projectID=67fdea40aac77be632954f13`)
    expect(status).toBe(200)
    expect(body).toStrictEqual(WEXA_GET_TASK_SEED)
  })

  it('stops the documented task with the documented 201 answer', async () => {
    const { status, body } = await call<WexaTaskSummary>('POST', `/task/${WEXA_SEED_STOP_TASK_ID}/stop`)
    expect(status).toBe(201)
    // Stopping moves `updated_at` to the stop's time, so that one field is the
    // emulator's clock instead of the example's; every other field is the example's.
    const { updated_at: updatedAt, ...rest } = body
    const { updated_at: _documentedUpdatedAt, ...documented } = WEXA_STOP_TASK_SEED
    expect(rest).toStrictEqual(documented)
    expect(updatedAt).toBe(toWexaSeconds(wexa.clock.now()))
    expect(Object.keys(body)).toEqual(Object.keys(WEXA_STOP_TASK_SEED))
  })

  it('keeps the full task after a stop, its execution cancelled', async () => {
    await control(WEXA_SEED_STOP_TASK_ID, 'stop')
    const { body } = await getTask(WEXA_SEED_STOP_TASK_ID)
    expect(body.status).toBe('cancelled')
    expect(body.executions.map(({ status }) => status)).toEqual(['cancelled'])
    expect(body.executions_status_count).toStrictEqual({ cancelled: 1 })
  })

  it('seeds tasks in every shape, each consistent with its executions', async () => {
    const { body } = await listTasks('&limit=100')
    const shapes = body.data.map((task) => [task.status, task.executions.length])
    expect(shapes).toEqual([
      ['completed', 1],
      ['running', 1],
      ['failed', 1],
      ['paused', 1],
      ['ready', 1],
      ['running', 3],
      ['pending', 0],
      ['cancelled', 1],
    ])
    for (const task of body.data) {
      const counts: Record<string, number> = {}
      for (const { status } of task.executions) counts[status] = (counts[status] ?? 0) + 1
      expect(task.executions_status_count).toStrictEqual(counts)
      expect(task.execution_ids).toEqual(task.executions.map(({ execution_id }) => execution_id))
      expect(task.execution_nodes.map(({ execution_id }) => execution_id)).toEqual(task.execution_ids)
      expect(task._id).toMatch(/^[0-9a-f]{24}$/)
    }
  })

  it('moves the seeded tasks into the configured project', async () => {
    const other = await startWexaEmulator({ projectId: 'aaaaaaaaaaaaaaaaaaaaaaaa', apiKey: 'fixed-key' })
    try {
      const response = await fetch(`${other.baseUrl}/task/${WEXA_SEED_TASK_ID}?projectID=aaaaaaaaaaaaaaaaaaaaaaaa`, {
        headers: { 'x-api-key': 'fixed-key' },
      })
      const task = (await response.json()) as WexaTaskPayload
      expect(task.projectID).toBe('aaaaaaaaaaaaaaaaaaaaaaaa')
      expect(task.executions[0]?.projectID).toBe('aaaaaaaaaaaaaaaaaaaaaaaa')
      expect(other.apiKey).toBe('fixed-key')
    } finally {
      await other.close()
    }
  })
})

describe('errors', () => {
  it('answers 401 without a key and with a wrong one', async () => {
    const path = `/task/${WEXA_SEED_TASK_ID}?projectID=${WEXA_SEED_PROJECT_ID}`
    for (const apiKey of [null, 'wrong-key']) {
      const { status, body } = await call('GET', path, apiKey)
      expect(status).toBe(401)
      expect(body).toMatchObject({ statusCode: 401, error: 'Unauthorized' })
    }
    expect(JSON.stringify(wexa.requests.map(({ response }) => response))).not.toContain(wexa.apiKey)
  })

  it('answers 400 when projectID is missing', async () => {
    for (const path of [`/task/${WEXA_SEED_TASK_ID}`, `/task/${WEXA_SEED_TASK_ID}?projectID=`]) {
      const { status, body } = await call('GET', path)
      expect(status, path).toBe(400)
      expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' })
    }
  })

  it('answers 404 for an unknown id, another project, and an empty id', async () => {
    expect((await getTask(wexa.unknownTaskId())).status).toBe(404)
    expect((await getTask(WEXA_SEED_TASK_ID, 'bbbbbbbbbbbbbbbbbbbbbbbb')).status).toBe(404)
    expect((await call('POST', `/task/${WEXA_SEED_STOP_TASK_ID}/stop?projectID=bbbbbbbbbbbbbbbbbbbbbbbb`)).status).toBe(
      404,
    )
    for (const action of ['pause', 'resume', 'stop'] as const) {
      expect((await control(wexa.unknownTaskId(), action)).status).toBe(404)
    }
    const empty = await call('POST', '/task//stop')
    expect(empty.status).toBe(404)
    expect(empty.body).toMatchObject({ statusCode: 404, error: 'Not Found' })
  })

  it('answers 400 to control calls that do not fit the status', async () => {
    expect((await control(WEXA_SEED_TASK_ID, 'stop')).status).toBe(400)
    expect((await control(WEXA_SEED_TASK_ID, 'pause')).status).toBe(400)
    expect((await control(WEXA_SEED_STOP_TASK_ID, 'resume')).status).toBe(400)
    const paused = wexa.createTask('paused')
    expect((await control(paused, 'pause')).status).toBe(400)
    expect((await listTasks('skip=-1')).status).toBe(400)
    expect((await listTasks('limit=abc')).status).toBe(400)
  })
})

describe('lifecycle', () => {
  it('goes ready → running after 1 s → completed after 5 s, with a conclusion', async () => {
    const startMs = wexa.clock.now()
    const id = wexa.createTask()

    const ready = (await getTask(id)).body
    expect(ready.status).toBe('ready')
    expect(ready.executions.map(({ status }) => status)).toEqual(['ready'])
    expect(ready.executions_status_count).toStrictEqual({ ready: 1 })
    expect(ready.created_at).toBe(toWexaSeconds(startMs))
    expect(ready.updated_at).toBeGreaterThan(ready.created_at)

    wexa.clock.advance(999)
    expect((await getTask(id)).body.status).toBe('ready')
    wexa.clock.advance(1)
    const running = (await getTask(id)).body
    expect(running.status).toBe('running')
    expect(running.executions_status_count).toStrictEqual({ running: 1 })
    expect(running.updated_at).toBe(toWexaSeconds(startMs + 1000))

    wexa.clock.advance(4000)
    const completed = (await getTask(id)).body
    expect(completed.status).toBe('completed')
    expect(completed.created_at).toBe(ready.created_at)
    expect(completed.updated_at).toBe(toWexaSeconds(startMs + 5000))
    expect(completed.executions_status_count).toStrictEqual({ completed: 1 })
    const [execution] = completed.executions
    expect(execution?.status).toBe('completed')
    expect(execution?.conclusion?.conclusion).toMatch(/^# /)
    expect(execution?.conclusion?.created_at).toBe(toWexaSeconds(startMs + 5000))
    expect(Object.keys(execution ?? {})).toEqual(Object.keys(WEXA_GET_TASK_SEED.executions[0] ?? {}))
  })

  it('dates steps the clock jumped over when they were due', async () => {
    const startMs = wexa.clock.now()
    const id = wexa.createTask()
    wexa.clock.advance(60_000)
    const { body } = await getTask(id)
    expect(body.status).toBe('completed')
    expect(body.updated_at).toBe(toWexaSeconds(startMs + 5000))
  })

  it('gives created tasks distinct 24-hex ids', () => {
    const ids = [wexa.createTask(), wexa.createTask(), wexa.createTask('failed')]
    expect(new Set(ids).size).toBe(3)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/)
    expect(ids).not.toContain(wexa.unknownTaskId())
  })
})

describe('pause and resume', () => {
  it('pause freezes the lifecycle, resume continues it from where it was', async () => {
    const id = wexa.createTask()
    wexa.clock.advance(2000)

    const paused = await control(id, 'pause')
    expect(paused.status).toBe(201)
    expect(paused.body.status).toBe('paused')
    expect(paused.body.executions_status_count).toStrictEqual({ paused: 1 })
    expect(paused.body.updated_at).toBe(toWexaSeconds(wexa.clock.now()))

    wexa.clock.advance(60_000)
    expect((await getTask(id)).body.status).toBe('paused')
    expect(wexa.providerStatusOf(id)).toBe('paused')

    const resumed = await control(id, 'resume')
    expect(resumed.status).toBe(201)
    expect(resumed.body.status).toBe('running')
    expect(resumed.body.executions_status_count).toStrictEqual({ running: 1 })

    wexa.clock.advance(2999)
    expect((await getTask(id)).body.status).toBe('running')
    wexa.clock.advance(1)
    expect((await getTask(id)).body.status).toBe('completed')
  })

  it('a task paused while ready resumes running, and a paused task can be stopped', async () => {
    const id = wexa.createTask()
    await control(id, 'pause')
    expect((await control(id, 'resume')).body.status).toBe('running')
    await control(id, 'pause')
    const stopped = await control(id, 'stop')
    expect(stopped.status).toBe(201)
    expect(stopped.body.status).toBe('cancelled')
    wexa.clock.advance(60_000)
    expect((await getTask(id)).body.status).toBe('cancelled')
  })

  it('pauses only unfinished executions of a task with several', async () => {
    const several = (await tasksIn('running')).find((task) => task.executions.length > 1)
    const paused = await control(several?._id ?? '', 'pause')
    expect(paused.body.executions_status_count).toStrictEqual({ completed: 2, paused: 1 })
  })
})

describe('list', () => {
  it('pages through the tasks with limit, skip and total', async () => {
    const all = (await listTasks()).body
    expect(all).toMatchObject({ skip: 0, limit: 20, total: 8 })
    expect(all.data[0]).toStrictEqual(WEXA_GET_TASK_SEED)
    const ids = all.data.map(({ _id }) => _id)

    const pages = await Promise.all([0, 3, 6, 9].map((skip) => listTasks(`skip=${skip}&limit=3`)))
    expect(pages.map(({ body }) => body.data.map(({ _id }) => _id))).toEqual([
      ids.slice(0, 3),
      ids.slice(3, 6),
      ids.slice(6, 8),
      [],
    ])
    for (const { body } of pages) expect(body).toMatchObject({ limit: 3, total: 8 })
    expect((await listTasks('limit=500')).body.limit).toBe(100)
    expect((await call('GET', `/tasks?projectID=${wexa.projectId}`)).status).toBe(404)
  })

  it('filters by creator and by project, and not by status (the SDK has no such filter)', async () => {
    const creator = WEXA_GET_TASK_SEED.created_by
    const mine = (await listTasks(`created_by=${creator}`)).body
    expect(mine.total).toBeGreaterThan(0)
    expect(mine.data.every((task) => task.created_by === creator)).toBe(true)
    expect((await listTasks('created_by=nobody')).body).toMatchObject({ data: [], total: 0 })
    expect((await listTasks('status=completed')).body.total).toBe(8)
    const other = await listTasks('', 'bbbbbbbbbbbbbbbbbbbbbbbb')
    expect(other.body).toMatchObject({ data: [], total: 0 })
  })

  it('lists created tasks as they advance, and applies payload faults to each item', async () => {
    const id = wexa.createTask()
    wexa.clock.advance(1000)
    expect((await tasksIn('running')).map(({ _id }) => _id)).toContain(id)
    wexa.faults.inject('listTasks', { type: 'unknown-status', value: 'surprise' })
    const { body } = await listTasks()
    expect(new Set(body.data.map(({ status }) => status))).toEqual(new Set(['surprise']))
  })
})

describe('executeflow', () => {
  it('runs an execution only with the body { execution_id, projectID } of the SDK', async () => {
    const headers = { 'x-api-key': wexa.apiKey, 'content-type': 'application/json' }
    const created = await fetch(`${wexa.baseUrl}/execute_flow?projectID=${wexa.projectId}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ agentflow_id: 'flow-1', goal: 'Report' }),
    })
    const { execution_id: executionId } = (await created.json()) as { execution_id: string }
    const execute = (body: unknown) =>
      fetch(`${wexa.baseUrl}/execute_flow/${executionId}/execute?projectID=${wexa.projectId}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      })

    expect((await execute({})).status).toBe(400)
    expect((await execute({ execution_id: executionId, projectID: 'another' })).status).toBe(400)
    expect((await execute({ execution_id: executionId, projectID: wexa.projectId })).status).toBe(201)
  })
})

describe('harness', () => {
  it('can put a task in every provider status, where it stays', async () => {
    for (const providerStatus of wexa.providerStatuses) {
      const id = wexa.createTask(providerStatus)
      wexa.clock.advance(10_000)
      const { body } = await getTask(id)
      expect(body.status).toBe(providerStatus)
      expect(body.executions_status_count).toStrictEqual({ [providerStatus]: 1 })
      expect(Boolean(body.executions[0]?.conclusion)).toBe(providerStatus === 'completed')
      expect(wexa.providerStatusOf(id)).toBe(providerStatus)
    }
  })

  it('names its routes and secrets', () => {
    expect(wexa.routes).toEqual({
      getTask: 'getTask',
      listTasks: 'listTasks',
      pauseTask: 'pauseTask',
      resumeTask: 'resumeTask',
      cancelTask: 'cancelTask',
      startTask: 'startTask',
      answerTask: 'answerRuntimeInput',
    })
    expect(wexa.secrets).toEqual([wexa.apiKey])
    expect(wexa.baseUrl).toBe(wexa.url)
    expect(wexa.projectId).toBe(WEXA_SEED_PROJECT_ID)
  })

  it('invalidateCredentials refuses the key, reset accepts it again', async () => {
    wexa.invalidateCredentials()
    expect((await getTask(WEXA_SEED_TASK_ID)).status).toBe(401)
    wexa.reset()
    expect((await getTask(WEXA_SEED_TASK_ID)).status).toBe(200)
  })

  it('reset restores the seeded tasks and clears faults and the request log', async () => {
    const created = wexa.createTask()
    await control(WEXA_SEED_STOP_TASK_ID, 'stop')
    wexa.faults.inject('getTask', { type: 'status', status: 503 }, { times: Infinity })
    wexa.reset()

    expect(wexa.requests).toHaveLength(0)
    expect(wexa.faults.pending).toBe(0)
    expect(wexa.providerStatusOf(created)).toBeUndefined()
    expect(wexa.providerStatusOf(WEXA_SEED_STOP_TASK_ID)).toBe('running')
    expect((await getTask(WEXA_SEED_TASK_ID)).body).toStrictEqual(WEXA_GET_TASK_SEED)
    expect(wexa.tasks.size).toBe(8)
  })
})
