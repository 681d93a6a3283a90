// Checks of the options adapters are created with. Each failure is an
// InvalidArgumentError (never retryable) naming the option; values are
// described by their type or number, never quoted, since an option may hold
// a credential.
import { InvalidArgumentError } from '@taskbridge/core'
import type { HttpClientOptions, HttpMethod } from './http-types.js'

/** The largest delay `setTimeout` (and so ky) accepts. */
export const MAX_TIMER_MS: number = 2 ** 31 - 1

const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
/** An HTTP field name: an RFC 9110 token. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** What no header value can hold: NUL, CR, LF, or anything past Latin-1. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects.
const UNSENDABLE_IN_HEADER = /[\u0000\r\n\u0100-\uffff]/
const RETRY_KEYS: ReadonlySet<string> = new Set(['limit', 'methods', 'maxRetryAfterMs', 'backoffLimitMs'])

const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
const DEFAULT_RETRY_LIMIT = 2
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000
const DEFAULT_BACKOFF_LIMIT_MS = 10_000

/** A value as an error may show it: numbers and booleans as they are, anything else by its type. */
function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

function invalid(provider: string, argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError({ provider, argument, message: `${argument} ${message}` })
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** The options object of a factory: `undefined` becomes `{}`, anything but a plain object is refused. */
export function checkOptionsObject<Options extends object>(provider: string, options: Options | undefined): Options {
  if (options === undefined) return {} as Options
  if (!isPlainObject(options)) throw invalid(provider, 'options', `must be an object, got ${shown(options)}`)
  return options
}

/** An optional string option: `undefined`, or a string; anything else is an `InvalidArgumentError` naming it. */
export function checkStringOption(provider: string, name: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value
  throw invalid(provider, name, `must be a string, got ${shown(value)}`)
}

/**
 * An optional option sent as a header value (an API key, a token): a string
 * without NUL, CR or LF and with Latin-1 characters only, which is all a
 * header can carry. The value is never quoted.
 */
export function checkHeaderValueOption(provider: string, name: string, value: unknown): string | undefined {
  const text = checkStringOption(provider, name, value)
  if (text !== undefined && UNSENDABLE_IN_HEADER.test(text)) {
    throw invalid(
      provider,
      name,
      'cannot be sent in an HTTP header: it holds a line break, a NUL or a character outside Latin-1',
    )
  }
  return text
}

/** Headers that can be sent: valid names, and string (or `undefined`) values a header can carry. */
export function checkHeaders(provider: string, argument: string, headers: unknown): void {
  if (headers === undefined) return
  if (!isPlainObject(headers))
    throw invalid(provider, argument, `must be an object of header names and values, got ${shown(headers)}`)
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw invalid(provider, argument, 'holds a name that is not a valid HTTP header name')
    if (value !== undefined) checkHeaderValueOption(provider, `${argument}["${name}"]`, value)
  }
}

/** An optional number option in a range; `whole` asks for an integer. */
function checkNumber(
  provider: string,
  name: string,
  value: unknown,
  range: { min: number; max: number; minExclusive?: boolean; whole?: boolean },
): number | undefined {
  if (value === undefined) return undefined
  const inRange =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range.minExclusive ? value > range.min : value >= range.min) &&
    value <= range.max &&
    (!range.whole || Number.isInteger(value))
  if (inRange) return value
  const kind = range.whole ? 'a whole number' : 'a number'
  const lower = range.minExclusive ? `greater than ${range.min}` : `from ${range.min}`
  throw invalid(provider, name, `must be ${kind} ${lower} up to ${range.max}, got ${shown(value)}`)
}

/** A positive time in milliseconds, up to what a timer can wait: `timeoutMs` and the like. */
export function checkDurationOption(provider: string, name: string, value: unknown): number | undefined {
  return checkNumber(provider, name, value, { min: 0, minExclusive: true, max: MAX_TIMER_MS })
}

/** The settings of an HTTP client, checked and with their defaults. */
export interface HttpSettings {
  timeoutMs: number
  maxResponseBytes: number
  retryLimit: number
  retryMethods: ReadonlySet<HttpMethod>
  maxRetryAfterMs: number
  backoffLimitMs: number
  allowInsecureHttp: boolean
  trustedHosts: readonly string[]
}

