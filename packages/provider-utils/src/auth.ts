import { InvalidArgumentError } from '@taskbridge/core'
import { abortable } from '@taskbridge/core/internal'

/** How a client authenticates its requests. */
export interface Auth {
  /** The headers for the next request; called before each one, so credentials can be read lazily. */
  headers(signal?: AbortSignal): Record<string, string> | Promise<Record<string, string>>
  /**
   * Called once after a 401, with the headers that were refused: returns
   * whether to send the request again (with fresh credentials).
   */
  refresh?(rejected: Record<string, string>): boolean | Promise<boolean>
  /**
   * Credentials this auth holds besides the headers it sends (a key secret
   * that is exchanged for a token): a server may still echo them, so they
   * are redacted from every answer and error too.
   */
  secrets?(): readonly (string | undefined)[]
}

type Lazy<T> = T | (() => T)

function resolve<T>(value: Lazy<T>): T {
  return typeof value === 'function' ? (value as () => T)() : value
}

/** Sends a credential in a header of its own, such as `x-api-key`. The value may be a function, read per request. */
export function headerAuth(name: string, value: Lazy<string>): Auth {
  return { headers: () => ({ [name]: resolve(value) }) }
}

/** Sends `Authorization: Bearer <token>`. The token may be a function, read per request. */
export function bearerAuth(token: Lazy<string>): Auth {
  return { headers: () => ({ authorization: `Bearer ${resolve(token)}` }) }
}

/** A token and when it stops being valid. */
export interface TokenGrant {
  token: string
  /** Epoch milliseconds; when absent, the JWT's `exp` is used, else `defaultTtlMs`. */
  expiresAt?: number
}

/** Options of {@link tokenAuth}. */
export interface TokenAuthOptions {
  /**
   * Exchanges credentials for a token; `null` means the server needs no
   * authentication. One exchange serves every waiting request, so it gets no
   * caller's signal: give it a timeout of its own.
   */
  fetchToken(): Promise<TokenGrant | null>
  /** The header that carries the token. */
  header: string
  /** Turns the token into the header value. Default: the token as is. */
  format?: (token: string) => string
  /**
   * Fetch a new token this long before the old one expires, but never
   * earlier than halfway through its life, so a short-lived token is still
   * reused. Default 60 s.
   */
  refreshMarginMs?: number
  /** How long a token lives when neither the grant nor the token says: more than 0 ms. Default 30 minutes. */
  defaultTtlMs?: number
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number
}

/** The `exp` claim of a JWT, in epoch milliseconds, when the token is a readable JWT. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1]
  if (!payload) return undefined
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/')
    const claims: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')))
    const exp = (claims as { exp?: unknown }).exp
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined
  } catch {
    return undefined
  }
}

/** A time option of {@link tokenAuth}: a number of milliseconds from `min`, or absent. */
function checkMs(name: string, value: number | undefined, min: number): number | undefined {
  if (value === undefined || (typeof value === 'number' && Number.isFinite(value) && value >= min)) return value
  throw new InvalidArgumentError({
    argument: name,
    message: `${name} must be a number of milliseconds from ${min}, got ${typeof value === 'number' ? value : typeof value}`,
  })
}

/**
 * Authenticates with a token obtained by an exchange (such as Orkes'
 * `POST /api/token`), fetched lazily on the first request, shared by
 * concurrent requests (one exchange, not one per request), renewed shortly
 * before it expires and once after a 401.
 */
export function tokenAuth(options: TokenAuthOptions): Auth {
  const now = options.now ?? Date.now
  const refreshMarginMs = checkMs('refreshMarginMs', options.refreshMarginMs, 0) ?? 60_000
  const defaultTtlMs = checkMs('defaultTtlMs', options.defaultTtlMs, 1) ?? 30 * 60_000
  const format = options.format ?? ((token: string) => token)
  let cached: { token: string | null; refreshAt: number } | undefined
  let pending: Promise<string | null> | undefined

  const exchange = (): Promise<string | null> => {
    pending ??= options
      .fetchToken()
      .then((grant) => {
        const receivedAt = now()
        const expiresAt = grant
          ? (grant.expiresAt ?? jwtExpiry(grant.token) ?? receivedAt + defaultTtlMs)
          : Number.POSITIVE_INFINITY
        const margin = Math.min(refreshMarginMs, Math.max(0, (expiresAt - receivedAt) / 2))
        cached = { token: grant?.token ?? null, refreshAt: expiresAt - margin }
        return cached.token
      })
      .finally(() => {
        pending = undefined
      })
    return pending
  }

  return {
    async headers(signal) {
      const fresh = cached && now() < cached.refreshAt
      const token = fresh && cached ? cached.token : await abortable(exchange(), signal)
      return token === null ? {} : { [options.header]: format(token) }
    },
    refresh(rejected) {
      if (cached?.token === null) return false
      // Only the refused token is dropped: when many requests failed with it
      // at once, the first renews it and the others resend with the new one.
      if (cached === undefined || rejected[options.header] === format(cached.token)) cached = undefined
      return true
    },
  }
}
