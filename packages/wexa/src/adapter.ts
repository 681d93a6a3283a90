import {
  type CallOptions,
  defineAdapter,
  InvalidArgumentError,
  type ListQuery,
  type TaskAdapter,
  TaskNotWaitingError,
} from '@taskbridge/core'
import {
  type ApiKeyAdapterOptions,
  checkOptionsObject,
  checkStringOption,
  createApiKeyHttpClient,
  createTaskRequest,
  lazySetting,
  listPages,
  loadOptionalSetting,
  matchesListQuery,
  parsePayload,
  payloadSourceOf,
  type RouteTemplate,
  resolveRoute,
} from '@taskbridge/provider-utils'
import { answeredExecution, validateWexaAnswer, type WexaAnswer, type WexaInboxType, wexaInboxBody } from './answer.js'
import { mapWexaStatus, parseWexaTask, WEXA_PROVIDER, type WexaTaskMetadata } from './map.js'
import { WexaExecuteFlowAnswerSchema, WexaTaskPageSchema } from './schema.js'

/**
 * The routes the adapter calls. `getTask` and `cancelTask` are documented by
 * Wexa; `listTasks`, `pauseTask` and `resumeTask` are inferred (their pages
 * are listed in Wexa's docs but could not be read), so each can be replaced
 * through the `routes` option. Starting work takes two documented executeflow
 * calls, `startTask` (create an execution, which creates its task) and
 * `executeFlow` (run it); that the pair is how a task starts is inferred.
 */
export interface WexaRoutes {
  /** Documented: `GET /task/{id}`. */
  getTask: RouteTemplate
  /** Inferred: `GET /tasks`. */
  listTasks: RouteTemplate
  /** Inferred: `POST /task/{id}/pause`. */
  pauseTask: RouteTemplate
  /** Inferred: `POST /task/{id}/resume`. */
  resumeTask: RouteTemplate
  /** Documented: `POST /task/{id}/stop`. */
  cancelTask: RouteTemplate
  /** Documented (create executeflow): `POST /execute_flow`; its answer names the new `task_id` and `execution_id`. */
  startTask: RouteTemplate
  /** Documented (execute agentflow): `POST /execute_flow/{id}/execute`, `{id}` being the execution id. */
  executeFlow: RouteTemplate
  /** Wexa's Python SDK (inbox): `POST /inbox/update/runtime_input/{id}`, `{id}` being the execution id. */
  answerRuntimeInput: RouteTemplate
  /** Wexa's Python SDK (inbox): `POST /inbox/update/preview/{id}`, `{id}` being the execution id. */
  answerPreview: RouteTemplate
  /** Wexa's Python SDK (inbox): `POST /inbox/update/anomaly_detection/{id}`, `{id}` being the execution id. */
  answerAnomaly: RouteTemplate
}

/** The default {@link WexaRoutes}. */
export const WEXA_ROUTES: Readonly<WexaRoutes> = Object.freeze({
  getTask: 'GET /task/{id}',
  listTasks: 'GET /tasks',
  pauseTask: 'POST /task/{id}/pause',
  resumeTask: 'POST /task/{id}/resume',
  cancelTask: 'POST /task/{id}/stop',
  startTask: 'POST /execute_flow',
  executeFlow: 'POST /execute_flow/{id}/execute',
  answerRuntimeInput: 'POST /inbox/update/runtime_input/{id}',
  answerPreview: 'POST /inbox/update/preview/{id}',
  answerAnomaly: 'POST /inbox/update/anomaly_detection/{id}',
})

/** Options of {@link createWexaAdapter}. */
export interface WexaAdapterOptions<Name extends string = typeof WEXA_PROVIDER> extends ApiKeyAdapterOptions {
  /** The adapter's name, carried by its tasks and used by `createTaskClient`. Default `wexa`. */
  name?: Name
  /** The API key, sent as `x-api-key`. Default: the `WEXA_API_KEY` environment variable. */
  apiKey?: string
  /** The project, sent as `projectID`. Default: the `WEXA_PROJECT_ID` environment variable. */
  projectId?: string
  /** The API's base URL. Default: the `WEXA_BASE_URL` environment variable (read when the adapter is created), else `https://api.wexa.ai`. */
  baseUrl?: string
  /** Replacements for any of the {@link WEXA_ROUTES}. */
  routes?: Partial<WexaRoutes>
}

