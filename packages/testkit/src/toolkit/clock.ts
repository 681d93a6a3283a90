/**
 * The emulators' notion of "now". Tasks advance through their statuses when a
 * test moves this clock, never by sleeping, so tests are fast and exact.
 */
export interface VirtualClock {
  /** The current time in epoch milliseconds. */
  now(): number
  /** Moves time forward. */
  advance(ms: number): void
  /** Jumps to an absolute time (never backwards). */
  set(epochMs: number): void
}

/** The default start: a fixed instant, so payload timestamps are reproducible. */
export const DEFAULT_CLOCK_START: number = Date.UTC(2026, 0, 1, 9, 0, 0)

/** A clock that moves only when told to. */
export function createVirtualClock(startMs: number = DEFAULT_CLOCK_START): VirtualClock {
  let current = startMs
  return {
    now: () => current,
    advance(ms) {
      if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`clock.advance: ms must be ≥ 0, got ${ms}`)
      current += ms
    },
    set(epochMs) {
      if (epochMs < current) throw new RangeError('clock.set: the virtual clock never goes backwards')
      current = epochMs
    },
  }
}
