// How long a 429 or 503 asks the client to wait, from its headers: used by
// the retries (to refuse a wait too long) and by `RateLimitError.retryAfterMs`.

/** `Retry-After` (delay seconds or an HTTP date) in milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

// Epoch seconds before 2024 cannot be told from a delay in seconds; ky draws the line there too.
const RESET_TIMESTAMP_FLOOR_MS = Date.parse('2024-01-01')

/** A rate-limit reset header: delay seconds, or (`epoch`) epoch seconds of the reset. */
function parseResetHeader(value: string, epoch: boolean, now: number): number | undefined {
  if (!/^\d+$/.test(value.trim())) return undefined
  const ms = Number(value) * 1000
  return epoch && ms >= RESET_TIMESTAMP_FLOOR_MS ? Math.max(0, ms - now) : ms
}

/**
 * How long an answer (a 429 or 503) asks the client to wait, in
 * milliseconds from `now`: its `Retry-After` when it has one, else the
 * rate-limit headers ky's retries also honour, in ky's order:
 * `RateLimit-Reset`, `X-RateLimit-Retry-After`, then `X-RateLimit-Reset` or
 * `X-Rate-Limit-Reset` (delay seconds; the reset headers may also give the
 * reset as epoch seconds). `undefined` when none says.
 *
 * @example
 * ```ts
 * const waitMs = retryDelayOf(new Headers({ 'ratelimit-reset': '30' })) // 30000
 * ```
 */
export function retryDelayOf(headers: Headers, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after')
  if (retryAfter !== null) return parseRetryAfter(retryAfter, now)
  const reset = headers.get('ratelimit-reset')
  if (reset !== null) return parseResetHeader(reset, true, now)
  const retryAfterAlias = headers.get('x-ratelimit-retry-after')
  if (retryAfterAlias !== null) return parseResetHeader(retryAfterAlias, false, now)
  const resetAlias = headers.get('x-ratelimit-reset') ?? headers.get('x-rate-limit-reset')
  return resetAlias === null ? undefined : parseResetHeader(resetAlias, true, now)
}
