export { isChange, isStale, summaryKey } from './change.js'
export type {
  BatchOptions,
  RequestBudget,
  TaskWatcherEvent,
  TaskWatcherOptions,
  WatcherAdapter,
  WatcherProvider,
} from './options.js'
export { createTaskWatcher, type TaskWatcher } from './watcher.js'