/** What {@link WexaAdapter.startTask} takes: an agentflow to execute with a goal. */
export interface WexaStartInput {
  /** The agentflow to execute (`agentflow_id`). */
  agentflowId: string
  /** What it should achieve (`goal`). */
  goal: string
  /** Values for the agentflow's input variables (`input_variables`). */
  inputVariables?: Record<string, unknown> | undefined
  /** Who started it (`executed_by`), a Wexa user id. */
  executedBy?: string | undefined
}

/**
 * The Wexa adapter: `startTask` executes an agentflow, `answerTask` answers
 * its inbox request, tasks carry {@link WexaTaskMetadata}.
 */
export type WexaAdapter<Name extends string = typeof WEXA_PROVIDER> = TaskAdapter<
  Name,
  ListQuery,
  WexaStartInput,
  WexaTaskMetadata,
  WexaAnswer
>

const INBOX_ROUTES: Readonly<Record<WexaInboxType, keyof WexaRoutes>> = Object.freeze({
  runtime_input: 'answerRuntimeInput',
  preview: 'answerPreview',
  anomaly_detection: 'answerAnomaly',
})

const DEFAULT_BASE_URL = 'https://api.wexa.ai'
const DEFAULT_PAGE_SIZE = 20
const MAX_PAGE_SIZE = 100

/** The routes with the replacements given, each checked now so a bad one fails when the adapter is created. */
function checkRoutes(replacements: unknown): WexaRoutes {
  if (replacements !== undefined && (typeof replacements !== 'object' || replacements === null)) {
    throw new InvalidArgumentError({ provider: WEXA_PROVIDER, argument: 'routes', message: 'routes must be an object' })
  }
  const routes: WexaRoutes = { ...WEXA_ROUTES, ...(replacements as Partial<WexaRoutes> | undefined) }
  for (const [name, template] of Object.entries(routes)) {
    if (!(name in WEXA_ROUTES)) {
      throw new InvalidArgumentError({
        provider: WEXA_PROVIDER,
        argument: 'routes',
        message: `routes has no route "${name.replace(/[^\w$-]/g, '?')}": use ${Object.keys(WEXA_ROUTES).join(', ')}`,
      })
    }
    checkStringOption(WEXA_PROVIDER, `routes.${name}`, template)
    resolveRoute(template, { id: 'check' })
  }
  return routes
}

/**
 * Creates the Wexa adapter: get, list, start (execute an agentflow), pause,
 * resume, answer (through Wexa's inbox) and stop (as `cancelTask`) on Wexa tasks.
 *
 * Credentials are read when a request is made, so creating the adapter never
 * fails for a missing environment variable; every option given is checked
 * now, with an `InvalidArgumentError` naming it.
 *
 * @example
 * ```ts
 * const wexa = createWexaAdapter({ apiKey: process.env.WEXA_API_KEY, projectId: 'my-project' })
 * const task = await wexa.getTask('6805e3a97d3775bffdb87608')
 * console.log(task.status, task.output?.value)
 * ```
 */
