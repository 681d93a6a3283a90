import { inspect } from 'node:util'
import { createConductorClient, TaskClient } from '@io-orkes/conductor-javascript'
import {
  AuthenticationError,
  InvalidArgumentError,
  ProviderApiError,
  type Task,
  TaskbridgeError,
  TaskNotFoundError,
  UnsupportedOperationError,
} from '@taskbridge/core'
import { useEmulator } from '@taskbridge/test-support/use-emulator'
import {
  ORKES_SEED_TASK_ID,
  ORKES_SEED_WORKFLOW_ID,
  type OrkesEmulator,
  rejectionOf,
  startOrkesEmulator,
} from '@taskbridge/testkit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createOrkesAdapter,
  createOrkesTaskAdapter,
  createOrkesWorkflowAdapter,
  mapOrkesTaskStatus,
  type OrkesTaskAdapterOptions,
  type OrkesWorkflowAdapterOptions,
} from '../src/index.js'
import { orkesCredentials } from './emulator-setup.js'

let emulator: OrkesEmulator

useEmulator(startOrkesEmulator, (started) => {
  emulator = started
})
afterEach(() => {
  emulator.unknownTaskResponse = 400
})

const base = () => ({ ...orkesCredentials(emulator), retry: { backoffLimitMs: 20 } })
const orkes = (options: OrkesTaskAdapterOptions = {}) => createOrkesTaskAdapter({ ...base(), ...options })
const workflows = (options: OrkesWorkflowAdapterOptions = {}) => createOrkesWorkflowAdapter({ ...base(), ...options })

const requestsTo = (route: string) => emulator.requests.filter((request) => request.route === route)

function expectNoSecrets(error: unknown) {
  const shown = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join('\n')
  for (const secret of emulator.secrets) expect(shown).not.toContain(secret)
  expect(shown).not.toContain(emulator.keySecret)
}

