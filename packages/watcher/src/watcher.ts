import { InvalidArgumentError, resolveFollowOptions, type Task } from '@taskbridge/core'
import { createEventChannel } from './event-channel.js'
import { checkWatcherOptions, type TaskWatcherEvent, type TaskWatcherOptions } from './options.js'
import { createProviderLane, type LaneSettings, type ProviderLane } from './provider-lane.js'

/** Many tasks of many providers followed by one scheduler; see {@link createTaskWatcher}. */
export interface TaskWatcher<T extends Task = Task> extends AsyncIterable<TaskWatcherEvent<T>>, AsyncDisposable {
  /** Starts following a task; `false` when it is already followed or the watcher has stopped. */
  watch(provider: string, id: string): boolean
  /** Stops following a task (its request in flight is cancelled); `false` when it was not followed. */
  unwatch(provider: string, id: string): boolean
  /** Whether the task is followed: added, and neither ended, given up nor removed. */
  isWatching(provider: string, id: string): boolean
  /** How many tasks are followed. */
  readonly size: number
  /** Whether {@link TaskWatcher.stop} was called or the signal aborted. */
  readonly stopped: boolean
  /** Stops every timer and request; resolves when none is in flight. Iteration ends once the events before it are read. */
  stop(): Promise<void>
}

/**
 * Hands each event to `onEvent` so that a throw from it never stops a task's
 * reads: the throw is reported to it once as an error event, and a throw
 * from that report is dropped.
 */
function guarded<T extends Task>(onEvent: (event: TaskWatcherEvent<T>) => void): (event: TaskWatcherEvent<T>) => void {
  return (event) => {
    try {
      onEvent(event)
    } catch (error) {
      const what =
        event.type === 'change' ? `the change of task ${event.id}` : `an error event of ${event.id ?? 'a page'}`
      try {
        onEvent({
          type: 'error',
          provider: event.provider,
          id: event.id,
          error: new InvalidArgumentError({
            argument: 'onEvent',
            provider: event.provider,
            message: `TaskWatcher: onEvent threw on ${what}; the task is still watched`,
            cause: error,
          }),
          final: false,
        })
      } catch {
        // The listener fails on its own report too: nowhere left to tell.
      }
    }
  }
}

/**
 * Follows many tasks at once across providers, each provider within its
 * request budget, and reports each change once.
 *
 * Every provider has one queue: at most `budget.requestsPerSecond` requests
 * start in any second and at most `budget.concurrency` are in flight. Reads
 * wait in it oldest-due first, so no task starves however many there are. A
 * `RateLimitError` pauses the provider's whole queue for its `retryAfterMs`
 * (or `rateLimitPauseMs`), and the reads that waited go first afterwards.
 * Each task is read when added, then after `intervalMs`, growing by
 * `backoffFactor` up to `maxIntervalMs`. With `batch`, the provider's
 * listing is read a page at a time instead: a full list item counts as a
 * read, and a summary (`metadata.summary`) that shows another provider
 * status or `updatedAt` is confirmed by one `getTask`; a task the listing
 * does not show is read with `getTask`.
 *
 * What to do after each read is decided by core's `nextStep`, the policy
 * every follower shares, as a long-lived follower: a task stops being
 * followed after its first terminal status or a non-retryable error. Retryable
 * errors (429s, connection errors, timeouts) never end it: past
 * `maxConsecutiveErrors` in a row it is reported once (an error event with
 * `final: false`) and read on, backing off up to `maxIntervalMs`, so the
 * watcher rides out a provider's outage and resumes when it answers. An
 * answer about another task is an error event, never a change. Errors of one
 * task never stop the others.
 *
 * @example
 * ```ts
 * await using watcher = createTaskWatcher({
 *   providers: [
 *     { adapter: xpander, budget: { requestsPerSecond: 50 }, batch: { pageSize: 50 } },
 *     { adapter: orkes, budget: { requestsPerSecond: 20, concurrency: 4 } },
 *   ],
 * })
 * watcher.watch('xpander', taskId)
 * for await (const event of watcher) {
 *   if (event.type === 'change') console.log(event.provider, event.id, event.task.status)
 * }
 * ```
 */
export function createTaskWatcher<T extends Task = Task>(options: TaskWatcherOptions<NoInfer<T>>): TaskWatcher<T> {
  checkWatcherOptions(options as unknown as TaskWatcherOptions)
  options.signal?.throwIfAborted()
  const settings: LaneSettings = {
    follow: resolveFollowOptions(options, 'createTaskWatcher'),
    callOptions: options.callOptions ?? {},
  }
  const { onEvent } = options
  const channel = createEventChannel<TaskWatcherEvent<T>>()
  const emit = onEvent ? guarded(onEvent) : (event: TaskWatcherEvent<T>) => channel.push(event)
  const lanes = new Map<string, ProviderLane>(
    options.providers.map((entry) => [entry.adapter.provider, createProviderLane(entry, settings, emit)]),
  )
  let stopping: Promise<void> | undefined
  let iterating = false

  const laneOf = (provider: string): ProviderLane => {
    const lane = lanes.get(provider)
    if (lane) return lane
    throw new InvalidArgumentError({
      argument: 'provider',
      message: `TaskWatcher: no provider named "${provider}"; the watcher has ${[...lanes.keys()].join(', ')}`,
    })
  }

  const checkId = (id: unknown): string => {
    if (typeof id === 'string' && id.trim() !== '') return id
    throw new InvalidArgumentError({ argument: 'id', message: 'TaskWatcher: the task id must be a non-empty string' })
  }

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      options.signal?.removeEventListener('abort', onAbort)
      await Promise.all([...lanes.values()].map((lane) => lane.stop()))
      channel.close()
    })()
    return stopping
  }
  const onAbort = () => void stop()
  options.signal?.addEventListener('abort', onAbort, { once: true })

  return {
    watch: (provider, id) => laneOf(provider).watch(checkId(id)),
    unwatch: (provider, id) => laneOf(provider).unwatch(checkId(id)),
    isWatching: (provider, id) => laneOf(provider).has(checkId(id)),
    get size() {
      let total = 0
      for (const lane of lanes.values()) total += lane.size
      return total
    },
    get stopped() {
      return stopping !== undefined
    },
    stop,
    [Symbol.asyncDispose]: stop,
    [Symbol.asyncIterator]() {
      if (onEvent) {
        throw new InvalidArgumentError({
          argument: 'onEvent',
          message: 'TaskWatcher: a watcher given onEvent hands its events there and cannot be iterated',
        })
      }
      if (iterating) {
        throw new InvalidArgumentError({ message: 'TaskWatcher: the watcher is already being iterated' })
      }
      iterating = true
      // Leaving the loop early stops the watcher, as with watchTask.
      return channel.iterator(stop)
    },
  }
}
