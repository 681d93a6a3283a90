// Providers send times three ways: Wexa unix seconds as floats, Orkes epoch
// milliseconds with 0 for "not set", xpander ISO 8601 strings with
// microseconds. Each helper returns undefined for a missing or unusable value
// rather than an Invalid Date, and for a date outside the years 0000–9999:
// JSON writes those with a six-digit year that no ISO 8601 reader (core's
// TaskSchema included) takes back, so a Task holding one would not survive
// being stored. Such a date is a unit mistake (milliseconds sent as seconds)
// more often than a real one.

/** The earliest time a Task can hold: 0000-01-01T00:00:00.000Z. */
const EARLIEST_MS = -62_167_219_200_000
/** The latest time a Task can hold: 9999-12-31T23:59:59.999Z. */
const LATEST_MS = 253_402_300_799_999

/** Whether `date` is a valid Date within the years 0000–9999, which JSON writes in a form it reads back. */
export function isStorableDate(date: unknown): date is Date {
  if (!(date instanceof Date)) return false
  const time = date.getTime()
  return time >= EARLIEST_MS && time <= LATEST_MS
}

function validDate(ms: number): Date | undefined {
  const date = new Date(ms)
  return isStorableDate(date) ? date : undefined
}

/** The earliest of some dates (absent ones skipped); a loop, so any number of them can be given. */
export function earliestDate(dates: Iterable<Date | undefined>): Date | undefined {
  let found: Date | undefined
  for (const date of dates) if (date && (!found || date.getTime() < found.getTime())) found = date
  return found
}

/** The latest of some dates (absent ones skipped); a loop, so any number of them can be given. */
export function latestDate(dates: Iterable<Date | undefined>): Date | undefined {
  let found: Date | undefined
  for (const date of dates) if (date && (!found || date.getTime() > found.getTime())) found = date
  return found
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
