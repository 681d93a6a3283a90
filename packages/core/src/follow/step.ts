import { InvalidPayloadError } from '../errors/invalid-payload-error.js'
import { RateLimitError } from '../errors/rate-limit-error.js'
import { TaskbridgeError } from '../errors/taskbridge-error.js'
import { isTerminal } from '../status.js'
import type { Task } from '../task.js'
import { compareTaskStates, type TaskSnapshot } from './change.js'
import { MAX_TIMER_MS, type ResolvedFollowOptions } from './options.js'

/** Where a follower stands with one task, between two {@link nextStep} calls. Plain data. */
export interface FollowState<T extends Task = Task> {
  /**
   * The state last reported, `undefined` before the first: the task, or only
   * its {@link TaskSnapshot} where the follower keeps no more (the
   * distributed watcher reads the last state back from Redis).
   */
  readonly seen: T | TaskSnapshot | undefined
  /** The next wait before jitter; grows by `backoffFactor` up to `maxIntervalMs`. */
  readonly intervalMs: number
  /** Retryable failures in a row (429s and foreign answers included). */
  readonly consecutiveErrors: number
  /** A long-lived follower already reported this run of failures. */
  readonly outageReported: boolean
  /** Streams in a row that ended without news. */
  readonly idleStreams: number
}

/** What happened on the last attempt to learn a task's state. */
export type ReadOutcome<T extends Task = Task> =
  /** A read answered (a `getTask`, a list item taken as read, a stream event, a delivery). */
  | { readonly type: 'read'; readonly task: T }
  /** A read failed with `error`. */
  | { readonly type: 'failed'; readonly error: unknown }
  /** A stream of the task's changes ended cleanly before the task did; `changed`: it brought news. */
  | { readonly type: 'stream-ended'; readonly changed: boolean }

/** What {@link nextStep} decides, besides the new state. */
export type FollowStep<T extends Task = Task> =
  /** Report `news` (when there is some), then read again after `waitMs`; report `problem` when there is one. */
  | {
      readonly type: 'wait'
      readonly state: FollowState<T>
      readonly news: T | undefined
      readonly waitMs: number
      readonly problem: unknown
    }
  /**
   * The provider answered 429: pause every read of it for `pauseMs` (what it
   * asked for), a lone follower at least `waitMs`; report `problem` when there is one.
   */
  | {
      readonly type: 'pause'
      readonly state: FollowState<T>
      readonly pauseMs: number
      readonly waitMs: number
      readonly problem: unknown
    }
  /** Report `news` (when there is some) and stop following: the task is done (terminal, or `until` said so). */
  | { readonly type: 'stop'; readonly state: FollowState<T>; readonly news: T | undefined }
  /** Give up: a one-shot follower throws `error`; a long-lived one reports it as final. */
  | { readonly type: 'give-up'; readonly state: FollowState<T>; readonly error: unknown }
  /** Subscribe to the task's stream again after `waitMs` (read it once first, so nothing is missed). */
  | { readonly type: 'resubscribe'; readonly state: FollowState<T>; readonly waitMs: number }
  /** Streams keep ending without news: poll instead. */
  | { readonly type: 'poll'; readonly state: FollowState<T> }

/**
 * How a follower lives: `once` follows one task for a caller who waits
 * ({@link watchTask}, {@link waitForTask}) and gives up after
 * `maxConsecutiveErrors` retryable failures; `long-lived` (the watchers)
 * reports that failure as an outage, keeps the task and backs off.
 */
export type FollowMode = 'once' | 'long-lived'

/** What {@link nextStep} decides by: the resolved options and the task followed. */
export interface NextStepOptions<T extends Task = Task> extends ResolvedFollowOptions {
  /** The id of the task followed: a state about another id is never news. */
  readonly id: string
  readonly mode: FollowMode
  /** When to stop. Default: when the status is terminal. */
  readonly until?: ((task: T) => boolean) | undefined
  /** A number in [0, 1) for jitter. Default `Math.random`; give a fixed one to test. */
  readonly random?: (() => number) | undefined
}

/** How many streams in a row may end without news before following falls back to polling. */
export const MAX_IDLE_STREAMS = 3

/** The state before the first read. */
export function startFollowing<T extends Task = Task>(options: ResolvedFollowOptions): FollowState<T> {
  return {
    seen: undefined,
    intervalMs: Math.min(options.intervalMs, options.maxIntervalMs),
    consecutiveErrors: 0,
    outageReported: false,
    idleStreams: 0,
  }
}

/** The current interval less its jitter, and the state with the interval grown for next time. */
function backOff<T extends Task>(state: FollowState<T>, options: NextStepOptions<T>): [number, FollowState<T>] {
  const random = options.random ?? Math.random
  const waitMs = state.intervalMs * (1 - options.jitter * random())
  const intervalMs = Math.min(state.intervalMs * options.backoffFactor, options.maxIntervalMs)
  return [waitMs, { ...state, intervalMs }]
}

