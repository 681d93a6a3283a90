// A tiny job-queue provider built only with the public toolkit, so the
// contract suite can be exercised before (and besides) the real adapters.
import { randomUUID } from 'node:crypto'
import {
  createTaskStore,
  createVirtualClock,
  type EmulatorHarness,
  type EmulatorRequest,
  type EmulatorServer,
  startEmulatorServer,
} from '@taskbridge/testkit'

export interface Job {
  id: string
  state: string
  created: number
  result?: string
}

export const JOB_STATES = ['queued', 'working', 'done', 'error', 'cancelled'] as const

export interface JobsEmulator extends EmulatorServer, EmulatorHarness {
  /** The token adapters should use; `invalidateCredentials()` makes the server refuse it. */
  readonly token: string
}

export async function startJobsEmulator(): Promise<JobsEmulator> {
  const clock = createVirtualClock()
  const originalToken = `jobs-${randomUUID()}`
  let token = originalToken
  let counter = 0
  const store = createTaskStore<Job>({
    clock,
    applyStep: (task, step) => {
      task.data.state = step.status
      if (step.status === 'done') task.data.result = 'finished'
    },
  })
  const seed = () => {
    store.clear()
    counter = 0
  }
  const find = (request: EmulatorRequest) => store.get(request.params.id ?? '')
  const notFound = { status: 404, body: { error: 'no such job' } }

  const server = await startEmulatorServer({
    clock,
    statusField: 'state',
    listItems: {
      get: (body) => (body as { jobs: unknown[] }).jobs,
      set: (body, jobs) => ({ ...(body as object), jobs }),
    },
    errorBody: (status, message) => ({ error: message, status }),
    authenticate: (request) =>
      request.headers.authorization === `Bearer ${token}` ? undefined : { status: 401, body: { error: 'bad token' } },
    routes: [
      {
        name: 'getJob',
        method: 'GET',
        path: '/jobs/:id',
        payload: 'task',
        handler: (request) => {
          const job = find(request)
          return job ? { status: 200, body: job.data } : notFound
        },
      },
      {
        name: 'listJobs',
        method: 'GET',
        path: '/jobs',
        payload: 'list',
        handler: ({ query }) => {
          const offset = Number(query.get('offset') ?? 0)
          const limit = Number(query.get('limit') ?? 10)
          const all = store.list().map((job) => job.data)
          return { status: 200, body: { jobs: all.slice(offset, offset + limit), total: all.length } }
        },
      },
      {
        name: 'cancelJob',
        method: 'POST',
        path: '/jobs/:id/cancel',
        payload: 'task',
        handler: (request) => {
          const job = find(request)
          if (!job) return notFound
          // An ended job stays as it is, as real providers refuse to change it.
          if (['done', 'error', 'cancelled'].includes(job.data.state))
            return { status: 409, body: { message: `job ${job.id} has ended` } }
          store.end(job.id)
          job.data.state = 'cancelled'
          return { status: 200, body: job.data }
        },
      },
    ],
  })

  const createTask = (state?: string) => {
    counter += 1
    const id = `job-${counter}`
    const plan = state
      ? []
      : [
          { afterMs: 1000, status: 'working' },
          { afterMs: 5000, status: 'done' },
        ]
    store.add(id, { id, state: state ?? 'queued', created: clock.now() }, plan)
    return id
  }
  seed()

  return Object.assign(server, {
    baseUrl: server.url,
    token: originalToken,
    secrets: [originalToken],
    routes: { getTask: 'getJob', listTasks: 'listJobs', cancelTask: 'cancelJob' },
    providerStatuses: JOB_STATES,
    createTask,
    providerStatusOf: (id: string) => store.get(id)?.data.state,
    unknownTaskId: () => `job-${randomUUID()}`,
    invalidateCredentials: () => {
      token = `jobs-${randomUUID()}`
    },
    reset: () => {
      seed()
      token = originalToken
      server.faults.clear()
      server.clearRequests()
    },
  })
}
