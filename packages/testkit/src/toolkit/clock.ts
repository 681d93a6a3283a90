/**
 * The emulators' notion of "now". Tasks advance through their statuses as
 * this clock moves: on a virtual clock only when a test moves it (never by
 * sleeping, so tests are fast and exact); on a real-time clock with the wall
 * clock too, so an app can follow tasks as it would on the real provider.
 */
export interface EmulatorClock {
  /** The current time in epoch milliseconds. */
  now(): number
  /** Moves time forward, on top of any real time that passes. */
  advance(ms: number): void
  /** Jumps to an absolute time (never backwards). */
  set(epochMs: number): void
}

/** The clock type under its first name, from when every emulator clock was virtual; the same as {@link EmulatorClock}. */
export type VirtualClock = EmulatorClock

/** The default start: a fixed instant, so payload timestamps are reproducible. */
export const DEFAULT_CLOCK_START: number = Date.UTC(2026, 0, 1, 9, 0, 0)

/** Options of {@link createRealTimeClock}. */
export interface RealTimeClockOptions {
  /** Emulated milliseconds per real millisecond: `10` runs a 5 s task in half a second. Default 1. */
  speed?: number
  /** The time the clock starts at, in epoch milliseconds. Default: now (`Date.now()`). */
  startMs?: number
}

/**
 * How an emulator keeps time: `'virtual'` (the default: time moves only with
 * `clock.advance`), `'real-time'` (with the wall clock), `{ realTime: { speed } }`
 * (with the wall clock, `speed` times faster), or a clock you made and share.
 */
export type EmulatorClockOption = 'virtual' | 'real-time' | { realTime: RealTimeClockOptions } | EmulatorClock

function checkAdvance(ms: number): void {
  if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`clock.advance: ms must be ≥ 0, got ${ms}`)
}

/** A clock that moves only when told to. */
export function createVirtualClock(startMs: number = DEFAULT_CLOCK_START): EmulatorClock {
  let current = startMs
  return {
    now: () => current,
    advance(ms) {
      checkAdvance(ms)
      current += ms
    },
    set(epochMs) {
      if (epochMs < current) throw new RangeError('clock.set: the virtual clock never goes backwards')
      current = epochMs
    },
  }
}

/**
 * A clock that moves with real time, `speed` times faster, measured with the
 * monotonic `performance.now()` so a change of the system time cannot move it
 * backwards. `advance` and `set` still jump it forward.
 *
 * @example
 * ```ts
 * const clock = createRealTimeClock({ speed: 10 })
 * await using wexa = await startWexaEmulator({ clock })
 * ```
 */
export function createRealTimeClock(options: RealTimeClockOptions = {}): EmulatorClock {
  const speed = options.speed ?? 1
  if (!(Number.isFinite(speed) && speed > 0)) throw new RangeError(`real-time clock: speed must be > 0, got ${speed}`)
  const startMs = options.startMs ?? Date.now()
  const origin = performance.now()
  let jumpedMs = 0
  const now = () => Math.floor(startMs + (performance.now() - origin) * speed + jumpedMs)
  return {
    now,
    advance(ms) {
      checkAdvance(ms)
      jumpedMs += ms
    },
    set(epochMs) {
      const current = now()
      if (epochMs < current) throw new RangeError('clock.set: the clock never goes backwards')
      jumpedMs += epochMs - current
    },
  }
}

/** The clock an emulator's `clock` option asks for; a new virtual clock when none is given. */
export function resolveClock(option: EmulatorClockOption = 'virtual'): EmulatorClock {
  if (option === 'virtual') return createVirtualClock()
  if (option === 'real-time') return createRealTimeClock()
  if ('realTime' in option) return createRealTimeClock(option.realTime)
  return option
}
