import {
  type CallOptions,
  defineAdapter,
  type ListQuery,
  type Task,
  type TaskAdapter,
  TaskNotFoundError,
} from '@taskbridge/core'
import {
  type ApiKeyAdapterOptions,
  createApiKeyHttpClient,
  createTaskRequest,
  listPages,
  matchesListQuery,
  parsePayload,
  payloadSourceOf,
} from '@taskbridge/provider-utils'
import { mapXpanderStatus, parseXpanderTask, XPANDER_PROVIDER } from './map.js'
import { XpanderTaskPageSchema } from './schema.js'

/** Options of {@link createXpanderAdapter}. */
export interface XpanderAdapterOptions extends ApiKeyAdapterOptions {
  /** The API key, sent as `x-api-key`. Default: the `XPANDER_API_KEY` environment variable. */
  apiKey?: string
  /** The API's base URL. Default `https://api.xpander.ai/v1`. */
  baseUrl?: string
}

/** {@link ListQuery} plus xpander's own filters. */
export interface XpanderListQuery extends ListQuery {
  /** Only tasks of this agent (`agent_id`). */
  agentId?: string
  /** Only tasks of this user (`user_id`). */
  userId?: string
  /** Only sub-tasks of this task (`parent_task_id`). */
  parentTaskId?: string
}

/** The xpander adapter: a {@link TaskAdapter} whose `listTasks` also takes xpander's filters. */
export interface XpanderAdapter extends TaskAdapter {
  listTasks(query?: XpanderListQuery, options?: CallOptions): AsyncIterable<Task>
}

const DEFAULT_BASE_URL = 'https://api.xpander.ai/v1'
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
 * Creates the xpander.ai adapter: get, list and stop (as `cancelTask`,
 * idempotent on finished tasks). xpander's REST API has no pause or resume,
 * so those throw `UnsupportedOperationError`.
 *
 * @example
 * ```ts
 * const xpander = createXpanderAdapter() // XPANDER_API_KEY from the environment
 * const task = await waitForTask(xpander, taskId, { onUpdate: (t) => console.log(t.status) })
 * ```
 */
export function createXpanderAdapter(options?: XpanderAdapterOptions): XpanderAdapter {
  // createApiKeyHttpClient checks every option, so a bad one fails here.
  const http = createApiKeyHttpClient(XPANDER_PROVIDER, options ?? {}, {
    baseUrl: DEFAULT_BASE_URL,
    envVar: 'XPANDER_API_KEY',
    header: 'x-api-key',
  })
  const send = createTaskRequest(http, parseXpanderTask)

  return defineAdapter({
    provider: XPANDER_PROVIDER,
    unsupportedReasons: {
      pauseTask: "xpander's REST API has no pause; a task pauses itself when it waits for a person (waiting_for_input)",
      resumeTask: "xpander's REST API has no resume; a waiting task continues when its request is answered",
    },
    getTask: (id, call) => send('GET /tasks/{id}', id, call),
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
        const list = parsePayload(XpanderTaskPageSchema, response.body, {
          provider: XPANDER_PROVIDER,
          what: 'xpander task list',
          ...source,
        })
        return {
          tasks: list.items.map((item) => parseXpanderTask(item, { summary: true, ...source })),
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
  }) as XpanderAdapter
}
