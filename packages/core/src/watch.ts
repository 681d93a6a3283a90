import { abortable } from './abort.js'
import type { CallOptions } from './adapter.js'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import { TimeoutError } from './errors/timeout-error.js'
import type { TaskSnapshot } from './follow/change.js'
import { type FollowOptions, MAX_TIMER_MS, resolveFollowOptions } from './follow/options.js'
import { type FollowStep, type NextStepOptions, nextStep, type ReadOutcome, startFollowing } from './follow/step.js'
import type { Task } from './task.js'

/**
 * Options of {@link watchTask} and {@link waitForTask}; `T` is the adapter's
 * task type. The waits and the error budget are the {@link FollowOptions}
 * every follower shares.
 */
export interface WatchTaskOptions<T extends Task = Task> extends FollowOptions {
  /** Give up after this long with a {@link TimeoutError}. Default: no limit. */
  timeoutMs?: number | undefined
  /** Stops watching; the iteration rejects with the signal's reason. */
  signal?: AbortSignal | undefined
  /** When to stop. Default: when the status is terminal ({@link isTerminal}). */
  until?: ((task: T) => boolean) | undefined
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
  /** The adapter's name, for error messages (every adapter from `defineAdapter` has it). */
  readonly name?: string
  /**
   * The adapter's name, as before 1.0.
   *
   * @deprecated Give `name`: "provider" named the adapter, not the platform. Read until 2.0.
   */
  readonly provider?: string
  getTask(id: string, options?: CallOptions): Promise<T>
  /** The task's changes as the provider pushes them; it may end early or fail, and is then replaced by polling. */
  streamTask?(id: string, options?: CallOptions): AsyncIterable<T>
  readonly capabilities?: { readonly stream?: boolean }
}

/**
 * Checks watching options before anything is sent, so a bad option fails at
 * once; `label` names the function the caller used.
 *
 * @internal
 */
export function checkWatchOptions(label: string, provider: string | undefined, options: WatchTaskOptions<never>): void {
  resolveFollowOptions(options, label, provider)
  const { timeoutMs } = options
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs >= 1 && timeoutMs <= MAX_TIMER_MS)) {
    throw new InvalidArgumentError({
      provider,
      argument: 'timeoutMs',
      message: `${label}: timeoutMs must be a number from 1 to ${MAX_TIMER_MS}, got ${timeoutMs}`,
    })
  }
}

/** The last state reported as a task: a follower here keeps whole tasks, never bare snapshots. */
function seenTask<T extends Task>(seen: T | TaskSnapshot | undefined): T | undefined {
  return seen !== undefined && 'provider' in seen ? seen : undefined
}

/** The state a step reports as news, if any. */
function newsOf<T extends Task>(step: FollowStep<T>): T | undefined {
  return step.type === 'wait' || step.type === 'stop' ? step.news : undefined
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

/**
 * Follows a task and yields each change once: the first state read, then
 * every state that is news by {@link compareTaskStates} (another status,
 * provider status, reason or output presence, or a later `updatedAt`), never
 * an older state after a newer one nor a state of another task. It ends after
 * the first terminal status (or when `until` says stop). What to do after
 * each read is decided by {@link nextStep}, the policy every follower shares.
 *
 * When the adapter can stream (`capabilities.stream`), it listens to the
 * provider's pushes; a stream that closes before the task has ended is
 * resubscribed after a wait that backs off like polling (and after one read,
 * so nothing is missed between the two), and a stream that fails or is
 * refused gives way to polling for the rest of the watch. Polling waits grow
 * from `intervalMs` by `backoffFactor` up to `maxIntervalMs`, with jitter; a
 * {@link RateLimitError} waits at least as long as the provider's
 * `Retry-After` asked; retryable errors, 429s included, are waited out up to
 * `maxConsecutiveErrors` times in a row, and the next one is thrown.
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
  checkWatchOptions('watchTask', adapter.name ?? adapter.provider, options as WatchTaskOptions<never>)
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
  const provider = adapter.name ?? adapter.provider
  const policy: NextStepOptions<T> = {
    ...resolveFollowOptions(options, label, provider),
    id,
    mode: 'once',
    until: options.until,
  }
  let state = startFollowing<T>(policy)
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

  /** The policy's step after `outcome`; its give-up is thrown. */
  const decide = (outcome: ReadOutcome<T>): Exclude<FollowStep<T>, { type: 'give-up' }> => {
    const step = nextStep(outcome, state, policy)
    state = step.state
    if (step.type === 'give-up') throw step.error
    return step
  }

  /** One `getTask`, as an outcome for the policy; an abort is thrown. */
  const read = async (): Promise<ReadOutcome<T>> => {
    try {
      return { type: 'read', task: await abortable(adapter.getTask(id, call), signal) }
    } catch (error) {
      if (signal.aborted) throw error
      return { type: 'failed', error }
    }
  }

  async function* poll(): AsyncGenerator<T, void, undefined> {
    for (;;) {
      const step = decide(await read())
      const news = newsOf(step)
      if (news) yield news
      if (step.type === 'stop') return
      if (step.type === 'wait' || step.type === 'pause') await sleep(step.waitMs, signal)
    }
  }

  /** Follows the stream; returns `true` when the task ended, `false` when polling must take over. */
  async function* listen(
    stream: (id: string, options?: CallOptions) => AsyncIterable<T>,
  ): AsyncGenerator<T, boolean, undefined> {
    // News in the stream, or in the read made just before subscribing.
    let changed = false
    for (;;) {
      try {
        for await (const task of stream(id, call)) {
          const step = nextStep({ type: 'read', task }, state, policy)
          // A stream that keeps telling of other tasks is not trusted: poll.
          if (step.type === 'give-up') return false
          state = step.state
          const news = newsOf(step)
          if (news) {
            changed = true
            yield news
          }
          if (step.type === 'stop') return true
        }
      } catch (error) {
        if (signal.aborted) throw error
        // Refused or cut: polling takes over.
        return false
      }
      const ended = decide({ type: 'stream-ended', changed })
      if (ended.type !== 'resubscribe') return false
      await sleep(ended.waitMs, signal)
      // Read once before subscribing again, so a change made while no stream
      // was open is not missed; a failed read leaves it to polling.
      const outcome = await read()
      if (outcome.type === 'failed') return false
      const step = decide(outcome)
      const news = newsOf(step)
      changed = news !== undefined
      if (news) yield news
      if (step.type === 'stop') return true
    }
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
        lastTask: seenTask(state.seen),
        message: `${label}: task ${id} did not finish within ${timeoutMs} ms${state.seen ? ` (last status: ${state.seen.status})` : ''}`,
        cause: error === deadline.signal.reason ? undefined : error,
      })
    }
    throw error
  } finally {
    clearTimeout(deadlineTimer)
    stop.abort()
  }
}
