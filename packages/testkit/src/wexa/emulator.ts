import { randomUUID } from 'node:crypto'
import type { EmulatorHarness } from '../contract/harness.js'
import { type EmulatorClock, type EmulatorClockOption, resolveClock } from '../toolkit/clock.js'
import {
  type EmulatorReply,
  type EmulatorRequest,
  type EmulatorServer,
  startEmulatorServer,
} from '../toolkit/server.js'
import { createTaskStore, type LifecycleStep, type TaskStore } from '../toolkit/store.js'
import { WEXA_INPUT_REQUIRED, wexaInboxRoutes } from './inbox.js'
import {
  buildWexaTask,
  emulatedConclusion,
  setWexaTaskStatus,
  toWexaSeconds,
  WEXA_PROVIDER_STATUSES,
  type WexaTaskPayload,
  withConclusion,
} from './payload.js'
import { WEXA_EMULATOR_ROUTES, type WexaFlowRequest, wexaErrorBody, wexaRoutes } from './routes.js'
import { WEXA_SEED_AGENTFLOW_ID, WEXA_SEED_PROJECT_ID, WEXA_SEED_USER_ID, wexaSeededTasks } from './seeded-tasks.js'

export {
  WEXA_PROVIDER_STATUSES,
  type WexaConclusion,
  type WexaExecution,
  type WexaExecutionNode,
  type WexaTaskPayload,
  type WexaTaskSummary,
} from './payload.js'
export { WEXA_EMULATOR_ROUTES, WEXA_LIST_DEFAULT_LIMIT, WEXA_LIST_MAX_LIMIT } from './routes.js'
export { WEXA_GET_TASK_SEED, WEXA_STOP_TASK_SEED } from './seed-data.js'
export { WEXA_SEED_PROJECT_ID, WEXA_SEED_STOP_TASK_ID, WEXA_SEED_TASK_ID } from './seeded-tasks.js'

/** Options of {@link startWexaEmulator}. */
export interface WexaEmulatorOptions {
  /** The key the emulator accepts in `x-api-key`. Default: a new random key per start. */
  apiKey?: string
  /** The project its tasks belong to. Default: the documented examples' project, {@link WEXA_SEED_PROJECT_ID}. */
  projectId?: string
  /**
   * How tasks advance: `'virtual'` (the default; only with `clock.advance`),
   * `'real-time'`, `{ realTime: { speed } }` (real time, `speed` times faster),
   * or a clock you made.
   */
  clock?: EmulatorClockOption
  /** The port on 127.0.0.1 to listen on. Default: a free one the system picks. */
  port?: number
  /** Answers browsers' CORS preflights, for a web page that calls the emulator. Default false. */
  cors?: boolean
}

/** A running Wexa emulator: the HTTP server, the contract harness, and the task store behind them. */
export interface WexaEmulator extends EmulatorServer, EmulatorHarness {
  /** The key to give the adapter. It stays the same after `invalidateCredentials()`, which makes it refused. */
  readonly apiKey: string
  readonly projectId: string
  /** The emulator's tasks, for tests that need to look at or change them directly. */
  readonly tasks: TaskStore<WexaTaskPayload>
  /** Adds a task whose run waits for runtime input (`input_required`); an inbox answer resumes it. */
  createWaitingTask(): string
}

/** What a task made by `createTask()` goes through: `ready`, `running` after 1 s, `completed` after 5 s. */
export const WEXA_TASK_LIFECYCLE: readonly LifecycleStep[] = [
  { afterMs: 1000, status: 'running' },
  { afterMs: 5000, status: 'completed' },
]

// The 5 "random" bytes of a MongoDB ObjectId, fixed so created ids are reproducible.
const EMULATOR_ID_MACHINE = '7e57ab1e00'

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0')
}

/** Ids shaped like Wexa's: 24-hex ObjectIds (time, machine, counter) and UUID execution ids. */
function createIdSource(clock: EmulatorClock) {
  let counter = 0
  return {
    objectId: (): string => {
      counter += 1
      return `${hex(Math.floor(clock.now() / 1000), 8)}${EMULATOR_ID_MACHINE}${hex(counter, 6)}`
    },
    executionId: (): string => `7e57ab1e-0000-4000-8000-${hex(counter, 12)}`,
    reset: (): void => {
      counter = 0
    },
  }
}

