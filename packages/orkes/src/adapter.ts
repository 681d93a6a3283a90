import {
  type AdapterDefinition,
  type CallOptions,
  defineAdapter,
  InvalidArgumentError,
  InvalidPayloadError,
  type TaskAdapter,
  type TaskAnswer,
  validateTaskAnswer,
} from '@taskbridge/core'
import {
  type AdapterHttpOptions,
  checkBaseUrl,
  checkOptionsObject,
  checkStringOption,
  createHttpClient,
  createTaskRequest,
  type HttpClient,
  loadSetting,
  payloadSourceOf,
  type RouteTemplate,
  resolveRoute,
} from '@taskbridge/provider-utils'
import { answerOrkesTask, answerOrkesWorkflow } from './answer.js'
import { checkOrkesCredentials, type OrkesCredentials, orkesAuth } from './credentials.js'
import {
  mapOrkesTaskStatus,
  mapOrkesWorkflowStatus,
  ORKES_PROVIDER,
  type OrkesTaskMetadata,
  type OrkesWorkflowMetadata,
  parseOrkesTask,
  parseOrkesWorkflow,
} from './map.js'
import { isOrkesNotFound, isOrkesTaskNotFound, orkesErrorMessage } from './orkes-error.js'
import { type OrkesListQuery, searchOrkes } from './search.js'
import { USER_AGENT } from './version.js'

/** What the adapter's Tasks are: single tasks, or workflow executions (which can be paused, resumed and terminated). */
export type OrkesResource = 'task' | 'workflow'

/** Options of {@link createOrkesAdapter}. */
export interface OrkesAdapterOptions<Name extends string = typeof ORKES_PROVIDER>
  extends AdapterHttpOptions,
    OrkesCredentials {
  /**
   * The adapter's name, carried by its tasks and used by `createTaskClient`.
   * Default `orkes`; give a task adapter and a workflow adapter different
   * names to use both in one client.
   */
  name?: Name
  /** The cluster URL, with or without `/api`. Default: the `ORKES_SERVER_URL` environment variable. */
  serverUrl?: string
  /** Default `task`. In `workflow` mode a Task is a workflow execution, and pause, resume and cancel work. */
  resource?: OrkesResource
  /** The reason sent when `cancelTask` terminates a workflow. */
  terminateReason?: string
  /**
   * Workflow mode: read each workflow with its tasks (`includeTasks=true`),
   * kept in `metadata.tasks`. Default true: a running workflow whose pending
   * HUMAN or WAIT task waits for a person is `waiting_for_input` only when
   * its tasks are read. False reads less, and such a workflow is `running`.
   */
  includeTasks?: boolean
}

/** What {@link OrkesWorkflowAdapter.startTask} takes: Conductor's StartWorkflowRequest. */
export interface OrkesStartInput {
  /** The registered workflow definition to run. */
  name: string
  /** Its version. Default: the latest. */
  version?: number | undefined
  /** The workflow's input. */
  input?: Record<string, unknown> | undefined
  /** An id of yours that correlates executions (`correlationId`). */
  correlationId?: string | undefined
  /** Priority of its tasks, 0 to 99. */
  priority?: number | undefined
  /** Task-to-domain mapping (`taskToDomain`). */
  taskToDomain?: Record<string, string> | undefined
  /**
   * Idempotency key (`idempotencyKey`).
   * @deprecated Pass `idempotencyKey` in `startTask`'s options, as with every adapter: `startTask(input, { idempotencyKey })`.
   */
  idempotencyKey?: string | undefined
  /**
   * What Orkes does with a start whose idempotency key it has seen for this
   * workflow (`idempotencyStrategy`): `RETURN_EXISTING` (the default here)
   * answers the run that key started; `FAIL` refuses it;
   * `FAIL_ON_RUNNING` refuses it while that run is running or paused.
   */
  idempotencyStrategy?: OrkesIdempotencyStrategy | undefined
}

/** Orkes' answers to a start whose idempotency key it has seen: see {@link OrkesStartInput.idempotencyStrategy}. */
export type OrkesIdempotencyStrategy = 'RETURN_EXISTING' | 'FAIL' | 'FAIL_ON_RUNNING'

const IDEMPOTENCY_STRATEGIES: ReadonlySet<string> = new Set(['RETURN_EXISTING', 'FAIL', 'FAIL_ON_RUNNING'])

/** An Orkes adapter in task mode: get and search single tasks, and answer a waiting HUMAN or WAIT task. */
export type OrkesTaskAdapter<Name extends string = typeof ORKES_PROVIDER> = TaskAdapter<
  Name,
  OrkesListQuery,
  never,
  OrkesTaskMetadata,
  TaskAnswer
>

/**
 * An Orkes adapter in workflow mode: start, get, search, pause, resume,
 * terminate workflow executions, and answer the HUMAN or WAIT task one waits on.
 */
