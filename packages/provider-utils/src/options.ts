// The options of an HTTP client, checked against the shared option schemas,
// and the older one-option checks kept for adapters written against them.
import { InvalidArgumentError } from '@taskbridge/core'
import * as z from 'zod/mini'
import type { HttpClientOptions, HttpMethod } from './http-types.js'
import { BASE_ADAPTER_OPTION_SHAPE, durationOption, headerValueOption } from './option-schemas.js'
import { resolveOptions } from './resolve-options.js'

const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
const DEFAULT_RETRY_LIMIT = 2
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000
const DEFAULT_BACKOFF_LIMIT_MS = 10_000

/** One option checked against its schema; the error names `name` (and the provider), never the value. */
function checkOne<T>(provider: string, name: string, schema: z.ZodMiniType<T>, value: unknown): T {
  const { options } = resolveOptions({ factory: '', provider, schema: z.object({ [name]: schema }) }, { [name]: value })
  return (options as Record<string, T>)[name] as T
}

/**
 * The options object of a factory: `undefined` becomes `{}`, anything but a plain object is refused.
 * @deprecated Declare the options in one strict schema (`adapterOptionsSchema`) and resolve them with `resolveOptions`.
 */
export function checkOptionsObject<Options extends object>(provider: string, options: Options | undefined): Options {
  return resolveOptions({ factory: '', provider, schema: z.looseObject({}) }, options).options as Options
}

/**
 * An optional string option: `undefined`, or a string; anything else is an `InvalidArgumentError` naming it.
 * @deprecated Declare the option as `z.optional(z.string())` in the factory's schema and resolve it with `resolveOptions`.
 */
export function checkStringOption(provider: string, name: string, value: unknown): string | undefined {
  return checkOne(provider, name, z.optional(z.string()), value)
}

/**
 * An optional option sent as a header value (an API key, a token): a string
 * without NUL, CR or LF and with Latin-1 characters only. The value is never quoted.
 * @deprecated Declare the option as `z.optional(headerValueOption)` in the factory's schema and resolve it with `resolveOptions`.
 */
export function checkHeaderValueOption(provider: string, name: string, value: unknown): string | undefined {
  return checkOne(provider, name, z.optional(headerValueOption), value)
}

/**
 * A positive time in milliseconds, up to what a timer can wait: `timeoutMs` and the like.
 * @deprecated Declare the option as `z.optional(durationOption)` in the factory's schema and resolve it with `resolveOptions`.
 */
export function checkDurationOption(provider: string, name: string, value: unknown): number | undefined {
  return checkOne(provider, name, z.optional(durationOption), value)
}

/** Headers that can be sent: valid names, and string (or `undefined`) values a header can carry. */
export function checkHeaders(provider: string, argument: string, headers: unknown): void {
  checkOne(provider, argument, BASE_ADAPTER_OPTION_SHAPE.headers, headers)
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

// Loose: adapters pass their whole options through, already checked by their own strict schema.
const HttpClientOptionsSchema = z.looseObject({
  ...BASE_ADAPTER_OPTION_SHAPE,
  baseUrl: z.union([z.string(), z.custom<() => string>((value) => typeof value === 'function')]),
  auth: z.optional(
    z.custom((value) => typeof (value as { headers?: unknown } | null | undefined)?.headers === 'function', {
      message: 'must have a headers() function',
    }),
  ),
})

/**
 * Checks every option of an HTTP client (so of every adapter that passes
 * them through) and fills in the defaults. A string `baseUrl` is checked by
 * the client itself.
 */
export function checkHttpOptions(options: HttpClientOptions): HttpSettings {
  const provider = (options as { provider?: unknown } | null | undefined)?.provider
  if (typeof provider !== 'string' || provider.trim() === '') {
    throw new InvalidArgumentError({ argument: 'provider', message: 'provider must be a non-empty name' })
  }
  const spec = { factory: 'createHttpClient', provider, schema: HttpClientOptionsSchema }
  const checked = resolveOptions(spec, options).options
  const retry = checked.retry === false ? { limit: 0 } : (checked.retry ?? {})
  return {
    timeoutMs: checked.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: checked.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    allowInsecureHttp: checked.allowInsecureHttp ?? false,
    trustedHosts: checked.trustedHosts ?? [],
    retryLimit: retry.limit ?? DEFAULT_RETRY_LIMIT,
    retryMethods: new Set(retry.methods ?? ['GET']),
    maxRetryAfterMs: retry.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
    backoffLimitMs: retry.backoffLimitMs ?? DEFAULT_BACKOFF_LIMIT_MS,
  }
}