export function createWexaAdapter<const Name extends string = typeof WEXA_PROVIDER>(
  given?: WexaAdapterOptions<Name>,
): WexaAdapter<NoInfer<Name>> {
  const options = checkOptionsObject(WEXA_PROVIDER, given)
  const provider = (checkStringOption(WEXA_PROVIDER, 'name', options.name) ?? WEXA_PROVIDER) as Name
  const routes = checkRoutes(options.routes)
  const projectId = lazySetting({
    value: checkStringOption(WEXA_PROVIDER, 'projectId', options.projectId),
    envVar: 'WEXA_PROJECT_ID',
    optionName: 'projectId',
    provider,
  })
  // The environment can point every adapter at another server (an emulator, a proxy) without code changes.
  const baseUrl = loadOptionalSetting({
    value: checkStringOption(WEXA_PROVIDER, 'baseUrl', options.baseUrl),
    envVar: 'WEXA_BASE_URL',
  })
  const http = createApiKeyHttpClient(
    provider,
    { ...options, baseUrl },
    {
      baseUrl: DEFAULT_BASE_URL,
      envVar: 'WEXA_API_KEY',
      header: 'x-api-key',
    },
  )
  const send = createTaskRequest(http, parseWexaTask)
  const inProject = () => ({ query: { projectID: projectId() } })
  const getTask = (id: string, call: CallOptions) => send(routes.getTask, id, call, inProject())
  // Wexa answers through its inbox, keyed by the execution that waits: the
  // task is read to find it (and to refuse an answer to a task that moved on).
  const answerTask = async (id: string, answer: WexaAnswer, call: CallOptions) => {
    const task = await getTask(id, call)
    const execution = answeredExecution(task.raw as Parameters<typeof answeredExecution>[0], answer)
    const inbox = answer.inbox ?? 'runtime_input'
    const waits = inbox === 'runtime_input' ? task.status === 'waiting_for_input' : execution !== undefined
    if (!waits || !execution?.execution_id) throw TaskNotWaitingError.forTask({ ...task, provider })
    const route = resolveRoute(routes[INBOX_ROUTES[inbox]], { id: execution.execution_id })
    await http.request(route.path, {
      ...call,
      method: route.method,
      query: { projectID: projectId() },
      json: wexaInboxBody(inbox, answer, answer.agentId ?? execution.start_from_agent_id ?? undefined),
      taskId: id,
    })
    return getTask(id, call)
  }

  return defineAdapter({
    provider,
    // Wexa's own docs show a request with an empty id (`task//stop`); a `/`
    // in an id can only be such a mistake, so it is refused before sending.
    validateId: (id) => (id.includes('/') ? `"${id}" is not a Wexa task id: ids cannot contain "/"` : undefined),
    getTask,
    answerTask,
    validateAnswer: validateWexaAnswer,
    // Create the execution, run it, then read the task it belongs to. Not
    // retried unasked: a resend would start a second run.
    async startTask(input: WexaStartInput, call) {
      for (const field of ['agentflowId', 'goal'] as const) {
        if (typeof input?.[field] !== 'string' || input[field].trim() === '')
          throw new InvalidArgumentError({ provider, argument: field, message: `startTask: ${field} is required` })
      }
      const create = resolveRoute(routes.startTask)
      const created = await http.request(create.path, {
        ...call,
        method: create.method,
        query: { projectID: projectId() },
        json: {
          agentflow_id: input.agentflowId,
          goal: input.goal,
          input_variables: input.inputVariables ?? {},
          executed_by: input.executedBy,
          projectID: projectId(),
        },
      })
      const flow = parsePayload(WexaExecuteFlowAnswerSchema, created.body, {
        provider,
        what: 'Wexa executeflow answer',
        ...payloadSourceOf(created),
      })
      const execute = resolveRoute(routes.executeFlow, { id: flow.execution_id })
      await http.request(execute.path, { ...call, method: execute.method, query: { projectID: projectId() } })
      return send(routes.getTask, flow.task_id, call, inProject())
    },
    pauseTask: (id, call) => send(routes.pauseTask, id, call, inProject()),
    resumeTask: (id, call) => send(routes.resumeTask, id, call, inProject()),
    // The documented stop request takes no projectID.
    cancelTask: (id, call) => send(routes.cancelTask, id, call),
    async *listTasks(query, call) {
      const { method, path } = resolveRoute(routes.listTasks)
      const limit = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
      const statuses = query.status === undefined ? undefined : mapWexaStatus.providerStatusesFor(query.status)
      if (statuses?.length === 0) return
      // The route is inferred, so its paging is not trusted: listPages guards it.
      const pages = listPages(async (page) => {
        const response = await http.request(path, {
          ...call,
          method,
          query: { projectID: projectId(), page, limit, status: statuses?.join(',') },
        })
        const source = payloadSourceOf(response)
        const body = parsePayload(WexaTaskPageSchema, response.body, {
          provider,
          what: 'Wexa task list',
          ...source,
        })
        return { tasks: body.data.map((item) => parseWexaTask(item, source)), total: body.total ?? undefined }
      })
      // Checked here too: the status filter is inferred, and there is no time filter.
      for await (const task of pages) if (matchesListQuery(task, query)) yield task
    },
  })
}