export type OrkesWorkflowAdapter<Name extends string = typeof ORKES_PROVIDER> = TaskAdapter<
  Name,
  OrkesListQuery,
  OrkesStartInput,
  OrkesWorkflowMetadata,
  TaskAnswer
>

const DEFAULT_TERMINATE_REASON = 'Cancelled through taskbridge'

/** The serverUrl without trailing slashes or `/api`, since every route starts with `/api`. */
function normaliseServerUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/api$/, '')
}

/**
 * Creates the Orkes Conductor adapter. In `task` mode (the default) a Task is
 * an Orkes task: get and search. In `workflow` mode a Task is a workflow
 * execution: start, get, search, pause, resume and terminate (as `cancelTask`).
 *
 * Credentials, read when the first request is made: a ready `token`
 * (`ORKES_TOKEN`), or `keyId`/`keySecret` (`ORKES_KEY_ID`/`ORKES_KEY_SECRET`)
 * exchanged for a token that is shared by concurrent calls and renewed before
 * it expires and once after a 401, or nothing for an open-source server
 * without auth. Every option given is checked now, with an
 * `InvalidArgumentError` naming it; values from the environment when they
 * are read.
 *
 * @example
 * ```ts
 * const workflows = createOrkesAdapter({ serverUrl: 'https://play.orkes.io', resource: 'workflow' })
 * await workflows.pauseTask(workflowId)
 * ```
 */
export function createOrkesAdapter<const Name extends string = typeof ORKES_PROVIDER>(
  options: OrkesAdapterOptions<Name> & { resource: 'workflow' },
): OrkesWorkflowAdapter<NoInfer<Name>>
/** Creates the Orkes adapter in task mode (the default): get and search single tasks. */
export function createOrkesAdapter<const Name extends string = typeof ORKES_PROVIDER>(
  options?: OrkesAdapterOptions<Name> & { resource?: 'task' | undefined },
): OrkesTaskAdapter<NoInfer<Name>>
/** Creates the Orkes adapter in the mode `options.resource` names, known only at run time. */
export function createOrkesAdapter<const Name extends string = typeof ORKES_PROVIDER>(
  options?: OrkesAdapterOptions<Name>,
): OrkesTaskAdapter<NoInfer<Name>> | OrkesWorkflowAdapter<NoInfer<Name>>
export function createOrkesAdapter<const Name extends string = typeof ORKES_PROVIDER>(
  given?: OrkesAdapterOptions<Name>,
): OrkesTaskAdapter<NoInfer<Name>> | OrkesWorkflowAdapter<NoInfer<Name>> {
  const options = checkOptionsObject(ORKES_PROVIDER, given)
  const provider = (checkStringOption(ORKES_PROVIDER, 'name', options.name) ?? ORKES_PROVIDER) as Name
  const resource = options.resource ?? 'task'
  if (resource !== 'task' && resource !== 'workflow') {
    throw new InvalidArgumentError({
      provider,
      argument: 'resource',
      message: `resource must be "task" or "workflow", got ${typeof resource === 'string' ? `"${resource}"` : typeof resource}`,
    })
  }
  checkStringOption(ORKES_PROVIDER, 'terminateReason', options.terminateReason)
  if (options.includeTasks !== undefined && typeof options.includeTasks !== 'boolean') {
    throw new InvalidArgumentError({
      provider,
      argument: 'includeTasks',
      message: 'includeTasks must be true or false',
    })
  }
  checkOrkesCredentials(options)
  // A serverUrl given is checked now; one from ORKES_SERVER_URL when it is read.
  const serverUrlOption = checkStringOption(ORKES_PROVIDER, 'serverUrl', options.serverUrl)
  if (serverUrlOption !== undefined && serverUrlOption.trim() !== '') {
    checkBaseUrl(normaliseServerUrl(serverUrlOption), {
      provider: ORKES_PROVIDER,
      argument: 'serverUrl',
      allowInsecureHttp: options.allowInsecureHttp,
    })
  }
  const serverUrl = () =>
    normaliseServerUrl(
      loadSetting({
        value: serverUrlOption,
        envVar: 'ORKES_SERVER_URL',
        optionName: 'serverUrl',
        provider,
      }),
    )
  const errors = { message: orkesErrorMessage }
  const tokenClient = createHttpClient({ ...options, provider, baseUrl: serverUrl, errors, userAgent: USER_AGENT })
  const http = createHttpClient({
    ...options,
    provider,
    baseUrl: serverUrl,
    auth: orkesAuth(options, () => tokenClient),
    errors,
    userAgent: USER_AGENT,
  })
  return resource === 'workflow'
    ? defineAdapter(workflowOperations(provider, http, options))
    : defineAdapter(taskOperations(provider, http))
}

