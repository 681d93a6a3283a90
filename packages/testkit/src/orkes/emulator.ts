import { randomBytes, randomUUID } from 'node:crypto'
import type { EmulatorHarness, HarnessRoutes } from '../contract/harness.js'
import { type EmulatorClock, type EmulatorClockOption, resolveClock } from '../toolkit/clock.js'
import {
  type EmulatorReply,
  type EmulatorRequest,
  type EmulatorServer,
  type RouteDefinition,
  startEmulatorServer,
} from '../toolkit/server.js'
import type { TaskStore } from '../toolkit/store.js'
import { startWaitingWorkflow, updateTaskRoute } from './answers.js'
import {
  ORKES_TASK_STATUSES,
  ORKES_WORKFLOW_STATUSES,
  type OrkesTaskPayload,
  type OrkesTaskStatus,
  type OrkesWorkflowPayload,
  type OrkesWorkflowStatus,
  orkesError,
  toTaskSummary,
  toWorkflowSummary,
} from './payloads.js'
import { searchPage } from './search.js'
import { orderTasks } from './seed-data.js'
import { startWorkflow } from './start.js'
import { type ControlOutcome, createOrkesState, type OrkesState } from './state.js'
import { createTokenIssuer, type TokenIssuer } from './tokens.js'

export { ORKES_SEED_TASK_ID, ORKES_SEED_WORKFLOW_ID } from './seed-data.js'
export { ORKES_REGISTERED_WORKFLOWS } from './start.js'

/** How an unknown task id is answered: 400 (Orkes docs), 404, or 204 with an empty body (OSS server). */
export type OrkesUnknownTaskResponse = 400 | 404 | 204

/** Options of {@link startOrkesEmulator}. */
export interface OrkesEmulatorOptions {
  /** The application key id; a new one per start by default. */
  keyId?: string
  /** The application key secret; a new one per start by default. */
  keySecret?: string
  /**
   * Default true. False emulates an open-source server: `/api/token` answers
   * 404 and no token is checked, until `invalidateCredentials()` turns
   * authentication on (the client's keys, if any, are then refused), as the
   * harness contract needs refused credentials; `reset()` turns it off again.
   */
  requireAuth?: boolean
  /** How long a token lives, in virtual time. Default 1 hour. */
  tokenTtlMs?: number
  /** Default 400, as the Orkes docs say; can be changed at run time. */
  unknownTaskResponse?: OrkesUnknownTaskResponse
  /**
   * How tasks advance and tokens expire: `'virtual'` (the default; only with `clock.advance`),
   * `'real-time'`, `{ realTime: { speed } }` (real time, `speed` times faster),
   * or a clock you made.
   */
  clock?: EmulatorClockOption
  /** The port on 127.0.0.1 to listen on. Default: a free one the system picks. */
  port?: number
  /** Answers browsers' CORS preflights, for a web page that calls the emulator. Default false. */
  cors?: boolean
}

/**
 * A running Orkes Conductor emulator. The object itself is the harness of
 * task mode (`/api/tasks`); {@link OrkesEmulator.workflowHarness} gives the
 * harness of workflow mode on the same server.
 */
export interface OrkesEmulator extends EmulatorServer, EmulatorHarness {
  readonly keyId: string
  /** The key secret currently accepted (it changes with `invalidateCredentials`). */
  readonly keySecret: string
  /** How an unknown task id is answered from now on. */
  unknownTaskResponse: OrkesUnknownTaskResponse
  readonly tasks: TaskStore<OrkesTaskPayload>
  readonly workflows: TaskStore<OrkesWorkflowPayload>
  /** How many tokens `/api/token` has issued. */
  readonly tokensIssued: number
  /** Starts a workflow whose signal WAIT task waits for a person, and returns that task's id; answering it completes the task. */
  createWaitingTask(): string
  /** The harness of workflow mode: a "task" is a workflow execution, and pause, resume and terminate work. */
  workflowHarness(): EmulatorHarness & { createWaitingTask(): string }
  /** Every token issued so far is refused from now on, as expired. */
  expireTokens(): void
}

const HOUR_MS = 3_600_000
const TASK_ROUTES: HarnessRoutes = { getTask: 'getTask', listTasks: 'searchTasks', answerTask: 'updateTask' }
const WORKFLOW_ROUTES: HarnessRoutes = {
  getTask: 'getWorkflow',
  listTasks: 'searchWorkflows',
  pauseTask: 'pauseWorkflow',
  resumeTask: 'resumeWorkflow',
  cancelTask: 'terminateWorkflow',
  startTask: 'startWorkflow',
  answerTask: 'updateTask',
}

