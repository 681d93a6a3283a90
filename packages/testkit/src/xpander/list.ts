import { listItemOf, XPANDER_STATUSES, type XpanderTaskPage, type XpanderTaskPayload } from './payloads.js'
import type { XpanderTasks } from './tasks.js'
import { XpanderValidationError } from './validation.js'

/** The largest `per_page` xpander allows. */
export const XPANDER_MAX_PER_PAGE = 50

/** The default `per_page`. */
export const XPANDER_DEFAULT_PER_PAGE = 20

/** How each equality filter of the list reads a task. */
const filterFields: Readonly<Record<string, (task: XpanderTaskPayload) => string | null | undefined>> = {
  agent_id: (task) => task.agent_id,
  user_id: (task) => task.input.user?.id,
  parent_task_id: (task) => task.parent_execution,
  triggering_agent_id: (task) => task.triggering_agent_id,
  status: (task) => task.status,
  internal_status: (task) => task.internal_status,
}

/** The query of `GET /v1/tasks`, checked. */
export interface XpanderListQuery {
  page: number
  perPage: number
  /** Equality filters by name (see `filterFields`). */
  filters: Record<string, string>
  /** Inclusive bounds on `created_at`, in epoch milliseconds. */
  fromMs: number | undefined
  toMs: number | undefined
}

function integerParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name)
  if (raw === null) return fallback
  const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(value)) throw new XpanderValidationError(`${name} must be an integer`)
  if (value < 1) throw new XpanderValidationError(`${name} must be greater than or equal to 1`)
  if (value > max) throw new XpanderValidationError(`${name} must be less than or equal to ${max}`)
  return value
}

function dateParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name)
  if (raw === null || raw === '') return undefined
  const epochMs = Date.parse(raw)
  if (Number.isNaN(epochMs)) throw new XpanderValidationError(`${name} must be an ISO 8601 date-time`)
  return epochMs
}

function equalityFilters(query: URLSearchParams): Record<string, string> {
  const status = query.get('status')
  if (status !== null && !(XPANDER_STATUSES as readonly string[]).includes(status))
    throw new XpanderValidationError(`status must be one of ${XPANDER_STATUSES.join(', ')}; got '${status}'`)
  const entries = Object.keys(filterFields).flatMap((name) => {
    const value = query.get(name)
    return value === null || value === '' ? [] : [[name, value] as const]
  })
  return Object.fromEntries(entries)
}

/** Checks a list query; throws {@link XpanderValidationError} for what xpander would refuse. */
export function parseListQuery(query: URLSearchParams): XpanderListQuery {
  return {
    page: integerParam(query, 'page', 1, Number.MAX_SAFE_INTEGER),
    perPage: integerParam(query, 'per_page', XPANDER_DEFAULT_PER_PAGE, XPANDER_MAX_PER_PAGE),
    filters: equalityFilters(query),
    fromMs: dateParam(query, 'from_date'),
    toMs: dateParam(query, 'to_date'),
  }
}

function matches(task: XpanderTaskPayload, query: XpanderListQuery): boolean {
  const createdMs = Date.parse(task.created_at)
  if (query.fromMs !== undefined && createdMs < query.fromMs) return false
  if (query.toMs !== undefined && createdMs > query.toMs) return false
  return Object.entries(query.filters).every(([name, value]) => filterFields[name]?.(task) === value)
}

/** The organisation's tasks that match, newest first (an inferred order), cut to the requested page. */
export function listPage(tasks: XpanderTasks, query: XpanderListQuery): XpanderTaskPage {
  const matching = tasks.store
    .list()
    .map((task) => task.data)
    .filter((task) => task.organization_id === tasks.organizationId && matches(task, query))
    // Reversed first so that, at equal created_at, the later task comes first (sort is stable).
    .reverse()
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
  const start = (query.page - 1) * query.perPage
  return {
    items: matching.slice(start, start + query.perPage).map((task) => listItemOf(task, tasks.updatedAtOf(task))),
    total: matching.length,
    page: query.page,
    per_page: query.perPage,
    total_pages: Math.ceil(matching.length / query.perPage),
  }
}
