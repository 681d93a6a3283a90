// Providers send times three ways: Wexa unix seconds as floats, Orkes epoch
// milliseconds with 0 for "not set", xpander ISO 8601 strings with
// microseconds. Each helper returns undefined for a missing or unusable value
// rather than an Invalid Date.

function validDate(ms: number): Date | undefined {
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/**
 * Unix seconds, possibly fractional (`1745216425.41182`), to a `Date`,
 * truncated to the millisecond as ISO strings with microseconds are. The
 * microsecond added first absorbs float error (`1745216425.41 * 1000` is
 * `…409.9998`).
 */
export function fromUnixSeconds(value: unknown): Date | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined
  return validDate(Math.floor(value * 1000 + 0.001))
}

/** Epoch milliseconds to a `Date`; `0` (the Orkes "not set") gives `undefined`. */
export function fromEpochMillis(value: unknown): Date | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined
  return validDate(Math.round(value))
}

/** An ISO 8601 string (any number of fraction digits) to a `Date`; digits past milliseconds are dropped. */
export function fromIsoString(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value === '') return undefined
  return validDate(Date.parse(value))
}