/** The status of a task's workflow when a test asks for a task in a given status. */
const WORKFLOW_STATUS_FOR_TASK: Record<OrkesTaskStatus, OrkesWorkflowStatus> = {
  SCHEDULED: 'RUNNING',
  IN_PROGRESS: 'RUNNING',
  COMPLETED: 'COMPLETED',
  COMPLETED_WITH_ERRORS: 'COMPLETED',
  SKIPPED: 'COMPLETED',
  FAILED: 'FAILED',
  FAILED_WITH_TERMINAL_ERROR: 'FAILED',
  TIMED_OUT: 'TIMED_OUT',
  CANCELED: 'TERMINATED',
}

/** The statuses of an `order_fulfillment` workflow's tasks when a test asks for the workflow in a given status. */
const TASK_STATUSES_FOR_WORKFLOW: Record<OrkesWorkflowStatus, OrkesTaskStatus[]> = {
  RUNNING: ['COMPLETED', 'IN_PROGRESS'],
  PAUSED: ['COMPLETED', 'IN_PROGRESS'],
  COMPLETED: ['COMPLETED', 'COMPLETED', 'COMPLETED'],
  FAILED: ['COMPLETED', 'FAILED'],
  TIMED_OUT: ['TIMED_OUT'],
  TERMINATED: ['COMPLETED', 'CANCELED'],
}

const ok = (body: unknown): EmulatorReply => ({ status: 200, body })
const error = (status: number, message: string): EmulatorReply => ({ status, body: orkesError(status, message) })
// Control endpoints return void: 200 with an empty body, announced as such so clients do not wait for one.
const empty: EmulatorReply = { status: 200, headers: { 'content-length': '0' } }
const controlReply = (outcome: ControlOutcome): EmulatorReply =>
  outcome.ok ? empty : error(outcome.status, outcome.message)

const UNKNOWN_TASK_RESPONSES: readonly OrkesUnknownTaskResponse[] = [400, 404, 204]

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value)
}

/** Everything the routes and harnesses share. */
interface Context {
  clock: EmulatorClock
  state: OrkesState
  tokens: TokenIssuer
  config: { requireAuth: boolean; keyId: string; unknownTaskResponse: OrkesUnknownTaskResponse }
  /** The accepted secret is the last one; earlier ones are kept because a client may still hold them. */
  secrets: string[]
  /** How many tasks or workflows the harnesses created since the last reset, for readable inputs. */
  created: number
}

function tokenRoute(context: Context): RouteDefinition {
  return {
    name: 'token',
    method: 'POST',
    path: '/api/token',
    payload: 'none',
    auth: false,
    handler: ({ body }) => {
      // An OSS server has no such endpoint; Spring answers 404 (the SDK reads that as "no auth").
      if (!context.config.requireAuth) return error(404, 'No static resource api/token.')
      const { keyId, keySecret } = (body ?? {}) as { keyId?: unknown; keySecret?: unknown }
      if (keyId !== context.config.keyId || keySecret !== context.secrets.at(-1)) {
        return error(401, 'Invalid access key id or secret')
      }
      return ok({ token: context.tokens.issue(keyId) })
    },
  }
}

function unknownTask(context: Context, taskId: string): EmulatorReply {
  const answer = context.config.unknownTaskResponse
  if (answer === 204) return { status: 204 }
  return error(answer, answer === 404 ? `No such task found by id: ${taskId}` : `Invalid task id: ${taskId}`)
}

function taskRoutes(context: Context): RouteDefinition[] {
  return [
    // Before getTask, whose pattern would also match /api/tasks/search.
    {
      name: 'searchTasks',
      method: 'GET',
      path: '/api/tasks/search',
      payload: 'list',
      handler: ({ query }) => {
        const outcome = searchPage(context.state.allTasks().map(toTaskSummary), query)
        return outcome.ok ? ok(outcome.page) : error(400, outcome.message)
      },
    },
    {
      name: 'getTask',
      method: 'GET',
      path: '/api/tasks/:taskId',
      payload: 'task',
      handler: ({ params }) => {
        const taskId = params.taskId ?? ''
        const task = context.state.task(taskId)
        return task ? ok(task) : unknownTask(context, taskId)
      },
    },
  ]
}

