// Names that left the watcher's documented surface for
// `@taskbridge/watcher/internal` (the distributed watcher imports them from
// there). They keep working until 2.0, so code written against 0.x or 1.0-rc
// still compiles.
import * as internal from './internal.js'

/**
 * Checks a provider's `BatchOptions`.
 *
 * @deprecated internal, will be removed in 2.0: `createTaskWatcher` checks its options.
 */
export const checkBatchOptions: typeof internal.checkBatchOptions = internal.checkBatchOptions

/**
 * Whether a list item carries less than `getTask`.
 *
 * @deprecated internal, will be removed in 2.0: read `task.metadata.summary`.
 */
export const isSummary: typeof internal.isSummary = internal.isSummary

/**
 * How a sweep reads the listing, page by page.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export const readListingPages: typeof internal.readListingPages = internal.readListingPages

/**
 * What a sweep does at each step of `readListingPages`.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type ListingPageSteps<T> = internal.ListingPageSteps<T>
