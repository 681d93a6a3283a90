// The documented surface of @taskbridge/watcher. What the distributed watcher
// shares beyond it is in `./internal.ts` (`@taskbridge/watcher/internal`); the
// names that left this file stay as deprecated aliases until 2.0.
export { isChange, isStale, summaryKey } from './change.js'
export * from './deprecated.js'
export type {
  BatchOptions,
  RequestBudget,
  TaskWatcherEvent,
  TaskWatcherOptions,
  WatcherAdapter,
  WatcherProvider,
} from './options.js'
export { createTaskWatcher, type TaskWatcher } from './watcher.js'
