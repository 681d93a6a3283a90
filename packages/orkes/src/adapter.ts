import {
  type AdapterDefinition,
  type CallOptions,
  defineAdapter,
  InvalidArgumentError,
  InvalidPayloadError,
  type ListQuery,
  type Task,
  type TaskAdapter,
  type TaskAnswer,
  type TaskStatus,
  validateTaskAnswer,
} from '@taskbridge/core'
import {
  type AdapterHttpOptions,
  checkBaseUrl,
  checkOptionsObject,
  checkStringOption,
  createHttpClient,
  createTaskRequest,
  type ErrorContext,
  type HttpClient,
  listPages,
  loadSetting,
  matchesListQuery,
  type PayloadSource,
  parsePayload,
  payloadSourceOf,
  type RouteTemplate,
  resolveRoute,
  type StatusMapper,
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
import { OrkesSearchPageSchema } from './schema.js'

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
  /** Idempotency key (`idempotencyKey`, Orkes): a retried start with the same key does not start a second run. */
  idempotencyKey?: string | undefined
}

/** An Orkes adapter in task mode: get and search single tasks, and answer a waiting HUMAN or WAIT task. */
export type OrkesTaskAdapter<Name extends string = typeof ORKES_PROVIDER> = TaskAdapter<
  Name,
  ListQuery,
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
  ListQuery,
  OrkesStartInput,
  OrkesWorkflowMetadata,
  TaskAnswer
>

const DEFAULT_PAGE_SIZE = 100
const MAX_PAGE_SIZE = 1000
const DEFAULT_TERMINATE_REASON = 'Cancelled through taskbridge'

// Orkes answers an invalid id with 400 (its docs), 404, or, on the
// open-source server, 204 with an empty body.
const taskNotFound = ({ status, body }: ErrorContext) =>
  status === 400 || status === 404 || (status === 204 && body === undefined)
const workflowNotFound = ({ status }: ErrorContext) => status === 400 || status === 404

/** The serverUrl without trailing slashes or `/api`, since every route starts with `/api`. */
function normaliseServerUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/api$/, '')
}

/** The search `query` for the wanted statuses, in Orkes' `status IN (…)` syntax; `null` when none can match. */
function statusQuery(query: ListQuery, mapper: StatusMapper): string | undefined | null {
  if (query.status === undefined) return undefined
  const wanted: readonly TaskStatus[] = typeof query.status === 'string' ? [query.status] : query.status
  // Orkes has no waiting status: a task (or workflow) waiting for a person is
  // IN_PROGRESS (RUNNING) there, and the adapter tells the waits apart.
  const asked = wanted.includes('waiting_for_input') ? [...wanted, 'running' as const] : wanted
  const matching = mapper.providerStatusesFor(asked)
  return matching.length === 0 ? null : `status IN (${matching.join(',')})`
}

/** Pages through a search route lazily by `start`/`size` until `totalHits`. */
async function* search<T extends Task>(
  provider: string,
  http: HttpClient,
  route: string,
  query: ListQuery,
  call: CallOptions,
  mapper: StatusMapper,
  parse: (item: unknown, source: PayloadSource) => T,
): AsyncGenerator<T> {
  const condition = statusQuery(query, mapper)
  if (condition === null) return
  const size = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
  // `start` advances by what arrived, not by what was asked: a server may cap `size`.
  const pages = listPages(async (_page, start) => {
    const response = await http.request(route, { ...call, query: { start, size, freeText: '*', query: condition } })
    const source = payloadSourceOf(response)
    const page = parsePayload(OrkesSearchPageSchema, response.body, {
      provider,
      what: 'Orkes search result',
      ...source,
    })
    return { tasks: page.results.map((item) => parse(item, source)), total: page.totalHits }
  })
  for await (const task of pages) if (matchesListQuery(task, query)) yield task
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
  const tokenClient = createHttpClient({ ...options, provider, baseUrl: serverUrl })
  const http = createHttpClient({
    ...options,
    provider,
    baseUrl: serverUrl,
    auth: orkesAuth(options, () => tokenClient),
  })
  return resource === 'workflow'
    ? defineAdapter(workflowOperations(provider, http, options))
    : defineAdapter(taskOperations(provider, http))
}

function taskOperations<Name extends string>(
  provider: Name,
  http: HttpClient,
): AdapterDefinition<Name, ListQuery, never, OrkesTaskMetadata, TaskAnswer> {
  const useWorkflowMode =
    "Orkes pauses, resumes and terminates workflows, not single tasks: create the adapter with resource: 'workflow'"
  const send = createTaskRequest(http, parseOrkesTask)
  const getTask = (id: string, call: CallOptions) => send('GET /api/tasks/{id}', id, call, { isNotFound: taskNotFound })
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
      search(provider, http, '/api/tasks/search', query, call, mapOrkesTaskStatus, parseOrkesTask),
    answerTask: answerOrkesTask(provider, http, getTask),
    validateAnswer: validateTaskAnswer,
  }
}

/** The StartWorkflowRequest body for `input`. */
function startRequest(input: OrkesStartInput): Record<string, unknown> {
  return {
    name: input.name,
    version: input.version,
    input: input.input ?? {},
    correlationId: input.correlationId,
    priority: input.priority,
    taskToDomain: input.taskToDomain,
    idempotencyKey: input.idempotencyKey,
  }
}

function workflowOperations<Name extends string>(
  provider: Name,
  http: HttpClient,
  options: OrkesAdapterOptions<Name>,
): AdapterDefinition<Name, ListQuery, OrkesStartInput, OrkesWorkflowMetadata, TaskAnswer> {
  const send = createTaskRequest(http, parseOrkesWorkflow)
  const read = (includeTasks: boolean) => (id: string, call: CallOptions) =>
    send('GET /api/workflow/{id}', id, call, { isNotFound: taskNotFound, query: { includeTasks } })
  const getWorkflow = read(options.includeTasks ?? true)
  // Pause, resume and terminate answer with an empty body: the Task returned is read afterwards.
  const control = (route: RouteTemplate, query?: Record<string, string>) => async (id: string, call: CallOptions) => {
    const { method, path } = resolveRoute(route, { id })
    await http.request(path, { ...call, method, query, taskId: id, isNotFound: workflowNotFound })
    return getWorkflow(id, call)
  }
  return {
    provider,
    getTask: getWorkflow,
    // Conductor answers the new workflow's id as plain text; the Task is read afterwards.
    async startTask(input, call) {
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
        json: startRequest(input),
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
      search(provider, http, '/api/workflow/search', query, call, mapOrkesWorkflowStatus, parseOrkesWorkflow),
    pauseTask: control('PUT /api/workflow/{id}/pause'),
    resumeTask: control('PUT /api/workflow/{id}/resume'),
    cancelTask: control('DELETE /api/workflow/{id}', { reason: options.terminateReason ?? DEFAULT_TERMINATE_REASON }),
    answerTask: answerOrkesWorkflow(provider, http, read(true)),
    validateAnswer: validateTaskAnswer,
  }
}