/**
 * Starts an emulator of Wexa's task API on 127.0.0.1 with an ephemeral port.
 * It serves the two documented task payloads verbatim, a handful of other
 * seeded tasks, and the tasks tests create, which advance on the virtual
 * clock. Requests need the `x-api-key`; `GET /task/{id}` and `GET /tasks`
 * need the `projectID` query parameter.
 *
 * @example
 * ```ts
 * await using wexa = await startWexaEmulator()
 * const id = wexa.createTask()
 * wexa.clock.advance(5000)
 * const response = await fetch(`${wexa.baseUrl}/task/${id}?projectID=${wexa.projectId}`, {
 *   headers: { 'x-api-key': wexa.apiKey },
 * })
 * ```
 */
export async function startWexaEmulator(options: WexaEmulatorOptions = {}): Promise<WexaEmulator> {
  const clock = resolveClock(options.clock)
  const apiKey = options.apiKey ?? `wexa-test-${randomUUID()}`
  const projectId = options.projectId ?? WEXA_SEED_PROJECT_ID
  let acceptedKey = apiKey
  let createdCount = 0
  let unknownCount = 0
  const ids = createIdSource(clock)
  const tasks = createTaskStore<WexaTaskPayload>({
    clock,
    applyStep: (task, step, atMs) => setWexaTaskStatus(task.data, step.status, atMs),
  })

  const seed = () => {
    tasks.clear()
    ids.reset()
    createdCount = 0
    for (const task of wexaSeededTasks(projectId)) tasks.add(task._id, task)
  }

  const authenticate = (request: EmulatorRequest): EmulatorReply | undefined =>
    request.headers['x-api-key'] === acceptedKey
      ? undefined
      : { status: 401, body: wexaErrorBody(401, 'Invalid or missing x-api-key') }

  /** A new task in `status` with one execution; completed tasks come with their conclusion. */
  const newTask = (status: string, flow?: WexaFlowRequest): WexaTaskPayload => {
    createdCount += 1
    const nodeId = ids.objectId()
    const id = ids.objectId()
    const now = clock.now()
    const task = buildWexaTask({
      id,
      projectId,
      name: `emulated task ${createdCount}`,
      createdBy: WEXA_SEED_USER_ID,
      createdAt: toWexaSeconds(now),
      updatedAt: toWexaSeconds(now, 3),
      status,
      executions: [
        {
          executionId: ids.executionId(),
          nodeId,
          agentflowId: flow?.agentflowId ?? WEXA_SEED_AGENTFLOW_ID,
          goal: flow?.goal ?? `write a short report for emulated task ${createdCount}`,
          status,
        },
      ],
    })
    if (status === 'completed')
      task.executions = task.executions.map((run) => withConclusion(run, emulatedConclusion(task, run, now)))
    return task
  }

  const createTask = (status?: string): string => {
    const task = newTask(status ?? 'ready')
    tasks.add(task._id, task, status === undefined ? WEXA_TASK_LIFECYCLE : [])
    return task._id
  }

  const unknownTaskId = (): string => {
    let id: string
    do {
      unknownCount += 1
      id = `ffffffff${EMULATOR_ID_MACHINE}${hex(unknownCount, 6)}`
    } while (tasks.get(id))
    return id
  }

  seed()
  const server = await startEmulatorServer({
    clock,
    port: options.port,
    cors: options.cors,
    routes: [
      ...wexaRoutes({
        tasks,
        clock,
        // Ready until executed: its lifecycle is held until POST …/execute.
        createFlow: (flow) => {
          const task = newTask('ready', flow)
          tasks.add(task._id, task, WEXA_TASK_LIFECYCLE)
          tasks.pause(task._id)
          return tasks.get(task._id) as NonNullable<ReturnType<typeof tasks.get>>
        },
      }),
      ...wexaInboxRoutes({ tasks, clock, errorBody: wexaErrorBody }),
    ],
    authenticate,
    errorBody: wexaErrorBody,
    listItems: {
      get: (body) => (body as { data: unknown[] }).data,
      set: (body, items) => ({ ...(body as object), data: items }),
    },
  })

  return Object.assign(server, {
    baseUrl: server.url,
    apiKey,
    projectId,
    tasks,
    routes: WEXA_EMULATOR_ROUTES,
    secrets: [apiKey],
    providerStatuses: WEXA_PROVIDER_STATUSES,
    createTask,
    // A run waiting for runtime input; answering it through the inbox resumes it.
    createWaitingTask: () => createTask(WEXA_INPUT_REQUIRED),
    providerStatusOf: (id: string) => tasks.get(id)?.data.status,
    unknownTaskId,
    invalidateCredentials: () => {
      acceptedKey = `wexa-rotated-${randomUUID()}`
    },
    reset: () => {
      seed()
      acceptedKey = apiKey
      server.faults.clear()
      server.clearRequests()
    },
  })
}