function workflowRoutes(context: Context): RouteDefinition[] {
  const { state } = context
  const workflowId = (request: EmulatorRequest) => request.params.workflowId ?? ''
  return [
    {
      name: 'startWorkflow',
      method: 'POST',
      path: '/api/workflow',
      payload: 'none',
      handler: ({ body }) => startWorkflow(state, body),
    },
    {
      name: 'searchWorkflows',
      method: 'GET',
      path: '/api/workflow/search',
      payload: 'list',
      handler: ({ query }) => {
        const outcome = searchPage(state.allWorkflows().map(toWorkflowSummary), query)
        return outcome.ok ? ok(outcome.page) : error(400, outcome.message)
      },
    },
    {
      name: 'getWorkflow',
      method: 'GET',
      path: '/api/workflow/:workflowId',
      payload: 'task',
      handler: (request) => {
        const id = workflowId(request)
        // includeTasks defaults to true on the server.
        const workflow = state.workflow(id, request.query.get('includeTasks') !== 'false')
        return workflow ? ok(workflow) : error(404, `No such workflow found by id: ${id}`)
      },
    },
    {
      name: 'pauseWorkflow',
      method: 'PUT',
      path: '/api/workflow/:workflowId/pause',
      payload: 'none',
      handler: (request) => controlReply(state.pause(workflowId(request))),
    },
    {
      name: 'resumeWorkflow',
      method: 'PUT',
      path: '/api/workflow/:workflowId/resume',
      payload: 'none',
      handler: (request) => controlReply(state.resume(workflowId(request))),
    },
    {
      // `triggerFailureWorkflow` (Orkes only) is accepted and has no effect: no failure workflows are emulated.
      name: 'terminateWorkflow',
      method: 'DELETE',
      path: '/api/workflow/:workflowId',
      payload: 'none',
      handler: (request) =>
        controlReply(state.terminate(workflowId(request), request.query.get('reason') ?? undefined)),
    },
  ]
}

/**
 * Checks `X-Authorization: <token>` (no "Bearer"). The 401 bodies' `error`
 * codes are the ones the official SDK looks for before refreshing a token;
 * that the server sends them is unverified.
 */
function authenticate(context: Context, request: EmulatorRequest): EmulatorReply | undefined {
  if (!context.config.requireAuth) return undefined
  const header = request.headers['x-authorization']
  const verdict = context.tokens.check(typeof header === 'string' ? header : undefined)
  if (verdict === 'valid') return undefined
  const body =
    verdict === 'expired'
      ? { status: 401, message: 'Token expired', error: 'EXPIRED_TOKEN' }
      : { status: 401, message: 'Invalid token', error: 'INVALID_TOKEN' }
  return { status: 401, body }
}

const newSecret = () => randomBytes(24).toString('base64url')

/**
 * Starts an Orkes Conductor emulator on 127.0.0.1: token exchange, tasks
 * (`/api/tasks`) and workflow executions (`/api/workflow`) that advance on
 * the virtual clock, search with pagination, pause, resume and terminate,
 * and the task update (`POST /api/tasks`) that completes a HUMAN or WAIT
 * task waiting for a person. Seeded with the documented task and its
 * workflow, plus workflows and tasks in every status; `createWaitingTask()`
 * starts a workflow that waits for a person (a signal WAIT task in task
 * mode, a HUMAN task in workflow mode).
 *
 * @example
 * ```ts
 * await using orkes = await startOrkesEmulator()
 * const { token } = await (await fetch(`${orkes.url}/api/token`, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ keyId: orkes.keyId, keySecret: orkes.keySecret }),
 * })).json()
 * await fetch(`${orkes.url}/api/tasks/${ORKES_SEED_TASK_ID}`, { headers: { 'X-Authorization': token } })
 * ```
 */
