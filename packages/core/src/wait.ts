import { abortable } from './abort.js'
import type { CallOptions } from './adapter.js'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import { RateLimitError } from './errors/rate-limit-error.js'
import { TaskbridgeError } from './errors/taskbridge-error.js'
import { TimeoutError } from './errors/timeout-error.js'
import { isTerminal } from './status.js'
import type { Task } from './task.js'

/** Options of {@link waitForTask}; `T` is the adapter's task type. */
export interface WaitForTaskOptions<T extends Task = Task> {
  /** The first wait between two polls. Default 1000 ms. */
  intervalMs?: number
  /** The longest wait between two polls, so also the longest a finished task goes unnoticed. Default 6000 ms. */
  maxIntervalMs?: number
  /** How much each wait grows over the one before. Default 2. */
  backoffFactor?: number
  /** The share of each wait that is randomised away (0 to 1), so many waiters do not poll in step. Default 0.2. */
  jitter?: number
  /** Give up after this long with a {@link TimeoutError}. Default: no limit. */
  timeoutMs?: number
  /** Stops waiting; the promise rejects with the signal's reason. */
  signal?: AbortSignal
  /** Called with the first task seen and then each time its status or `updatedAt` changes. */
  onUpdate?: (task: T) => void
  /** When to stop. Default: when the status is terminal ({@link isTerminal}). */
  until?: (task: T) => boolean
  /**
   * How many retryable errors in a row are waited out before the last one is
   * thrown. Default 3. A `RateLimitError` that says how long to wait does not
   * count: the provider asked for patience, so give `timeoutMs` to bound it.
   */
  maxConsecutiveErrors?: number
  /** Per-request options (timeout, headers) passed to each `getTask`. */
  callOptions?: Omit<CallOptions, 'signal'>
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

function checkPositive(provider: string, name: string, value: number | undefined, minimum: number): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= minimum && value <= MAX_TIMER_MS)) {
    throw new InvalidArgumentError({
      provider,
      argument: name,
      message: `waitForTask: ${name} must be a number from ${minimum} to ${MAX_TIMER_MS}, got ${value}`,
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

/** What {@link waitForTask} needs of an adapter: its name and `getTask`. */
export interface PollableAdapter<T extends Task = Task> {
  readonly provider: string
  getTask(id: string, options?: CallOptions): Promise<T>
}

function changed(previous: Task | undefined, next: Task): boolean {
  return (
    previous === undefined ||
    previous.status !== next.status ||
    previous.providerStatus !== next.providerStatus ||
    previous.updatedAt?.getTime() !== next.updatedAt?.getTime()
  )
}

/**
 * Polls a task until it reaches a terminal status (or `until` says stop) and
 * resolves with that task. A failed or cancelled task resolves too: check
 * `task.status`.
 *
 * Waits grow from `intervalMs` by `backoffFactor` up to `maxIntervalMs`, with
 * jitter. A {@link RateLimitError} waits as long as the provider's
 * `Retry-After` asked; other retryable errors are waited out up to
 * `maxConsecutiveErrors` times in a row.
 *
 * @example
 * ```ts
 * const task = await waitForTask(adapter, id, { timeoutMs: 600_000, onUpdate: (t) => console.log(t.status) })
 * ```
 */
export async function waitForTask<T extends Task = Task>(
  adapter: PollableAdapter<T>,
  id: string,
  options: WaitForTaskOptions<T> = {},
): Promise<T> {
  const { provider } = adapter
  checkPositive(provider, 'intervalMs', options.intervalMs, 1)
  checkPositive(provider, 'maxIntervalMs', options.maxIntervalMs, 1)
  checkPositive(provider, 'backoffFactor', options.backoffFactor, 1)
  checkPositive(provider, 'timeoutMs', options.timeoutMs, 1)
  checkPositive(provider, 'maxConsecutiveErrors', options.maxConsecutiveErrors, 0)
  const jitter = options.jitter ?? defaults.jitter
  if (!(jitter >= 0 && jitter <= 1)) {
    throw new InvalidArgumentError({
      provider,
      argument: 'jitter',
      message: `waitForTask: jitter must be between 0 and 1, got ${jitter}`,
    })
  }
  const maxIntervalMs = options.maxIntervalMs ?? defaults.maxIntervalMs
  const backoffFactor = options.backoffFactor ?? defaults.backoffFactor
  const maxConsecutiveErrors = options.maxConsecutiveErrors ?? defaults.maxConsecutiveErrors
  const until = options.until ?? ((task: T) => isTerminal(task.status))
  options.signal?.throwIfAborted()

  // One signal for the caller's abort and our own deadline, so a poll in
  // flight is cancelled by either.
  const deadline = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal
  const timeoutMs = options.timeoutMs
  const deadlineTimer = timeoutMs === undefined ? undefined : setTimeout(() => deadline.abort(), timeoutMs)

  let interval = Math.min(options.intervalMs ?? defaults.intervalMs, maxIntervalMs)
  let lastTask: T | undefined
  let consecutiveErrors = 0
  try {
    for (;;) {
      let wait = interval * (1 - jitter * Math.random())
      try {
        const task = await abortable(adapter.getTask(id, { ...options.callOptions, signal }), signal)
        consecutiveErrors = 0
        if (changed(lastTask, task)) options.onUpdate?.(task)
        lastTask = task
        if (until(task)) return task
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
  } catch (error) {
    if (deadline.signal.aborted && !options.signal?.aborted) {
      throw new TimeoutError({
        provider,
        timeoutMs,
        lastTask,
        message: `waitForTask: task ${id} did not finish within ${timeoutMs} ms${lastTask ? ` (last status: ${lastTask.status})` : ''}`,
        cause: error === deadline.signal.reason ? undefined : error,
      })
    }
    throw error
  } finally {
    clearTimeout(deadlineTimer)
  }
}
