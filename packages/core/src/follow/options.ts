import { InvalidArgumentError } from '../errors/invalid-argument-error.js'

/**
 * How every follower of tasks waits and gives up: {@link watchTask},
 * {@link waitForTask}, `createTaskWatcher` and the distributed watcher read
 * these options, with the same defaults ({@link FOLLOW_DEFAULTS}).
 */
export interface FollowOptions {
  /** The first wait between two reads. Default 1000 ms. */
  intervalMs?: number | undefined
  /** The longest wait between two reads, so also the longest a finished task goes unnoticed. Default 6000 ms. */
  maxIntervalMs?: number | undefined
  /** How much each wait grows over the one before (after a read and after a failure). Default 2. */
  backoffFactor?: number | undefined
  /** The share of each wait that is randomised away (0 to 1), so many followers do not read in step. Default 0.2. */
  jitter?: number | undefined
  /**
   * Retryable errors in a row (429s included) that are waited out. The next
   * one ends a one-shot follower ({@link waitForTask} throws it); a
   * long-lived watcher reports it once as an outage and keeps reading. An
   * integer from 0. Default 3.
   */
  maxConsecutiveErrors?: number | undefined
  /** How long to pause after a 429 that did not say how long to wait. Default 1000 ms. */
  rateLimitPauseMs?: number | undefined
}

/** {@link FollowOptions} with every default applied, as {@link resolveFollowOptions} returns them. */
export type ResolvedFollowOptions = { readonly [K in keyof FollowOptions]-?: number }

// Tuned on a 60 s task (bench/src/polling.ts): with at most 6 s between reads
// its end is noticed within 10 % of its run, and doubling up to that cap takes
// 14 or 15 reads, a quarter of reading every second. (15 s and ×1.5 noticed it
// up to 14 s late: jitter only shortens waits, so reads drifted to just before
// the end and the next came a whole 15 s wait later.)
/** The defaults of {@link FollowOptions}, shared by every follower. */
export const FOLLOW_DEFAULTS: ResolvedFollowOptions = Object.freeze({
  intervalMs: 1000,
  maxIntervalMs: 6000,
  backoffFactor: 2,
  jitter: 0.2,
  maxConsecutiveErrors: 3,
  rateLimitPauseMs: 1000,
})

/** The largest delay `setTimeout` accepts; Node turns a larger one into 1 ms, a hot loop. */
export const MAX_TIMER_MS: number = 2 ** 31 - 1

/** Each option's lowest value, whether it must be an integer, and its highest value. */
const RANGES: Record<keyof FollowOptions, { minimum: number; maximum: number; integer?: boolean }> = {
  intervalMs: { minimum: 1, maximum: MAX_TIMER_MS },
  maxIntervalMs: { minimum: 1, maximum: MAX_TIMER_MS },
  backoffFactor: { minimum: 1, maximum: MAX_TIMER_MS },
  jitter: { minimum: 0, maximum: 1 },
  maxConsecutiveErrors: { minimum: 0, maximum: MAX_TIMER_MS, integer: true },
  rateLimitPauseMs: { minimum: 1, maximum: MAX_TIMER_MS },
}

/**
 * Checks {@link FollowOptions} and applies {@link FOLLOW_DEFAULTS}, so a bad
 * option fails before anything is sent. `label` names the function the caller
 * used (`'watchTask'`, `'createTaskWatcher'`) in the message.
 *
 * @throws {InvalidArgumentError} naming the option, when one is out of range.
 */
export function resolveFollowOptions(
  options: FollowOptions,
  label: string,
  provider?: string | undefined,
): ResolvedFollowOptions {
  const resolved: Record<string, number> = {}
  for (const name of Object.keys(RANGES) as (keyof FollowOptions)[]) {
    const value: unknown = options[name]
    const { minimum, maximum, integer } = RANGES[name]
    if (value === undefined) {
      resolved[name] = FOLLOW_DEFAULTS[name]
      continue
    }
    const inRange = typeof value === 'number' && Number.isFinite(value) && value >= minimum && value <= maximum
    if (!inRange || (integer && !Number.isInteger(value))) {
      throw new InvalidArgumentError({
        argument: name,
        message: `${label}: ${name} must be ${integer ? 'an integer' : 'a number'} from ${minimum} to ${maximum}, got ${String(value)}`,
        ...(provider === undefined ? {} : { provider }),
      })
    }
    resolved[name] = value
  }
  return resolved as ResolvedFollowOptions
}