export async function startOrkesEmulator(options: OrkesEmulatorOptions = {}): Promise<OrkesEmulator> {
  const clock = resolveClock(options.clock)
  const initial = {
    keySecret: options.keySecret ?? newSecret(),
    unknownTaskResponse: options.unknownTaskResponse ?? 400,
    requireAuth: options.requireAuth ?? true,
  }
  const context: Context = {
    clock,
    state: createOrkesState(clock),
    tokens: createTokenIssuer(clock, options.tokenTtlMs ?? HOUR_MS),
    config: {
      requireAuth: initial.requireAuth,
      keyId: options.keyId ?? randomUUID(),
      unknownTaskResponse: initial.unknownTaskResponse,
    },
    secrets: [initial.keySecret],
    created: 0,
  }
  const { state } = context
  state.reseed()

  const server = await startEmulatorServer({
    clock,
    port: options.port,
    cors: options.cors,
    routes: [tokenRoute(context), ...taskRoutes(context), updateTaskRoute(state), ...workflowRoutes(context)],
    authenticate: (request) => authenticate(context, request),
    errorBody: orkesError,
    listItems: {
      get: (body) => (body as { results: unknown[] }).results,
      set: (body, results) => ({ ...(body as object), results }),
    },
  })

  const invalidateCredentials = () => {
    context.config.requireAuth = true
    context.secrets.push(newSecret())
    context.tokens.expireAll()
  }
  const reset = () => {
    state.reseed()
    context.created = 0
    // Issued tokens stay valid: a client keeps working across tests without a new exchange.
    if (context.secrets.at(-1) !== initial.keySecret) context.secrets.push(initial.keySecret)
    context.config.unknownTaskResponse = initial.unknownTaskResponse
    context.config.requireAuth = initial.requireAuth
    server.faults.clear()
    server.clearRequests()
  }
  const harness = (
    mode: Pick<EmulatorHarness, 'routes' | 'providerStatuses' | 'createTask' | 'providerStatusOf'> & {
      createWaitingTask(): string
    },
  ) => ({
    ...mode,
    baseUrl: server.url,
    get secrets(): string[] {
      return [...new Set(context.secrets), ...context.tokens.issued]
    },
    unknownTaskId: () => randomUUID(),
    invalidateCredentials,
    reset,
  })

  const workflowHarness: EmulatorHarness & { createWaitingTask(): string } = withAccessors(
    server,
    harness({
      routes: WORKFLOW_ROUTES,
      providerStatuses: ORKES_WORKFLOW_STATUSES,
      createTask: (status) => createWorkflow(context, status),
      createWaitingTask: () => startWaitingWorkflow(state, nextSubject(context)).workflowId,
      providerStatusOf: (id) => state.workflow(id, false)?.status,
    }),
  )

  return withAccessors(
    server,
    harness({
      routes: TASK_ROUTES,
      providerStatuses: ORKES_TASK_STATUSES,
      createTask: (status) => createTask(context, status),
      createWaitingTask: () => startWaitingWorkflow(state, nextSubject(context), 'WAIT').taskId,
      providerStatusOf: (id) => state.task(id)?.status,
    }),
    {
      keyId: context.config.keyId,
      get keySecret(): string {
        return context.secrets.at(-1) ?? ''
      },
      get unknownTaskResponse(): OrkesUnknownTaskResponse {
        return context.config.unknownTaskResponse
      },
      set unknownTaskResponse(answer: OrkesUnknownTaskResponse) {
        if (!UNKNOWN_TASK_RESPONSES.includes(answer)) {
          throw new RangeError(`unknownTaskResponse must be 400, 404 or 204, got ${answer}`)
        }
        context.config.unknownTaskResponse = answer
      },
      tasks: state.tasks,
      workflows: state.workflows,
      get tokensIssued(): number {
        return context.tokens.issued.length
      },
      workflowHarness: () => workflowHarness,
      expireTokens: () => context.tokens.expireAll(),
    },
  )
}

/** A readable, new subject for a waiting workflow. */
function nextSubject(context: Context): string {
  context.created += 1
  return `refund-${context.created}`
}

/** Task mode: a task inside a new one-task workflow; without a status it runs on the clock. */
function createTask(context: Context, status: string | undefined): string {
  if (status !== undefined && !isOneOf(ORKES_TASK_STATUSES, status)) {
    throw new RangeError(`Not an Orkes task status: ${status}`)
  }
  context.created += 1
  const itemId = `item-${context.created}`
  const blueprint = {
    name: 'item_processing',
    tasks: [
      {
        name: 'process_item',
        referenceName: 'process_item_ref',
        input: { itemId },
        output: { processed: true, itemId },
      },
    ],
    input: { itemId },
  }
  const created = status
    ? context.state.addStatic({
        ...blueprint,
        status: WORKFLOW_STATUS_FOR_TASK[status],
        taskStatuses: [status],
        startedAt: context.clock.now() - 6000,
      })
    : context.state.start(blueprint)
  return created.taskIds[0] as string
}

/** Workflow mode: an `order_fulfillment` workflow; without a status it runs its tasks on the clock and completes. */
function createWorkflow(context: Context, status: string | undefined): string {
  if (status !== undefined && !isOneOf(ORKES_WORKFLOW_STATUSES, status)) {
    throw new RangeError(`Not an Orkes workflow status: ${status}`)
  }
  context.created += 1
  const orderId = `ord-${9000 + context.created}`
  const blueprint = { name: 'order_fulfillment', tasks: orderTasks(orderId), input: { orderId } }
  const taskStatuses = status ? TASK_STATUSES_FOR_WORKFLOW[status] : []
  const created = status
    ? context.state.addStatic({
        ...blueprint,
        status,
        taskStatuses,
        startedAt: context.clock.now() - 6000 * taskStatuses.length,
      })
    : context.state.start({ ...blueprint, tasks: blueprint.tasks.slice(0, 2) })
  return created.workflowId
}

/** A new object with the members of every source, keeping getters and setters live (a spread would freeze them). */
function withAccessors<A extends object, B extends object, C extends object = object>(
  server: A,
  extra: B,
  more?: C,
): A & B & C {
  const target = {}
  for (const source of [server, extra, more ?? {}])
    Object.defineProperties(target, Object.getOwnPropertyDescriptors(source))
  return target as A & B & C
}
