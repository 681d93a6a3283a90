import {
  defineAdapter,
  InvalidArgumentError,
  InvalidPayloadError,
  isTerminal,
  type ListQuery,
  type TaskAdapter,
  TaskNotFoundError,
} from '@taskbridge/core'
import {
  createHttpClient,
  createTaskRequest,
  headerAuth,
  listPages,
  matchesListQuery,
  payloadSourceOf,
  type RouteTemplate,
  resolveRoute,
} from '@taskbridge/provider-utils'
import {
  mapXpanderStatus,
  parseXpanderTask,
  parseXpanderTaskEvent,
  parseXpanderTaskListItem,
  parseXpanderTaskPage,
  XPANDER_PROVIDER,
  type XpanderTaskMetadata,
} from './map.js'
import { resolveXpanderOptions, type XpanderAdapterOptions } from './options.js'
import type { XpanderUser } from './schema.js'
import { USER_AGENT } from './version.js'
import { xpanderErrorMessage } from './xpander-error.js'

/** {@link ListQuery} plus xpander's own filters. */
export interface XpanderListQuery extends ListQuery {
  /** Only tasks of this agent (`agent_id`). */
  agentId?: string
  /** Only tasks of this user (`user_id`). */
  userId?: string
  /** Only sub-tasks of this task (`parent_task_id`). */
  parentTaskId?: string
}

/** What {@link XpanderAdapter.startTask} takes: an asynchronous invocation of an agent. */
export interface XpanderStartInput {
  /** The agent to invoke. */
  agentId: string
  /** The request to the agent (`input.text`); it or `files` is required. */
  text?: string | undefined
  /** URLs of files for the agent (`input.files`). */
  files?: readonly string[] | undefined
  /** Who the run is for (`input.user`). */
  user?: XpanderUser | undefined
  /** The form of the result. Default: the agent's own. */
  outputFormat?: 'text' | 'markdown' | 'json' | 'voice' | undefined
  /** A JSON schema for a `json` result. */
  outputSchema?: Record<string, unknown> | undefined
  /** The task's title. */
  title?: string | undefined
  /** More fields of the invocation body, sent as they are (for example `instructions_override`, or `events_streaming: false`). */
  extra?: Record<string, unknown> | undefined
}

/** The xpander adapter: `listTasks` takes xpander's filters, `startTask` invokes an agent, tasks carry {@link XpanderTaskMetadata}. */
export type XpanderAdapter<Name extends string = typeof XPANDER_PROVIDER> = TaskAdapter<
  Name,
  XpanderListQuery,
  XpanderStartInput,
  XpanderTaskMetadata
>

const DEFAULT_BASE_URL = 'https://api.xpander.ai/v1'
const DEFAULT_EVENTS_BASE_URL = 'https://agent-controller.xpander.ai'
const DEFAULT_EVENTS_ROUTE: RouteTemplate = 'GET /{organizationId}/agent-execution/{id}/events'
/** The events that carry the whole task; others (progress chunks and the like) are skipped. */
const TASK_EVENTS: ReadonlySet<string> = new Set(['task_created', 'task_updated', 'task_finished'])
const DEFAULT_PAGE_SIZE = 20
/** The documented maximum of `per_page`. */
const MAX_PAGE_SIZE = 50

/** The current xpander statuses (not the older names the table also reads). */
const CURRENT_STATUSES: ReadonlySet<string> = new Set([
  'pending',
  'executing',
  'paused',
  'error',
  'failed',
  'completed',
  'stopped',
])

/** The one xpander status to filter on, when the wanted statuses come down to exactly one. */
function providerStatusFilter(query: ListQuery): string | undefined {
  if (query.status === undefined) return undefined
  const wanted = typeof query.status === 'string' ? [query.status] : [...query.status]
  // waiting_for_input is a paused task with a pending request.
  if (wanted.includes('waiting_for_input')) wanted.push('paused')
  const matching = mapXpanderStatus.providerStatusesFor(wanted).filter((status) => CURRENT_STATUSES.has(status))
  return matching.length === 1 ? matching[0] : undefined
}

/**
 * The body of `POST /agents/{agent_id}/invoke/async` for `input`. It asks
 * for events (`events_streaming: true`): xpander's SDK opens a task's event
 * stream only for a task created so, and `streamTask` follows that stream.
 * `extra` may say otherwise.
 */
function invocationBody(input: XpanderStartInput): Record<string, unknown> {
  return {
    events_streaming: true,
    ...input.extra,
    input: { text: input.text, files: input.files, user: input.user },
    output_format: input.outputFormat,
    output_schema: input.outputSchema,
    title: input.title,
  }
}

/**
 * Creates the xpander.ai adapter: get, list, start (an asynchronous agent
 * invocation) and stop (as `cancelTask`, idempotent on finished tasks).
 * xpander's REST API has no pause or resume, so those throw
 * `UnsupportedOperationError`.
 *
 * Every option is checked now against one strict schema, with an
 * `InvalidArgumentError` naming `createXpanderAdapter` and the option; the
 * environment variables (`XPANDER_ENV_VARS`) are read now too. A missing key
 * fails the first request, naming `XPANDER_API_KEY`.
 *
 * @example
 * ```ts
 * const xpander = createXpanderAdapter() // XPANDER_API_KEY from the environment
 * const started = await xpander.startTask({ agentId, text: 'Summarise the Q4 report' })
 * const task = await waitForTask(xpander, started.id, { onUpdate: (t) => console.log(t.status) })
 * ```
 */
