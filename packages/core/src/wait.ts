import type { Task } from './task.js'
import { checkWatchOptions, follow, type WatchableAdapter, type WatchTaskOptions } from './watch.js'

/** Options of {@link waitForTask}: those of {@link watchTask}, and a callback for each change. */
export interface WaitForTaskOptions<T extends Task = Task> extends WatchTaskOptions<T> {
  /** Called with the first task seen and then with each state that is news (see {@link compareTaskStates}). */
  onUpdate?: ((task: T) => void) | undefined
}

/**
 * Follows a task until it reaches a terminal status (or `until` says stop)
 * and resolves with that task: the last value of {@link watchTask}, with
 * `onUpdate` called for each one before it. A failed or cancelled task
 * resolves too: check `task.status`. Streams where the adapter can, polls
 * otherwise, with the same waits, limits and errors as `watchTask`.
 *
 * @example
 * ```ts
 * const task = await waitForTask(adapter, id, { timeoutMs: 600_000, onUpdate: (t) => console.log(t.status) })
 * ```
 */
export async function waitForTask<T extends Task = Task>(
  adapter: WatchableAdapter<T>,
  id: string,
  options: WaitForTaskOptions<T> = {},
): Promise<T> {
  checkWatchOptions('waitForTask', adapter.name ?? adapter.provider, options as WatchTaskOptions<never>)
  let last: T | undefined
  for await (const task of follow(adapter, id, options, 'waitForTask')) {
    options.onUpdate?.(task)
    last = task
  }
  // The first read always counts as a change, so there is a last task.
  return last as T
}
