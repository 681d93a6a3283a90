export { isChange, isStale, isSummary, summaryKey } from './change.js'
export { type ListingPageSteps, readListingPages } from './listing-pages.js'
export {
  type BatchOptions,
  checkBatchOptions,
  type RequestBudget,
  type TaskWatcherEvent,
  type TaskWatcherOptions,
  type WatcherAdapter,
  type WatcherProvider,
} from './options.js'
export { createTaskWatcher, type TaskWatcher } from './watcher.js'
