import { type CallOptions, InvalidArgumentError, type ListQuery, type Task, type TaskStatus } from '@taskbridge/core'
import {
  type HttpClient,
  listPages,
  matchesListQuery,
  type PayloadSource,
  payloadSourceOf,
  type StatusMapper,
} from '@taskbridge/provider-utils'
import { parseOrkesSearchPage } from './map.js'

/**
 * {@link ListQuery} plus Conductor's own search: each field becomes part of
 * the search API's `query` (clauses joined with `AND`) or its `freeText`.
 * They work in both modes: task summaries carry the workflow's name and
 * correlation id too.
 */
export interface OrkesListQuery extends ListQuery {
  /** Only runs of this workflow definition, or of any of these (`workflowType = …` or `workflowType IN (…)`). */
  workflowName?: string | readonly string[]
  /** Only runs with this correlation id, or any of these (`correlationId = …` or `correlationId IN (…)`). */
  correlationId?: string | readonly string[]
  /** Conductor's full-text search (`freeText`) over the indexed input, output and ids. Default `*`: everything. */
  freeText?: string
  /**
   * More of Conductor's `query` syntax, sent as it is and joined to the
   * others with `AND`: `field = value` and `field IN (a,b)` clauses, on
   * `workflowId`, `correlationId`, `taskId`, `workflowType`, `taskType` and
   * `status`, and `startTime` or `modifiedTime` with `<` or `>` (epoch ms).
   */
  query?: string
}

const DEFAULT_PAGE_SIZE = 100
const MAX_PAGE_SIZE = 1000
/** A value Conductor's query reads without quotes. */
const BARE_VALUE = /^[\w.:-]+$/

function invalid(provider: string, argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError({ provider, argument, message: `listTasks: ${message}` })
}

/** A query value: bare when it can be, else in double quotes (which a value cannot hold). */
function queryValue(provider: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(provider, field, `${field} must be non-empty text`)
  if (BARE_VALUE.test(value)) return value
  if (value.includes('"')) throw invalid(provider, field, `${field} cannot hold a double quote (")`)
  return `"${value}"`
}

/** `field = value`, or `field IN (…)` for several. */
function clause(provider: string, field: string, wanted: string | readonly string[]): string {
  const values = (typeof wanted === 'string' ? [wanted] : [...wanted]).map((value) =>
    queryValue(provider, field, value),
  )
  if (values.length === 0) throw invalid(provider, field, `${field} must name at least one value`)
  return values.length === 1 ? `${field} = ${values[0]}` : `${field} IN (${values.join(',')})`
}

function optionalText(provider: string, field: 'freeText' | 'query', value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(provider, field, `${field} must be non-empty text`)
  return value
}

/**
 * The search API's `query` and `freeText` for a list query; `null` when the
 * wanted statuses match no Orkes status (nothing can be found). Every field is
 * checked here, before any request.
 */
export function orkesSearchParams(
  provider: string,
  query: OrkesListQuery,
  mapper: StatusMapper,
): { query: string | undefined; freeText: string } | null {
  const clauses: string[] = []
  if (query.status !== undefined) {
    const wanted: readonly TaskStatus[] = typeof query.status === 'string' ? [query.status] : query.status
    // Orkes has no waiting status: a task (or workflow) waiting for a person is
    // IN_PROGRESS (RUNNING) there, and the adapter tells the waits apart.
    const asked = wanted.includes('waiting_for_input') ? [...wanted, 'running' as const] : wanted
    const matching = mapper.providerStatusesFor(asked)
    if (matching.length === 0) return null
    clauses.push(`status IN (${matching.join(',')})`)
  }
  if (query.workflowName !== undefined) clauses.push(clause(provider, 'workflowType', query.workflowName))
  if (query.correlationId !== undefined) clauses.push(clause(provider, 'correlationId', query.correlationId))
  const own = optionalText(provider, 'query', query.query)
  if (own !== undefined) clauses.push(own)
  const freeText = optionalText(provider, 'freeText', query.freeText) ?? '*'
  return { query: clauses.length === 0 ? undefined : clauses.join(' AND '), freeText }
}

/** Pages through a search route lazily by `start`/`size` until `totalHits`. */
export async function* searchOrkes<T extends Task>(
  provider: string,
  http: HttpClient,
  route: string,
  query: OrkesListQuery,
  call: CallOptions,
  mapper: StatusMapper,
  parse: (item: unknown, source: PayloadSource) => T,
): AsyncGenerator<T> {
  const params = orkesSearchParams(provider, query, mapper)
  if (params === null) return
  const size = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
  // `start` advances by what arrived, not by what was asked: a server may cap `size`.
  const pages = listPages(async (_page, start) => {
    const response = await http.request(route, { ...call, query: { start, size, ...params } })
    const source = payloadSourceOf(response)
    const page = parseOrkesSearchPage(response.body, source)
    return { tasks: page.results.map((item) => parse(item, source)), total: page.totalHits }
  })
  for await (const task of pages) if (matchesListQuery(task, query)) yield task
}
