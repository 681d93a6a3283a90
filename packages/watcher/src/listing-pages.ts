import type { BatchOptions } from './options.js'

/** Pages one sweep reads at most when `batch.maxPages` does not say. */
const DEFAULT_MAX_PAGES = 100

/** What a sweep does at each step of {@link readListingPages}. */
export interface ListingPageSteps<T> {
  /** Whether the sweep still looks for tasks; it stops before the next item once this is false. */
  wanted(): boolean
  /** Called before each page's request and once the listing is done, to finish the page read so far. */
  pageDone?(): Promise<void>
  /**
   * Makes the request of a new page by calling `read` within the sweep's
   * request budget; `undefined` when the budget refuses it, which ends the sweep.
   */
  readPage(read: () => Promise<IteratorResult<T>>): Promise<IteratorResult<T> | undefined>
  /** Takes one item of the listing. */
  item(item: T): void
}

/**
 * Reads a batch listing page by page, each page one request of the budget,
 * as the in-process watcher and the distributed watcher both sweep: the
 * adapter reads a page when the one before has been consumed, so the first
 * item of each page is the one that costs a request, and a sweep reads at
 * most `batch.maxPages` pages (default 100). Closing `items` stays with the
 * caller.
 */
export async function readListingPages<T>(
  items: AsyncIterator<T>,
  batch: Pick<BatchOptions, 'pageSize' | 'maxPages'>,
  steps: ListingPageSteps<T>,
): Promise<void> {
  const { pageSize, maxPages = DEFAULT_MAX_PAGES } = batch
  let inPage = pageSize
  let pages = 0
  while (steps.wanted()) {
    let next: IteratorResult<T> | undefined
    if (inPage >= pageSize) {
      await steps.pageDone?.()
      if (pages >= maxPages) return
      pages += 1
      inPage = 0
      next = await steps.readPage(() => items.next())
      if (next === undefined) return
    } else {
      next = await items.next()
    }
    if (next.done) break
    inPage += 1
    steps.item(next.value)
  }
  await steps.pageDone?.()
}