export function createXpanderAdapter<const Name extends string = typeof XPANDER_PROVIDER>(
  given?: XpanderAdapterOptions<Name>,
): XpanderAdapter<NoInfer<Name>> {
  const { options, require } = resolveXpanderOptions(given)
  const provider = (options.name ?? XPANDER_PROVIDER) as Name
  const { apiKey: _key, eventsBaseUrl, eventsRoute, organizationId: organizationOption, ...httpOptions } = options
  const auth = headerAuth('x-api-key', () => require('apiKey'))
  const errors = { message: xpanderErrorMessage }
  const clientTo = (baseUrl: string) =>
    createHttpClient({
      ...httpOptions,
      provider,
      baseUrl: baseUrl.replace(/\/+$/, ''),
      auth,
      errors,
      userAgent: USER_AGENT,
    })
  const http = clientTo(options.baseUrl ?? DEFAULT_BASE_URL)
  const events = clientTo(eventsBaseUrl ?? DEFAULT_EVENTS_BASE_URL)
  const send = createTaskRequest(http, parseXpanderTask)

  return defineAdapter({
    provider,
    unsupportedReasons: {
      idempotentStart: "xpander's invoke API takes no idempotency key",
      pauseTask: "xpander's REST API has no pause; a task pauses itself when it waits for a person (waiting_for_input)",
      resumeTask: "xpander's REST API has no resume; a waiting task continues when its request is answered",
      answerTask:
        "xpander documents no public route to answer a HITL request (its Python SDK names /hitl/{task_id}/approve and /reject on the internal inbound API, unused and unverified): approve or reject it in xpander's console, or sign in at task.request.url for an ECA request",
    },
    getTask: (id, call) => send('GET /tasks/{id}', id, call),
    // The stream sends changes only, so the task is read once it is open: a
    // change made before it opened is in that read, one made after in the
    // stream. Its route needs the task's organisation, read first if not given.
    async *streamTask(id, call) {
      let organizationId = organizationOption
      if (organizationId === undefined) {
        const first = await send('GET /tasks/{id}', id, call)
        if (isTerminal(first.status)) return yield first
        organizationId = first.metadata.organizationId
      }
      if (!organizationId) {
        throw new InvalidArgumentError({
          provider,
          argument: 'organizationId',
          message: `streamTask: task ${id} names no organization_id, so give the organizationId option`,
        })
      }
      const { method, path } = resolveRoute(eventsRoute ?? DEFAULT_EVENTS_ROUTE, { organizationId, id })
      const response = await events.request(path, { ...call, method, responseType: 'events', taskId: id })
      if (!response.events) {
        throw new InvalidPayloadError({
          provider,
          ...payloadSourceOf(response),
          raw: response.body ?? response.text,
          message: `streamTask: the events route answered ${response.headers.get('content-type')}, not an event stream`,
        })
      }
      try {
        const current = await send('GET /tasks/{id}', id, call)
        yield current
        if (isTerminal(current.status)) return
        const source = { provider, what: 'xpander task event', ...payloadSourceOf(response) }
        for await (const event of response.events) {
          const message = parseXpanderTaskEvent(event.data, source)
          if (TASK_EVENTS.has(message.type) && message.data) yield parseXpanderTask(message.data, source)
        }
      } finally {
        // However the watch ends (the task's end, a break, an error), the connection is closed.
        await response.events.return(undefined)
      }
    },
    // Not retried unasked: a resend would start a second run.
    async startTask(input: XpanderStartInput, call) {
      if (typeof input?.agentId !== 'string' || input.agentId.trim() === '') {
        throw new InvalidArgumentError({ provider, argument: 'agentId', message: 'startTask: agentId is required' })
      }
      if (!input.text && !input.files?.length) {
        throw new InvalidArgumentError({ provider, argument: 'text', message: 'startTask: give text or files' })
      }
      const route = 'POST /agents/{id}/invoke/async'
      const { method, path } = resolveRoute(route, { id: input.agentId })
      const response = await http.request(path, { ...call, method, route, json: invocationBody(input) })
      return parseXpanderTask(response.body, payloadSourceOf(response))
    },
    // Stopping is idempotent on xpander's side, but still not retried unasked.
    cancelTask: (id, call) => send('POST /tasks/{id}/stop', id, call),
    async *listTasks(query: XpanderListQuery, call) {
      const perPage = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
      const filters = {
        per_page: perPage,
        status: providerStatusFilter(query),
        agent_id: query.agentId,
        user_id: query.userId,
        parent_task_id: query.parentTaskId,
        from_date: query.createdAfter?.toISOString(),
        to_date: query.createdBefore?.toISOString(),
      }
      const wanted = query.status === undefined ? [] : typeof query.status === 'string' ? [query.status] : query.status
      const needsFullRecordForPaused = wanted.includes('paused') || wanted.includes('waiting_for_input')
      const summaries = listPages(async (page) => {
        const response = await http.request('/tasks', { ...call, query: { ...filters, page } })
        const source = payloadSourceOf(response)
        const list = parseXpanderTaskPage(response.body, source)
        return {
          tasks: list.items.map((item) => parseXpanderTaskListItem(item, source)),
          totalPages: list.total_pages ?? undefined,
        }
      })
      for await (let task of summaries) {
        // A list item has no hitl_request or pending_eca_request, so it cannot
        // tell waiting_for_input from paused: when the filter needs the
        // difference, the full record decides.
        if (task.status === 'paused' && needsFullRecordForPaused) {
          const full = await send('GET /tasks/{id}', task.id, call).catch((error: unknown) => {
            // Deleted since the page was read: it is no longer there to list.
            if (TaskNotFoundError.is(error)) return undefined
            throw error
          })
          if (full === undefined) continue
          task = full
        }
        if (matchesListQuery(task, query)) yield task
      }
    },
  })
}
