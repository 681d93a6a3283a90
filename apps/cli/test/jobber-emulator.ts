import { randomUUID } from 'node:crypto'
import { createTaskStore, createVirtualClock, type EmulatorServer, startEmulatorServer } from '@taskbridge/testkit'

interface Job {
  id: string
  name: string
  state: string
  created: number
}

/** The "jobber" provider of the config-file fixtures, built with testkit's toolkit. */
export interface JobberEmulator extends EmulatorServer {
  readonly token: string
  addJob(name: string, state: string): string
}

export async function startJobberEmulator(): Promise<JobberEmulator> {
  const clock = createVirtualClock()
  const token = `jobber-${randomUUID()}`
  const jobs = createTaskStore<Job>({ clock, applyStep: (task, step) => (task.data.state = step.status) })
  const server = await startEmulatorServer({
    clock,
    statusField: 'state',
    authenticate: (request) => (request.headers.authorization === `Bearer ${token}` ? undefined : { status: 401 }),
    routes: [
      {
        name: 'getJob',
        method: 'GET',
        path: '/jobs/:id',
        payload: 'task',
        handler: ({ params }) => {
          const job = jobs.get(params.id ?? '')
          return job ? { status: 200, body: job.data } : { status: 404, body: { error: 'no such job' } }
        },
      },
      {
        name: 'listJobs',
        method: 'GET',
        path: '/jobs',
        handler: () => ({ status: 200, body: { jobs: jobs.list().map((job) => job.data) } }),
      },
    ],
  })
  let count = 0
  return Object.assign(server, {
    token,
    addJob: (name: string, state: string) => {
      count += 1
      const id = `job-${count}`
      jobs.add(id, { id, name, state, created: clock.now() })
      return id
    },
  })
}
