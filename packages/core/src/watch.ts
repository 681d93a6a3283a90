import { abortable } from './abort.js'
import type { CallOptions } from './adapter.js'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import { RateLimitError } from './errors/rate-limit-error.js'
import { TaskbridgeError } from './errors/taskbridge-error.js'
import { TimeoutError } from './errors/timeout-error.js'
import { isTerminal } from './status.js'
import type { Task } from './task.js'

/** Options of {@link watchTask} and {@link waitForTask}; `T` is the adapter's task type. */
export interface WatchTaskOptions<T extends Task = Task> {
  /** The first wait between two polls. Default 1000 ms. */
  intervalMs?: number | undefined
  /** The longest wait between two polls, so also the longest a finished task goes unnoticed. Default 6000 ms. */
  maxIntervalMs?: number | undefined
  /** How much each wait grows over the one before. Default 2. */
  backoffFactor?: number | undefined
  /** The share of each wait that is randomised away (0 to 1), so many waiters do not poll in step. Default 0.2. */
  jitter?: number | undefined
  /** Give up after this long with a {@link TimeoutError}. Default: no limit. */
  timeoutMs?: number | undefined
  /** Stops watching; the iteration rejects with the signal's reason. */
  signal?: AbortSignal | undefined
  /** When to stop. Default: when the status is terminal ({@link isTerminal}). */
  until?: ((task: T) => boolean) | undefined
  /**
   * How many retryable errors in a row are waited out before the last one is
   * thrown. Default 3. A `RateLimitError` that says how long to wait does not
   * count: the provider asked for patience, so give `timeoutMs` to bound it.
   */
  maxConsecutiveErrors?: number | undefined
  /** Per-request options (timeout, headers) passed to each `getTask`. */
  callOptions?: Omit<CallOptions, 'signal'> | undefined
  /** `false` polls even when the adapter can stream. Default true. */
  stream?: boolean | undefined
}

/**
 * What {@link watchTask} needs of an adapter: its name and `getTask`, and,
 * when the provider can push changes, `streamTask`.
 */
export interface WatchableAdapter<T extends Task = Task> {
  readonly provider: string
  getTask(id: string, options?: CallOptions): Promise<T>
  /** The task's changes as the provider pushes them; it may end early or fail, and is then replaced by polling. */
  streamTask?(id: string, options?: CallOptions): AsyncIterable<T>
  readonly capabilities?: { readonly stream?: boolean }
}

// Tuned on a 60 s task (bench/src/polling.ts): with at most 6 s between polls
// its end is noticed within 10 % of its run, and doubling up to that cap takes
// 14 or 15 polls, a quarter of polling every second. (15 s and ×1.5 noticed it
// up to 14 s late: jitter only shortens waits, so polls drifted to just before
// the end and the next came a whole 15 s wait later.)
const defaults = {
  intervalMs: 1000,
  maxIntervalMs: 6000,
  backoffFactor: 2,
  jitter: 0.2,
  maxConsecutiveErrors: 3,
}

/** The largest delay `setTimeout` accepts; Node turns a larger one into 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1

/** How many streams in a row may close cleanly without a change before watching falls back to polling. */
const MAX_IDLE_RESUBSCRIBES = 3

/**
 * Checks watching options before anything is sent, so a bad option fails at
 * once; `label` names the function the caller used.
 *
 * @internal
 */
