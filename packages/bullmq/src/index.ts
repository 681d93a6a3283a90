export { createDistributedWatcher, type DistributedWatcher } from './distributed-watcher.js'
export type { DistributedProvider, DistributedWatchError, DistributedWatcherOptions } from './options.js'
export type { TaskChange } from './state.js'
