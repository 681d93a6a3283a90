import {
  type CallOptions,
  defineAdapter,
  InvalidArgumentError,
  type ListQuery,
  type TaskAdapter,
  TaskNotWaitingError,
} from '@taskbridge/core'
import {
  createHttpClient,
  createTaskRequest,
  headerAuth,
  listPages,
  matchesListQuery,
  payloadSourceOf,
  resolveRoute,
} from '@taskbridge/provider-utils'
import { answeredExecution, validateWexaAnswer, type WexaAnswer, type WexaInboxType, wexaInboxBody } from './answer.js'
import {
  mapWexaStatus,
  parseWexaExecuteFlowAnswer,
  parseWexaTask,
  parseWexaTaskPage,
  WEXA_PROVIDER,
  type WexaTaskMetadata,
} from './map.js'
import { resolveWexaOptions, WEXA_ROUTES, type WexaAdapterOptions, type WexaRoutes } from './options.js'
import { USER_AGENT } from './version.js'
import { wexaErrorMessage } from './wexa-error.js'

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

/** {@link ListQuery} plus Wexa's own filter. */
export interface WexaListQuery extends ListQuery {
  /** Only tasks created by this Wexa user (`created_by`). */
  createdBy?: string
}

/**
 * The Wexa adapter: `listTasks` takes {@link WexaListQuery}, `startTask`
 * executes an agentflow, `answerTask` answers its inbox request, tasks carry
 * {@link WexaTaskMetadata}.
 */
export type WexaAdapter<Name extends string = typeof WEXA_PROVIDER> = TaskAdapter<
  Name,
  WexaListQuery,
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

/**
 * Creates the Wexa adapter: get, list, start (execute an agentflow), pause,
 * resume, answer (through Wexa's inbox) and stop (as `cancelTask`) on Wexa tasks.
 *
 * Every option is checked now against one strict schema, with an
 * `InvalidArgumentError` naming `createWexaAdapter` and the option; the
 * environment variables (`WEXA_ENV_VARS`) are read now too. A missing
 * key or project fails the first request that needs it, naming its variable,
 * so creating the adapter never fails for a missing variable.
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
  const { options, require } = resolveWexaOptions(given)
  const provider = (options.name ?? WEXA_PROVIDER) as Name
  const routes: WexaRoutes = { ...WEXA_ROUTES, ...options.routes }
  const projectId = () => require('projectId')
  const { apiKey: _key, projectId: _project, routes: _routes, ...httpOptions } = options
  const http = createHttpClient({
    ...httpOptions,
    provider,
    baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    auth: headerAuth('x-api-key', () => require('apiKey')),
    errors: { message: wexaErrorMessage },
    userAgent: USER_AGENT,
  })
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
      route: routes[INBOX_ROUTES[inbox]],
      query: { projectID: projectId() },
      json: wexaInboxBody(inbox, answer, answer.agentId ?? execution.start_from_agent_id ?? undefined),
      taskId: id,
    })
    return getTask(id, call)
  }

  return defineAdapter({
    provider,
    unsupportedReasons: { idempotentStart: "Wexa's executeflow API takes no idempotency key" },
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
        route: routes.startTask,
        query: { projectID: projectId() },
        json: {
          agentflow_id: input.agentflowId,
          goal: input.goal,
          input_variables: input.inputVariables ?? {},
          executed_by: input.executedBy,
          projectID: projectId(),
        },
      })
      const flow = parseWexaExecuteFlowAnswer(created.body, payloadSourceOf(created))
      const execute = resolveRoute(routes.executeFlow, { id: flow.execution_id })
      await http.request(execute.path, {
        ...call,
        method: execute.method,
        route: routes.executeFlow,
        query: { projectID: projectId() },
        json: { execution_id: flow.execution_id, projectID: projectId() },
      })
      return send(routes.getTask, flow.task_id, call, inProject())
    },
    // As in Wexa's SDK, pause, resume and stop send no projectID.
    pauseTask: (id, call) => send(routes.pauseTask, id, call),
    resumeTask: (id, call) => send(routes.resumeTask, id, call),
    cancelTask: (id, call) => send(routes.cancelTask, id, call),
    async *listTasks(query: WexaListQuery, call) {
      if (query.createdBy !== undefined && (typeof query.createdBy !== 'string' || query.createdBy.trim() === '')) {
        throw new InvalidArgumentError({
          provider,
          argument: 'createdBy',
          message: 'listTasks: createdBy must be a user id',
        })
      }
      const project = projectId()
      const { method, path } = resolveRoute(routes.listTasks, { projectID: project })
      const inPath = routes.listTasks.includes('{projectID}')
      const limit = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
      if (query.status !== undefined && mapWexaStatus.providerStatusesFor(query.status).length === 0) return
      // The answer's shape is not published, so its paging is not trusted: listPages guards it.
      const pages = listPages(async (_page, skip) => {
        const response = await http.request(path, {
          ...call,
          method,
          route: routes.listTasks,
          query: { projectID: inPath ? undefined : project, limit, skip, created_by: query.createdBy },
        })
        const source = payloadSourceOf(response)
        // A plain array is read too: the SDK does not show which one Wexa sends.
        const body = Array.isArray(response.body)
          ? { data: response.body, total: undefined }
          : parseWexaTaskPage(response.body, source)
        return { tasks: body.data.map((item) => parseWexaTask(item, source)), total: body.total ?? undefined }
      })
      // Wexa filters by neither status nor time: both are checked here.
      for await (const task of pages) if (matchesListQuery(task, query)) yield task
    },
  })
}
