import type { Task } from '@taskbridge/core'

/** What a listing knows after reading one page. */
export interface PageReport {
  /** The ids on the page, in order. */
  readonly ids: readonly string[]
  /** The page's number, from 1. */
  readonly page: number
  /** The number of items in the whole listing, when the server says. */
  readonly total?: number
  /** The number of pages in the whole listing, when the server says. */
  readonly totalPages?: number
}

/** Decides, page by page, when a paged listing ends. */
export interface PagingGuard {
  /**
   * Whether this page has nothing new: every id on it was on an earlier page,
   * as when the server ignores the page parameter. The listing ends there.
   */
  isRepeat(ids: readonly string[]): boolean
  /** Whether the id was on an earlier page (skip it: it was listed already). */
  hasSeen(id: string): boolean
  /** Whether no page after this one should be asked for; call it once per page that was not a repeat. */
  isLast(report: PageReport): boolean
}

/**
 * Guards a listing over a route whose paging is inferred rather than
 * documented, so that a server which caps the page size, ignores the page
 * parameter or leaves out its totals can neither make the listing loop for
 * ever nor make it skip or repeat items.
 *
 * A listing ends on an empty page, on a page with no id not seen before, or
 * at the server's `total` or `totalPages` when its first page gives one. A
 * short page does not end it: a server that filters after paging gives short
 * pages in the middle. Ids are remembered only while the server gives no
 * totals (with totals the listing ends anyway), so memory stays flat for
 * well-behaved servers.
 *
 * @example
 * ```ts
 * const paging = createPagingGuard()
 * for (let page = 1; ; page += 1) {
 *   const body = await fetchPage(page)
 *   const ids = body.items.map((item) => item.id)
 *   if (paging.isRepeat(ids)) return
 *   for (const item of body.items) if (!paging.hasSeen(item.id)) yield item
 *   if (paging.isLast({ ids, page, total: body.total })) return
 * }
 * ```
 */
export function createPagingGuard(): PagingGuard {
  let previousIds: ReadonlySet<string> = new Set()
  let seen: Set<string> | undefined = new Set()
  let listed = 0
  const known = (id: string) => (seen ? seen.has(id) : previousIds.has(id))
  return {
    isRepeat: (ids) => ids.length > 0 && ids.every(known),
    hasSeen: known,
    isLast({ ids, page, total, totalPages }) {
      listed += ids.length
      if (page === 1 && (total !== undefined || totalPages !== undefined)) seen = undefined
      previousIds = new Set(ids)
      if (seen) for (const id of ids) seen.add(id)
      if (ids.length === 0) return true
      if (total !== undefined) return listed >= total
      if (totalPages !== undefined) return page >= totalPages
      return false
    },
  }
}

/** One page of a listing, as {@link listPages} reads it. */
export interface TaskPage<T extends Task = Task> {
  /** The page's tasks, in the provider's order. */
  readonly tasks: readonly T[]
  /** The number of items in the whole listing, when the server says. */
  readonly total?: number | undefined
  /** The number of pages in the whole listing, when the server says. */
  readonly totalPages?: number | undefined
}

/**
 * Yields the tasks of a paged listing, reading a page only when the one
 * before has been consumed, and ending as {@link createPagingGuard} decides:
 * no loop, no task twice. `readPage` gets the page number (from 1) and how
 * many tasks have arrived so far, for routes that page by offset (advance by
 * what arrived: a server may cap the page size).
 *
 * @example
 * ```ts
 * async *listTasks(query, call) {
 *   const pages = listPages(async (page) => {
 *     const response = await http.request('/jobs', { ...call, query: { page } })
 *     const body = parseJobPage(response.body, payloadSourceOf(response))
 *     return { tasks: body.jobs.map((job) => parseJob(job, payloadSourceOf(response))), total: body.total }
 *   })
 *   for await (const task of pages) if (matchesListQuery(task, query)) yield task
 * }
 * ```
 */
export async function* listPages<T extends Task = Task>(
  readPage: (page: number, received: number) => Promise<TaskPage<T>>,
): AsyncGenerator<T, void, undefined> {
  const paging = createPagingGuard()
  let received = 0
  for (let page = 1; ; page += 1) {
    const { tasks, total, totalPages } = await readPage(page, received)
    const ids = tasks.map((task) => task.id)
    if (paging.isRepeat(ids)) return
    for (const task of tasks) if (!paging.hasSeen(task.id)) yield task
    received += tasks.length
    if (paging.isLast({ ids, page, total, totalPages })) return
  }
}
