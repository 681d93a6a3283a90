import {
  type AdapterDefinition,
  type CallOptions,
  defineAdapter,
  InvalidArgumentError,
  type ListQuery,
  type Task,
  type TaskAdapter,
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
import { checkOrkesCredentials, type OrkesCredentials, orkesAuth } from './credentials.js'
import {
  mapOrkesTaskStatus,
  mapOrkesWorkflowStatus,
  ORKES_PROVIDER,
  parseOrkesTask,
  parseOrkesWorkflow,
} from './map.js'
import { OrkesSearchPageSchema } from './schema.js'

/** What the adapter's Tasks are: single tasks, or workflow executions (which can be paused, resumed and terminated). */
export type OrkesResource = 'task' | 'workflow'

/** Options of {@link createOrkesAdapter}. */
export interface OrkesAdapterOptions extends AdapterHttpOptions, OrkesCredentials {
  /** The cluster URL, with or without `/api`. Default: the `ORKES_SERVER_URL` environment variable. */
  serverUrl?: string
  /** Default `task`. In `workflow` mode a Task is a workflow execution, and pause, resume and cancel work. */
  resource?: OrkesResource
  /** The reason sent when `cancelTask` terminates a workflow. */
  terminateReason?: string
}

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
  const matching = mapper.providerStatusesFor(query.status)
  return matching.length === 0 ? null : `status IN (${matching.join(',')})`
}

/** Pages through a search route lazily by `start`/`size` until `totalHits`. */
async function* search(
  http: HttpClient,
  route: string,
  query: ListQuery,
  call: CallOptions,
  mapper: StatusMapper,
  parse: (item: unknown, source: PayloadSource) => Task,
): AsyncGenerator<Task> {
  const condition = statusQuery(query, mapper)
  if (condition === null) return
  const size = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
  // `start` advances by what arrived, not by what was asked: a server may cap `size`.
  const pages = listPages(async (_page, start) => {
    const response = await http.request(route, { ...call, query: { start, size, freeText: '*', query: condition } })
    const source = payloadSourceOf(response)
    const page = parsePayload(OrkesSearchPageSchema, response.body, {
      provider: ORKES_PROVIDER,
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
 * execution: get, search, pause, resume and terminate (as `cancelTask`).
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
export function createOrkesAdapter(given?: OrkesAdapterOptions): TaskAdapter {
  const options = checkOptionsObject(ORKES_PROVIDER, given)
  const resource = options.resource ?? 'task'
  if (resource !== 'task' && resource !== 'workflow') {
    throw new InvalidArgumentError({
      provider: ORKES_PROVIDER,
      argument: 'resource',
      message: `resource must be "task" or "workflow", got ${typeof resource === 'string' ? `"${resource}"` : typeof resource}`,
    })
  }
  checkStringOption(ORKES_PROVIDER, 'terminateReason', options.terminateReason)
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
        provider: ORKES_PROVIDER,
      }),
    )
  const tokenClient = createHttpClient({ ...options, provider: ORKES_PROVIDER, baseUrl: serverUrl })
  const http = createHttpClient({
    ...options,
    provider: ORKES_PROVIDER,
    baseUrl: serverUrl,
    auth: orkesAuth(options, () => tokenClient),
  })
  return defineAdapter(resource === 'workflow' ? workflowOperations(http, options) : taskOperations(http))
}

function taskOperations(http: HttpClient): AdapterDefinition {
  const useWorkflowMode =
    "Orkes pauses, resumes and terminates workflows, not single tasks: create the adapter with resource: 'workflow'"
  const send = createTaskRequest(http, parseOrkesTask)
  return {
    provider: ORKES_PROVIDER,
    unsupportedReasons: { pauseTask: useWorkflowMode, resumeTask: useWorkflowMode, cancelTask: useWorkflowMode },
    getTask: (id, call) => send('GET /api/tasks/{id}', id, call, { isNotFound: taskNotFound }),
    listTasks: (query, call) => search(http, '/api/tasks/search', query, call, mapOrkesTaskStatus, parseOrkesTask),
  }
}

function workflowOperations(http: HttpClient, options: OrkesAdapterOptions): AdapterDefinition {
  const send = createTaskRequest(http, parseOrkesWorkflow)
  const getWorkflow = (id: string, call: CallOptions) =>
    send('GET /api/workflow/{id}', id, call, { isNotFound: taskNotFound, query: { includeTasks: false } })
  // Pause, resume and terminate answer with an empty body: the Task returned is read afterwards.
  const control = (route: RouteTemplate, query?: Record<string, string>) => async (id: string, call: CallOptions) => {
    const { method, path } = resolveRoute(route, { id })
    await http.request(path, { ...call, method, query, taskId: id, isNotFound: workflowNotFound })
    return getWorkflow(id, call)
  }
  return {
    provider: ORKES_PROVIDER,
    getTask: getWorkflow,
    listTasks: (query, call) =>
      search(http, '/api/workflow/search', query, call, mapOrkesWorkflowStatus, parseOrkesWorkflow),
    pauseTask: control('PUT /api/workflow/{id}/pause'),
    resumeTask: control('PUT /api/workflow/{id}/resume'),
    cancelTask: control('DELETE /api/workflow/{id}', { reason: options.terminateReason ?? DEFAULT_TERMINATE_REASON }),
  }
}
