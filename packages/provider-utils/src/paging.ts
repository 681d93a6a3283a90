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
   * Whether this page repeats the previous one, which means the server
   * ignored the page parameter: the listing ends there, and the page is not
   * yielded again.
   */
  isRepeat(ids: readonly string[]): boolean
  /** Whether no page after this one should be asked for; call it once per page that was not a repeat. */
  isLast(report: PageReport): boolean
}

/**
 * Guards a listing over a route whose paging is inferred rather than
 * documented, so that a server which caps the page size, ignores the page
 * parameter or leaves out its totals can end the listing early but never
 * make it loop for ever or skip items.
 *
 * A listing ends on an empty page, on a page that repeats the previous one,
 * at the server's `total` or `totalPages` when it gives one, and otherwise on
 * the first page shorter than the first page (a server may cap the size
 * asked for, so the first page's size is the real page size).
 *
 * @example
 * ```ts
 * const paging = createPagingGuard()
 * for (let page = 1; ; page += 1) {
 *   const body = await fetchPage(page)
 *   const ids = body.items.map((item) => item.id)
 *   if (paging.isRepeat(ids)) return
 *   yield* body.items
 *   if (paging.isLast({ ids, page, total: body.total })) return
 * }
 * ```
 */
export function createPagingGuard(): PagingGuard {
  let previousIds: readonly string[] = []
  let firstPageSize: number | undefined
  let seen = 0
  return {
    isRepeat(ids) {
      return ids.length > 0 && ids.length === previousIds.length && ids.every((id, index) => id === previousIds[index])
    },
    isLast({ ids, page, total, totalPages }) {
      previousIds = ids
      firstPageSize ??= ids.length
      seen += ids.length
      if (ids.length === 0) return true
      if (total !== undefined) return seen >= total
      if (totalPages !== undefined) return page >= totalPages
      return ids.length < firstPageSize
    },
  }
}