export function checkWatchOptions(label: string, provider: string, options: WatchTaskOptions<never>): void {
  const checkRange = (name: keyof WatchTaskOptions, minimum: number) => {
    const value = options[name] as number | undefined
    if (value !== undefined && !(Number.isFinite(value) && value >= minimum && value <= MAX_TIMER_MS)) {
      throw new InvalidArgumentError({
        provider,
        argument: name,
        message: `${label}: ${name} must be a number from ${minimum} to ${MAX_TIMER_MS}, got ${value}`,
      })
    }
  }
  checkRange('intervalMs', 1)
  checkRange('maxIntervalMs', 1)
  checkRange('backoffFactor', 1)
  checkRange('timeoutMs', 1)
  checkRange('maxConsecutiveErrors', 0)
  const jitter = options.jitter ?? defaults.jitter
  if (!(jitter >= 0 && jitter <= 1)) {
    throw new InvalidArgumentError({
      provider,
      argument: 'jitter',
      message: `${label}: jitter must be between 0 and 1, got ${jitter}`,
    })
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** Whether `next` says something `previous` did not: another status or a later update. */
function isChange(previous: Task | undefined, next: Task): boolean {
  return (
    previous === undefined ||
    previous.status !== next.status ||
    previous.providerStatus !== next.providerStatus ||
    previous.updatedAt?.getTime() !== next.updatedAt?.getTime()
  )
}

/** Whether `next` is older than what was already seen (a late stream event, an out-of-date replica). */
function isStale(previous: Task | undefined, next: Task): boolean {
  const seen = previous?.updatedAt?.getTime()
  const now = next.updatedAt?.getTime()
  return seen !== undefined && now !== undefined && now < seen
}

/**
 * Follows a task and yields each change once: the first state read, then
 * every new status, provider status or `updatedAt`, never an older state
 * after a newer one. It ends after the first terminal status (or when
 * `until` says stop).
 *
 * When the adapter can stream (`capabilities.stream`), it listens to the
 * provider's pushes; a stream that closes before the task has ended is
 * resubscribed (after one read, so nothing is missed between the two), and a
 * stream that fails or is refused gives way to polling for the rest of the
 * watch. Polling waits grow from `intervalMs` by `backoffFactor` up to
 * `maxIntervalMs`, with jitter; a {@link RateLimitError} waits as long as the
 * provider's `Retry-After` asked; other retryable errors are waited out up to
 * `maxConsecutiveErrors` times in a row.
 *
 * Past `timeoutMs` the iteration throws a {@link TimeoutError} carrying the
 * last task seen; an abort throws the signal's reason. Breaking out of the
 * loop stops everything, the request or stream in flight included.
 *
 * @example
 * ```ts
 * for await (const task of watchTask(adapter, id, { timeoutMs: 600_000 })) {
 *   console.log(task.status, task.updatedAt)
 * }
 * ```
 */
export function watchTask<T extends Task = Task>(
  adapter: WatchableAdapter<T>,
  id: string,
  options: WatchTaskOptions<T> = {},
): AsyncGenerator<T, void, undefined> {
  checkWatchOptions('watchTask', adapter.provider, options as WatchTaskOptions<never>)
  return follow(adapter, id, options, 'watchTask')
}

/**
 * {@link watchTask} under the name of the function the caller used, for its
 * messages; the options are already checked.
 *
 * @internal
 */
export async function* follow<T extends Task>(
  adapter: WatchableAdapter<T>,
  id: string,
  options: WatchTaskOptions<T>,
  label: string,
): AsyncGenerator<T, void, undefined> {
  const { provider } = adapter
  const jitter = options.jitter ?? defaults.jitter
  const maxIntervalMs = options.maxIntervalMs ?? defaults.maxIntervalMs
  const backoffFactor = options.backoffFactor ?? defaults.backoffFactor
  const maxConsecutiveErrors = options.maxConsecutiveErrors ?? defaults.maxConsecutiveErrors
  const until = options.until ?? ((task: T) => isTerminal(task.status))
  options.signal?.throwIfAborted()

  // One signal for the caller's abort, our deadline and the consumer leaving,
  // so the request or stream in flight is cancelled by any of them.
  const stop = new AbortController()
  const deadline = new AbortController()
  const signals = [stop.signal, deadline.signal, ...(options.signal ? [options.signal] : [])]
  const signal = AbortSignal.any(signals)
  const timeoutMs = options.timeoutMs
  const deadlineTimer = timeoutMs === undefined ? undefined : setTimeout(() => deadline.abort(), timeoutMs)
  const call: CallOptions = { ...options.callOptions, signal }

  let lastTask: T | undefined
  /** The task as news: `undefined` when it says nothing new (or something older). */
  const news = (task: T): T | undefined => {
    if (isStale(lastTask, task) || !isChange(lastTask, task)) return undefined
    lastTask = task
    return task
  }

  async function* poll(): AsyncGenerator<T, void, undefined> {
    let interval = Math.min(options.intervalMs ?? defaults.intervalMs, maxIntervalMs)
    let consecutiveErrors = 0
    for (;;) {
      let wait = interval * (1 - jitter * Math.random())
      try {
        const task = await abortable(adapter.getTask(id, call), signal)
        consecutiveErrors = 0
        const fresh = news(task)
        if (fresh) yield fresh
        if (until(task)) return
        interval = Math.min(interval * backoffFactor, maxIntervalMs)
      } catch (error) {
        if (signal.aborted) throw error
        if (RateLimitError.is(error) && error.retryAfterMs !== undefined) {
          // The provider said how long to wait: patience, not an error to count.
          // Capped: a longer delay makes setTimeout fire at once, a hot loop.
          wait = Math.min(Math.max(error.retryAfterMs, wait), MAX_TIMER_MS)
        } else if (TaskbridgeError.is(error) && error.retryable && consecutiveErrors < maxConsecutiveErrors) {
          consecutiveErrors += 1
        } else {
          throw error
        }
      }
      await sleep(wait, signal)
    }
  }

  /** Follows the stream; returns `true` when the task ended, `false` when the stream gave up first. */
  async function* listen(
    stream: (id: string, options?: CallOptions) => AsyncIterable<T>,
  ): AsyncGenerator<T, boolean, undefined> {
    let idle = 0
    while (idle < MAX_IDLE_RESUBSCRIBES) {
      let changed = false
      try {
        for await (const task of stream(id, call)) {
          const fresh = news(task)
          if (fresh) {
            changed = true
            yield fresh
          }
          if (until(task)) return true
        }
      } catch (error) {
        if (signal.aborted) throw error
        // Refused or cut: polling takes over.
        return false
      }
      // Closed cleanly before the end: read once, so a change made between
      // two subscriptions is not missed, then subscribe again.
      const task = await abortable(adapter.getTask(id, call), signal)
      const fresh = news(task)
      if (fresh) yield fresh
      if (until(task)) return true
      idle = changed || fresh ? 0 : idle + 1
    }
    return false
  }

  try {
    const stream = adapter.streamTask
    const canStream = options.stream !== false && stream !== undefined && adapter.capabilities?.stream !== false
    if (canStream) {
      const ended = yield* listen(stream.bind(adapter))
      if (ended) return
    }
    yield* poll()
  } catch (error) {
    if (deadline.signal.aborted && !options.signal?.aborted) {
      throw new TimeoutError({
        provider,
        timeoutMs,
        lastTask,
        message: `${label}: task ${id} did not finish within ${timeoutMs} ms${lastTask ? ` (last status: ${lastTask.status})` : ''}`,
        cause: error === deadline.signal.reason ? undefined : error,
      })
    }
    throw error
  } finally {
    clearTimeout(deadlineTimer)
    stop.abort()
  }
}
