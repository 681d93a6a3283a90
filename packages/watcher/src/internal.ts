// `@taskbridge/watcher/internal`: what the distributed watcher
// (`@taskbridge/bullmq`) shares with this one: the checks of `batch`, whether
// a list item is a summary, and how a sweep reads the listing. It follows the
// package's versions, but it is not part of the documented surface and may
// shrink in 2.0.
export { isSummary } from './change.js'
export { type ListingPageSteps, readListingPages } from './listing-pages.js'
export { checkBatchOptions } from './options.js'
