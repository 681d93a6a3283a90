export { createDistributedWatcher, type DistributedWatcher } from './distributed-watcher.js'
export type { DistributedProvider, DistributedWatcherOptions, DistributedWatchError } from './options.js'
export type { TaskChange } from './state.js'