function checkRetry(
  provider: string,
  retry: unknown,
): Omit<HttpSettings, 'timeoutMs' | 'maxResponseBytes' | 'allowInsecureHttp' | 'trustedHosts'> {
  if (retry === false) retry = { limit: 0 }
  if (retry === undefined) retry = {}
  if (!isPlainObject(retry)) throw invalid(provider, 'retry', `must be an object or false, got ${shown(retry)}`)
  for (const key of Object.keys(retry)) {
    if (!RETRY_KEYS.has(key))
      throw invalid(
        provider,
        'retry',
        `has no option "${key.replace(/[^\w$-]/g, '?')}": use ${[...RETRY_KEYS].join(', ')}`,
      )
  }
  const methods = retry.methods ?? ['GET']
  if (!Array.isArray(methods) || !methods.every((method) => typeof method === 'string' && HTTP_METHODS.has(method))) {
    throw invalid(
      provider,
      'retry.methods',
      `must be an array of ${[...HTTP_METHODS].join(', ')}, got ${shown(methods)}`,
    )
  }
  return {
    retryLimit:
      checkNumber(provider, 'retry.limit', retry.limit, { min: 0, max: Number.MAX_SAFE_INTEGER, whole: true }) ??
      DEFAULT_RETRY_LIMIT,
    retryMethods: new Set(methods as HttpMethod[]),
    maxRetryAfterMs:
      checkNumber(provider, 'retry.maxRetryAfterMs', retry.maxRetryAfterMs, { min: 0, max: MAX_TIMER_MS }) ??
      DEFAULT_MAX_RETRY_AFTER_MS,
    backoffLimitMs:
      checkDurationOption(provider, 'retry.backoffLimitMs', retry.backoffLimitMs) ?? DEFAULT_BACKOFF_LIMIT_MS,
  }
}

/**
 * Checks every option of an HTTP client (so of every adapter that passes
 * them through) and fills in the defaults. A string `baseUrl` is checked by
 * the client itself.
 */
export function checkHttpOptions(options: HttpClientOptions): HttpSettings {
  if (!isPlainObject(options))
    throw new InvalidArgumentError({ argument: 'options', message: 'options must be an object' })
  const { provider } = options
  if (typeof provider !== 'string' || provider.trim() === '') {
    throw new InvalidArgumentError({ argument: 'provider', message: 'provider must be a non-empty name' })
  }
  if (typeof options.baseUrl !== 'string' && typeof options.baseUrl !== 'function') {
    throw invalid(provider, 'baseUrl', `must be a URL string, got ${shown(options.baseUrl)}`)
  }
  checkHeaders(provider, 'headers', options.headers)
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw invalid(provider, 'fetch', `must be a fetch function, got ${shown(options.fetch)}`)
  }
  if (options.allowInsecureHttp !== undefined && typeof options.allowInsecureHttp !== 'boolean') {
    throw invalid(provider, 'allowInsecureHttp', `must be true or false, got ${shown(options.allowInsecureHttp)}`)
  }
  const { trustedHosts } = options
  if (
    trustedHosts !== undefined &&
    !(Array.isArray(trustedHosts) && trustedHosts.every((host) => typeof host === 'string' && host.trim() !== ''))
  ) {
    throw invalid(provider, 'trustedHosts', 'must be an array of host names')
  }
  if (options.auth !== undefined && typeof options.auth?.headers !== 'function') {
    throw invalid(provider, 'auth', 'must have a headers() function')
  }
  return {
    timeoutMs: checkDurationOption(provider, 'timeoutMs', options.timeoutMs) ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes:
      checkNumber(provider, 'maxResponseBytes', options.maxResponseBytes, {
        min: 0,
        minExclusive: true,
        max: Number.MAX_SAFE_INTEGER,
      }) ?? DEFAULT_MAX_RESPONSE_BYTES,
    allowInsecureHttp: options.allowInsecureHttp ?? false,
    trustedHosts: trustedHosts ?? [],
    ...checkRetry(provider, options.retry),
  }
}
