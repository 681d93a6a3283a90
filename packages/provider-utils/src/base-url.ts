// Checks of the base URL requests are sent to. A base URL is never quoted in
// an error: one that does not parse may still hold a credential.
import { InvalidArgumentError } from '@taskbridge/core'

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1'])
const IPV4_LOOPBACK = /^127(\.\d{1,3}){3}$/

/** Options of {@link checkBaseUrl}. */
export interface BaseUrlCheck {
  /** The adapter's provider name, for the error. */
  provider: string
  /** The option the URL came from, named in the error. Default `baseUrl`. */
  argument?: string
  /** Allow `http://` to hosts other than loopback. */
  allowInsecureHttp?: boolean
}

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || IPV4_LOOPBACK.test(hostname)
}

/**
 * Parses and checks a base URL, throwing an `InvalidArgumentError` that names
 * the option (and never quotes the URL) when it is not an absolute `http(s)`
 * URL, holds a user name or password, a query string or a `#fragment`
 * (request paths are appended to the base, so either would swallow them), or
 * is plain `http://` to a host other than loopback without
 * `allowInsecureHttp`.
 *
 * @example
 * ```ts
 * checkBaseUrl('https://api.acme.dev/v1', { provider: 'acme' }) // URL
 * ```
 */
export function checkBaseUrl(baseUrl: unknown, check: BaseUrlCheck): URL {
  const { provider } = check
  const argument = check.argument ?? 'baseUrl'
  const invalid = (problem: string) =>
    new InvalidArgumentError({ provider, argument, message: `${argument} ${problem}` })
  if (typeof baseUrl !== 'string') throw invalid(`must be a URL string, got ${typeof baseUrl}`)
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw invalid('is not a valid absolute URL (it is not shown, since it may hold a credential)')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    // The scheme is not shown: a credential pasted where the URL goes parses as one (`sk_live_…:`).
    throw invalid('must use http or https (the scheme given is not shown, since it may hold a credential)')
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid('must not contain a user name or password: pass credentials through the adapter’s options')
  }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(baseUrl)) {
    throw invalid(
      'must not have a query string or #fragment: request paths are appended to it; pass query parameters and credentials through the adapter’s options',
    )
  }
  if (url.protocol === 'http:' && !check.allowInsecureHttp && !isLoopback(url.hostname)) {
    throw invalid(
      `must use https for ${url.hostname}: plain http:// would send credentials unencrypted (set allowInsecureHttp: true to allow it)`,
    )
  }
  return url
}

/** The request URL: the base, the path after it, and the query (`undefined` values left out, arrays repeated). */
export function buildUrl(
  base: URL,
  path: string,
  query: Record<string, string | number | boolean | undefined | readonly (string | number)[]> | undefined,
): URL {
  const url = new URL(base.href.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`))
  for (const name in query) {
    const value = query[name]
    if (value === undefined) continue
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, String(item))
    else url.searchParams.set(name, String(value))
  }
  return url
}