describe('token exchange', () => {
  it('exchanges once for 20 concurrent first calls', async () => {
    const adapter = orkes()
    const tasks = await Promise.all(Array.from({ length: 20 }, () => adapter.getTask(ORKES_SEED_TASK_ID)))
    expect(tasks.every((task) => task.status === 'completed')).toBe(true)
    expect(requestsTo('token')).toHaveLength(1)
    expect(emulator.tokensIssued).toBe(1)
    expect(requestsTo('getTask')).toHaveLength(20)
    const sent = new Set(requestsTo('getTask').map((request) => request.headers['x-authorization']))
    expect(sent.size).toBe(1)
    expect([...sent][0]).not.toMatch(/^Bearer /)
  })

  it('renews the token once after it expires on the server, then goes on', async () => {
    const adapter = orkes()
    await adapter.getTask(ORKES_SEED_TASK_ID)
    emulator.clock.advance(2 * 60 * 60_000)
    await expect(adapter.getTask(ORKES_SEED_TASK_ID)).resolves.toMatchObject({ status: 'completed' })
    expect(requestsTo('getTask').map((request) => request.status)).toEqual([200, 401, 200])
    expect(requestsTo('token')).toHaveLength(2)
  })

  it('renews once on a 401 and then gives AuthenticationError without any secret', async () => {
    const adapter = orkes()
    await adapter.getTask(ORKES_SEED_TASK_ID)
    emulator.faults.inject(
      'getTask',
      { type: 'status', status: 401, body: { status: 401, message: 'Token expired', error: 'EXPIRED_TOKEN' } },
      { times: 2 },
    )
    const error = await rejectionOf(adapter.getTask(ORKES_SEED_TASK_ID))
    expect(AuthenticationError.is(error)).toBe(true)
    expect(requestsTo('getTask').map((request) => request.status)).toEqual([200, 401, 401])
    expect(requestsTo('token')).toHaveLength(2)
    expectNoSecrets(error)
  })

  it('reports a refused key as AuthenticationError without the key secret', async () => {
    const error = await rejectionOf(orkes({ keySecret: 'wrong-secret-0123456789' }).getTask(ORKES_SEED_TASK_ID))
    expect(AuthenticationError.is(error)).toBe(true)
    expect((error as Error).message).toContain('/api/token')
    for (const shown of [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
      expect(shown).not.toContain('wrong-secret-0123456789')
    }
    expect(requestsTo('getTask')).toHaveLength(0)
  })

  it('uses a ready token as it is, with no exchange', async () => {
    const token = await (
      await fetch(`${emulator.baseUrl}/api/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ keyId: emulator.keyId, keySecret: emulator.keySecret }),
      })
    ).json()
    emulator.clearRequests()
    const adapter = createOrkesTaskAdapter({ serverUrl: emulator.baseUrl, token: (token as { token: string }).token })
    await adapter.getTask(ORKES_SEED_TASK_ID)
    expect(requestsTo('token')).toHaveLength(0)
    expect(requestsTo('getTask')[0]?.headers['x-authorization']).toBe((token as { token: string }).token)
  })

  it('reads ORKES_SERVER_URL, ORKES_KEY_ID and ORKES_KEY_SECRET, and accepts a URL ending in /api', async () => {
    vi.stubEnv('ORKES_SERVER_URL', `${emulator.baseUrl}/api/`)
    vi.stubEnv('ORKES_KEY_ID', emulator.keyId)
    vi.stubEnv('ORKES_KEY_SECRET', emulator.keySecret)
    await expect(createOrkesTaskAdapter().getTask(ORKES_SEED_TASK_ID)).resolves.toMatchObject({ status: 'completed' })
    expect(requestsTo('getTask')[0]?.path).toBe(`/api/tasks/${ORKES_SEED_TASK_ID}`)
  })

  it('keeps the deprecated createOrkesAdapter: resource picks the factory, an unknown one is refused', () => {
    expect(() => createOrkesAdapter({ resource: 'workflows' as 'workflow' })).toThrow(InvalidArgumentError)
    expect(createOrkesAdapter({ serverUrl: emulator.baseUrl, resource: 'workflow' }).capabilities.pause).toBe(true)
    expect(createOrkesAdapter({ serverUrl: emulator.baseUrl, terminateReason: 'x' }).capabilities.pause).toBe(false)
  })

  it('names ORKES_SERVER_URL when no server is configured, without a request', async () => {
    vi.stubEnv('ORKES_SERVER_URL', '')
    const error = await rejectionOf(createOrkesTaskAdapter().getTask(ORKES_SEED_TASK_ID))
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect((error as Error).message).toContain('ORKES_SERVER_URL')
  })

  it('refuses half a key before any request', async () => {
    vi.stubEnv('ORKES_KEY_SECRET', '')
    const error = await rejectionOf(
      createOrkesTaskAdapter({ serverUrl: emulator.baseUrl, keyId: emulator.keyId }).getTask('x'),
    )
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument: 'keySecret' })
    expect(emulator.requests).toHaveLength(0)
  })
})

describe('an open-source server without auth', () => {
  it('takes a 404 from /api/token to mean no token is needed', async () => {
    await using oss = await startOrkesEmulator({ requireAuth: false })
    const adapter = createOrkesTaskAdapter({ serverUrl: oss.baseUrl, keyId: 'unused', keySecret: 'unused-secret' })
    await adapter.getTask(ORKES_SEED_TASK_ID)
    await adapter.getTask(ORKES_SEED_TASK_ID)
    expect(oss.requests.map((request) => [request.route, request.status])).toEqual([
      ['token', 404],
      ['getTask', 200],
      ['getTask', 200],
    ])
    expect(oss.requests[1]?.headers['x-authorization']).toBeUndefined()
  })
})

describe('unknown ids', () => {
  it.each([400, 404, 204] as const)('gives TaskNotFoundError when the server answers %i', async (status) => {
    emulator.unknownTaskResponse = status
    const id = emulator.unknownTaskId()
    const error = await rejectionOf(orkes().getTask(id))
    expect(TaskNotFoundError.is(error)).toBe(true)
    expect(error).toMatchObject({ status, taskId: id })
  })

  it('gives TaskNotFoundError for an unknown workflow', async () => {
    const error = await rejectionOf(workflows().pauseTask(emulator.unknownTaskId()))
    expect(TaskNotFoundError.is(error)).toBe(true)
  })
})

describe('a wrong serverUrl', () => {
  // The server answers every route of the wrong prefix with 404 "No route for …": a
  // misconfiguration, not a deletion, so a watcher must not drop the task.
  it.each(['task', 'workflow'] as const)(
    'is a ProviderApiError 404 naming the route in %s mode, not TaskNotFoundError',
    async (resource) => {
      const serverUrl = `${emulator.baseUrl}/v1`
      const adapter = resource === 'task' ? orkes({ serverUrl }) : workflows({ serverUrl })
      const error = await rejectionOf(
        adapter.getTask(resource === 'task' ? ORKES_SEED_TASK_ID : ORKES_SEED_WORKFLOW_ID),
      )
      expect(TaskNotFoundError.is(error)).toBe(false)
      expect(ProviderApiError.is(error)).toBe(true)
      expect(error).toMatchObject({ status: 404, retryable: false })
      const route = resource === 'task' ? 'GET /api/tasks/{id}' : 'GET /api/workflow/{id}'
      expect((error as Error).message).toContain(`[orkes] ${route} answered 404 Not Found: No route for`)
    },
  )

  it('is a ProviderApiError 404 on the search route', async () => {
    const search = async () => {
      for await (const _task of orkes({ serverUrl: `${emulator.baseUrl}/v1` }).listTasks({}));
    }
    const error = await rejectionOf(search())
    expect(TaskNotFoundError.is(error)).toBe(false)
    expect(error).toMatchObject({ name: 'ProviderApiError', status: 404 })
  })
})

describe('a workflow name Orkes does not know', () => {
  it('is a ProviderApiError 404 naming the start route, not TaskNotFoundError', async () => {
    const workflows = createOrkesWorkflowAdapter({ ...orkesCredentials(emulator), retry: false })
    const error = await rejectionOf(workflows.startTask({ name: 'no_such_workflow' }))
    expect(TaskNotFoundError.is(error)).toBe(false)
    expect(ProviderApiError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 404 })
    expect((error as Error).message).toMatch(
      /^\[orkes\] POST \/api\/workflow answered 404 Not Found: No such workflow defined/,
    )
  })
})

describe('task mode', () => {
  it('cannot start, pause, resume or cancel, and says to use workflow mode', async () => {
    const adapter = orkes()
    expect(adapter.capabilities).toEqual({
      get: true,
      list: true,
      start: false,
      idempotentStart: false,
      stream: false,
      pause: false,
      resume: false,
      answer: true,
      cancel: false,
    })
    const calls: ((id: string) => Promise<unknown>)[] = [
      (id) => adapter.startTask(id as never),
      adapter.pauseTask,
      adapter.resumeTask,
      adapter.cancelTask,
    ]
    for (const call of calls) {
      const error = await rejectionOf(call(ORKES_SEED_TASK_ID))
      expect(UnsupportedOperationError.is(error)).toBe(true)
      expect((error as Error).message).toContain('createOrkesWorkflowAdapter')
    }
    expect(emulator.requests).toHaveLength(0)
  })

  it('searches with the documented query syntax and pages by totalHits', async () => {
    const tasks: Task[] = []
    for await (const task of orkes().listTasks({ status: ['completed'], pageSize: 2 })) tasks.push(task)
    const searches = requestsTo('searchTasks')
    expect(searches[0]?.query.get('query')).toBe('status IN (COMPLETED,COMPLETED_WITH_ERRORS)')
    expect(searches.map((request) => request.query.get('start'))).toEqual(searches.map((_, index) => String(index * 2)))
    expect(tasks.length).toBeGreaterThan(2)
    expect(tasks.every((task) => task.status === 'completed' && task.metadata.summary === true)).toBe(true)
  })

  it('pages by what arrived, and skips nothing, when the server caps the page size', async () => {
    const capping: typeof fetch = (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init)
      return fetch(new Request(request.url.replace(/size=\d+/, 'size=2'), request))
    }
    const tasks: Task[] = []
    for await (const task of orkes({ fetch: capping }).listTasks({ pageSize: 5 })) tasks.push(task)
    expect(tasks).toHaveLength(emulator.tasks.list().length)
    expect(new Set(tasks.map((task) => task.id)).size).toBe(tasks.length)
  })

  it('lists each task once when the server ignores start', async () => {
    const ignoringStart: typeof fetch = (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init)
      return fetch(new Request(request.url.replace(/start=\d+/, 'start=0'), request))
    }
    const tasks: Task[] = []
    for await (const task of orkes({ fetch: ignoringStart }).listTasks({ pageSize: 2 })) tasks.push(task)
    expect(tasks).toHaveLength(2)
    expect(new Set(tasks.map((task) => task.id)).size).toBe(2)
    expect(requestsTo('searchTasks')).toHaveLength(2)
  })

  it('sends no search for a status no Orkes task status maps to', async () => {
    for await (const _ of orkes().listTasks({ status: 'paused' })) throw new Error('nothing expected')
    expect(requestsTo('searchTasks')).toHaveLength(0)
  })

  it('agrees with the official Orkes SDK on every task’s status and times', async () => {
    vi.stubEnv('CONDUCTOR_SERVER_URL', '')
    vi.stubEnv('CONDUCTOR_AUTH_KEY', '')
    vi.stubEnv('CONDUCTOR_AUTH_SECRET', '')
    const client = await createConductorClient({
      serverUrl: emulator.baseUrl,
      keyId: emulator.keyId,
      keySecret: emulator.keySecret,
    })
    try {
      const sdk = new TaskClient(client)
      const adapter = orkes()
      const ids = emulator.tasks.list().map((task) => task.id)
      expect(ids.length).toBeGreaterThan(9)
      for (const id of ids) {
        const [theirs, ours] = await Promise.all([sdk.getTask(id), adapter.getTask(id)])
        expect(ours.providerStatus, id).toBe(theirs.status)
        expect(ours.status, id).toBe(mapOrkesTaskStatus(String(theirs.status)))
        expect(ours.startedAt?.getTime() ?? 0, id).toBe(theirs.startTime ?? 0)
        expect(ours.finishedAt?.getTime() ?? 0, id).toBe(theirs.endTime ?? 0)
        expect(ours.createdAt?.getTime() ?? 0, id).toBe(theirs.scheduledTime ?? 0)
        expect(ours.parentId, id).toBe(theirs.workflowInstanceId)
      }
    } finally {
      client.stopBackgroundRefresh()
    }
  })
})

describe('workflow mode', () => {
  it('pauses, resumes and cancels a running workflow, returning the updated Task each time', async () => {
    const harness = emulator.workflowHarness()
    const id = harness.createTask()
    const adapter = workflows({ terminateReason: 'no longer needed' })

    const paused = await adapter.pauseTask(id)
    expect(paused).toMatchObject({ id, status: 'paused', providerStatus: 'PAUSED' })
    const resumed = await adapter.resumeTask(id)
    expect(resumed).toMatchObject({ id, status: 'running', providerStatus: 'RUNNING' })
    const cancelled = await adapter.cancelTask(id)
    expect(cancelled).toMatchObject({ id, status: 'cancelled', providerStatus: 'TERMINATED' })
    expect(cancelled.error?.message).toBe('no longer needed')
    expect(cancelled.finishedAt).toBeInstanceOf(Date)

    expect(
      emulator.requests
        .filter((request) => request.route !== 'token')
        .map((request) => `${request.method} ${request.route}`),
    ).toEqual([
      'PUT pauseWorkflow',
      'GET getWorkflow',
      'PUT resumeWorkflow',
      'GET getWorkflow',
      'DELETE terminateWorkflow',
      'GET getWorkflow',
    ])
    expect(requestsTo('terminateWorkflow')[0]?.query.get('reason')).toBe('no longer needed')
  })

  it('reports pausing a finished workflow as ProviderApiError (409), without a retry', async () => {
    const id = emulator.workflowHarness().createTask('COMPLETED')
    const error = await rejectionOf(workflows().pauseTask(id))
    expect(ProviderApiError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 409, retryable: false })
    expect(requestsTo('pauseWorkflow')).toHaveLength(1)
  })

  it('gets the seed workflow with its tasks by default, so a wait for a person shows', async () => {
    const task = await workflows().getTask(ORKES_SEED_WORKFLOW_ID)
    expect(task.metadata.resource).toBe('workflow')
    expect(requestsTo('getWorkflow')[0]?.query.get('includeTasks')).toBe('true')
  })

  it('gets the seed workflow without its tasks when includeTasks is false', async () => {
    await workflows({ includeTasks: false }).getTask(ORKES_SEED_WORKFLOW_ID)
    expect(requestsTo('getWorkflow')[0]?.query.get('includeTasks')).toBe('false')
  })

  it('never leaks a secret through a failing control call', async () => {
    const id = emulator.workflowHarness().createTask()
    emulator.faults.inject('pauseWorkflow', { type: 'reset' })
    const error = await rejectionOf(workflows().pauseTask(id))
    expect(TaskbridgeError.is(error)).toBe(true)
    expectNoSecrets(error)
  })
})