function taskOperations<Name extends string>(
  provider: Name,
  http: HttpClient,
): AdapterDefinition<Name, OrkesListQuery, never, OrkesTaskMetadata, TaskAnswer> {
  const useWorkflowMode =
    "Orkes pauses, resumes and terminates workflows, not single tasks: create the adapter with resource: 'workflow'"
  const send = createTaskRequest(http, parseOrkesTask)
  const getTask = (id: string, call: CallOptions) =>
    send('GET /api/tasks/{id}', id, call, { isNotFound: isOrkesTaskNotFound })
  return {
    provider,
    unsupportedReasons: {
      startTask: "Orkes starts workflows, not single tasks: create the adapter with resource: 'workflow'",
      pauseTask: useWorkflowMode,
      resumeTask: useWorkflowMode,
      cancelTask: useWorkflowMode,
    },
    getTask,
    listTasks: (query, call) =>
      searchOrkes(provider, http, '/api/tasks/search', query, call, mapOrkesTaskStatus, parseOrkesTask),
    answerTask: answerOrkesTask(provider, http, getTask),
    validateAnswer: validateTaskAnswer,
  }
}

/** The idempotency key to send: the call's, or the input's older field; both must agree. */
function idempotencyOf(provider: string, input: OrkesStartInput, callKey: string | undefined) {
  const key = callKey ?? input.idempotencyKey
  if (callKey !== undefined && input.idempotencyKey !== undefined && input.idempotencyKey !== callKey) {
    throw new InvalidArgumentError({
      provider,
      argument: 'idempotencyKey',
      message: 'startTask: the input and the options give two different idempotency keys',
    })
  }
  const strategy = input.idempotencyStrategy
  if (strategy !== undefined && !IDEMPOTENCY_STRATEGIES.has(strategy)) {
    throw new InvalidArgumentError({
      provider,
      argument: 'idempotencyStrategy',
      message: `startTask: idempotencyStrategy must be one of ${[...IDEMPOTENCY_STRATEGIES].join(', ')}`,
    })
  }
  return key === undefined ? {} : { idempotencyKey: key, idempotencyStrategy: strategy ?? 'RETURN_EXISTING' }
}

/** The StartWorkflowRequest body for `input`. */
function startRequest(provider: string, input: OrkesStartInput, callKey: string | undefined): Record<string, unknown> {
  return {
    name: input.name,
    version: input.version,
    input: input.input ?? {},
    correlationId: input.correlationId,
    priority: input.priority,
    taskToDomain: input.taskToDomain,
    ...idempotencyOf(provider, input, callKey),
  }
}

function workflowOperations<Name extends string>(
  provider: Name,
  http: HttpClient,
  options: OrkesAdapterOptions<Name>,
): AdapterDefinition<Name, OrkesListQuery, OrkesStartInput, OrkesWorkflowMetadata, TaskAnswer> {
  const send = createTaskRequest(http, parseOrkesWorkflow)
  const read = (includeTasks: boolean) => (id: string, call: CallOptions) =>
    send('GET /api/workflow/{id}', id, call, { isNotFound: isOrkesTaskNotFound, query: { includeTasks } })
  const getWorkflow = read(options.includeTasks ?? true)
  // Pause, resume and terminate answer with an empty body: the Task returned is read afterwards.
  const control = (route: RouteTemplate, query?: Record<string, string>) => async (id: string, call: CallOptions) => {
    const { method, path } = resolveRoute(route, { id })
    await http.request(path, { ...call, method, route, query, taskId: id, isNotFound: isOrkesNotFound })
    return getWorkflow(id, call)
  }
  return {
    provider,
    getTask: getWorkflow,
    // Orkes keeps each key per workflow name and answers the run it started (RETURN_EXISTING).
    idempotentStart: true,
    // Conductor answers the new workflow's id as plain text; the Task is read afterwards.
    async startTask(input, { idempotencyKey, ...call }) {
      if (typeof input?.name !== 'string' || input.name.trim() === '') {
        throw new InvalidArgumentError({
          provider,
          argument: 'name',
          message: 'startTask: the workflow name is required',
        })
      }
      const response = await http.request('/api/workflow', {
        ...call,
        method: 'POST',
        json: startRequest(provider, input, idempotencyKey),
        responseType: 'text',
      })
      const id = response.text.trim()
      if (id === '') {
        throw new InvalidPayloadError({
          provider,
          raw: response.text,
          message: 'POST /api/workflow answered without a workflow id',
          ...payloadSourceOf(response),
        })
      }
      return getWorkflow(id, call)
    },
    listTasks: (query, call) =>
      searchOrkes(provider, http, '/api/workflow/search', query, call, mapOrkesWorkflowStatus, parseOrkesWorkflow),
    pauseTask: control('PUT /api/workflow/{id}/pause'),
    resumeTask: control('PUT /api/workflow/{id}/resume'),
    cancelTask: control('DELETE /api/workflow/{id}', { reason: options.terminateReason ?? DEFAULT_TERMINATE_REASON }),
    answerTask: answerOrkesWorkflow(provider, http, read(true)),
    validateAnswer: validateTaskAnswer,
  }
}