function afterRead<T extends Task>(task: T, state: FollowState<T>, options: NextStepOptions<T>): FollowStep<T> {
  const verdict = compareTaskStates(state.seen, task, options.id)
  if (verdict === 'foreign') {
    const error = new InvalidPayloadError({
      provider: task.provider,
      retryable: true,
      raw: task.raw,
      message: `asked for task ${options.id}, the provider answered with task ${task.id}`,
    })
    return afterFailure(error, state, options, true)
  }
  const news = verdict === 'news' ? task : undefined
  const recovered: FollowState<T> = { ...state, seen: news ?? state.seen, consecutiveErrors: 0, outageReported: false }
  const until = options.until ?? ((read: T) => isTerminal(read.status))
  if (verdict !== 'older' && until(task)) return { type: 'stop', state: recovered, news }
  const [waitMs, next] = backOff(recovered, options)
  return { type: 'wait', state: next, news, waitMs, problem: undefined }
}

function afterFailure<T extends Task>(
  error: unknown,
  state: FollowState<T>,
  options: NextStepOptions<T>,
  alwaysReport = false,
): FollowStep<T> {
  const rateLimited = RateLimitError.is(error)
  if (!(rateLimited || (TaskbridgeError.is(error) && error.retryable))) return { type: 'give-up', state, error }
  const consecutiveErrors = state.consecutiveErrors + 1
  const exhausted = consecutiveErrors > options.maxConsecutiveErrors
  if (exhausted && options.mode === 'once') return { type: 'give-up', state: { ...state, consecutiveErrors }, error }
  // A long-lived follower reports a run of failures once, when a one-shot one would have given up.
  const report = alwaysReport || (exhausted && !state.outageReported)
  const [backedOff, next] = backOff(
    { ...state, consecutiveErrors, outageReported: state.outageReported || exhausted },
    options,
  )
  const problem = report ? error : undefined
  if (!rateLimited) return { type: 'wait', state: next, news: undefined, waitMs: backedOff, problem }
  const pauseMs = Math.min(error.retryAfterMs ?? options.rateLimitPauseMs, MAX_TIMER_MS)
  return { type: 'pause', state: next, pauseMs, waitMs: Math.max(pauseMs, backedOff), problem }
}

function afterStream<T extends Task>(
  changed: boolean,
  state: FollowState<T>,
  options: NextStepOptions<T>,
): FollowStep<T> {
  const idleStreams = changed ? 0 : state.idleStreams + 1
  if (idleStreams >= MAX_IDLE_STREAMS) return { type: 'poll', state: { ...state, idleStreams } }
  // A wait before each resubscribe, even when every stream brought news: a
  // provider that closes each stream at once must not be asked in a hot loop.
  const [waitMs, next] = backOff({ ...state, idleStreams }, options)
  return { type: 'resubscribe', state: next, waitMs }
}

/**
 * The one policy of following a task, pure: given what happened on the last
 * read (`outcome`) and where the follower stood (`state`), what to report and
 * what to do next.
 *
 * - A read that is news ({@link compareTaskStates}) is reported; a read that
 *   satisfies `until` (default: a terminal status) stops, unless it is older
 *   than what was reported. Otherwise wait the current interval (less its
 *   jitter); each wait grows by `backoffFactor` up to `maxIntervalMs`.
 * - A read about another task is a retryable failure that is always reported.
 * - A 429 pauses for its `Retry-After` (or `rateLimitPauseMs`). It counts as a
 *   retryable failure, like any error whose `retryable` is true; other errors
 *   give up at once.
 * - Past `maxConsecutiveErrors` failures in a row, a `once` follower gives
 *   up; a `long-lived` one reports the failure once and keeps backing off
 *   until a read succeeds.
 * - A stream that ended cleanly is resubscribed after a wait; after
 *   {@link MAX_IDLE_STREAMS} in a row without news, polling takes over.
 *
 * @example
 * ```ts
 * const options = { ...resolveFollowOptions({}, 'myFollower'), id: 'task-1', mode: 'once' as const }
 * let state = startFollowing(options)
 * const step = nextStep({ type: 'read', task: await adapter.getTask('task-1') }, state, options)
 * state = step.state
 * ```
 */
export function nextStep<T extends Task = Task>(
  outcome: ReadOutcome<T>,
  state: FollowState<T>,
  options: NextStepOptions<T>,
): FollowStep<T> {
  switch (outcome.type) {
    case 'read':
      return afterRead(outcome.task, state, options)
    case 'failed':
      return afterFailure(outcome.error, state, options)
    case 'stream-ended':
      return afterStream(outcome.changed, state, options)
  }
}
