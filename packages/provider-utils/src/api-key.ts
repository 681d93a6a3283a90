import * as z from 'zod/mini'
import { type Auth, bearerAuth, headerAuth } from './auth.js'
import { createHttpClient } from './http.js'
import type { AdapterHttpOptions, ErrorMapping, HttpClient } from './http-types.js'
import { adapterOptionsSchema, headerValueOption, urlOptionsCheck } from './option-schemas.js'
import { resolveOptions } from './resolve-options.js'

/** The options of an adapter for a provider that takes an API key: the HTTP options plus `apiKey` and `baseUrl`. */
export interface ApiKeyAdapterOptions extends AdapterHttpOptions {
  /** The API key. Default: the provider's environment variable, read when the adapter is created. */
  apiKey?: string
  /** The API's base URL. Default: the provider's public API. */
  baseUrl?: string
}

/** What {@link createApiKeyHttpClient} needs to know about the provider. */
export interface ApiKeyProvider {
  /** The default base URL. */
  baseUrl: string
  /** The environment variable that holds the key when `apiKey` is not given. */
  envVar: string
  /** `bearer` (the default) sends `Authorization: Bearer <key>`; anything else is the header that carries the key. */
  header?: string
  /** How the provider reports errors: its error body's message, and what means "no such task". */
  errors?: ErrorMapping
  /** The User-Agent: the adapter's package and version, `taskbridge-<adapter>/<version>`. */
  userAgent?: string
  /** The factory's name as users call it (`createAcmeAdapter`), named by every option error. */
  factory?: string
  /**
   * The factory's whole options schema, when it takes more than
   * {@link ApiKeyAdapterOptions} (build it with `adapterOptionsSchema`).
   * Default: exactly those options; any other key is refused.
   */
  schema?: z.ZodMiniType<ApiKeyAdapterOptions>
}

const apiKeyOptionsSchema = adapterOptionsSchema({
  apiKey: z.optional(headerValueOption),
  baseUrl: z.optional(z.string()),
}).check(urlOptionsCheck(['baseUrl']))

/**
 * The HTTP client of an API-key provider: the adapter's options, the
 * provider's default base URL, and the key (from `apiKey`, else the
 * environment variable, read now) in its header. Every option is checked now
 * against one strict schema (`apiKey` must be a string a header can carry),
 * so a bad one fails when the adapter is created; a missing key fails the
 * first request, with an `InvalidArgumentError` naming the option and the
 * variable.
 *
 * @example
 * ```ts
 * const http = createApiKeyHttpClient('acme', options, { baseUrl: 'https://api.acme.dev', envVar: 'ACME_API_KEY', header: 'x-api-key', factory: 'createAcmeAdapter' })
 * ```
 */
export function createApiKeyHttpClient(
  provider: string,
  options: ApiKeyAdapterOptions,
  defaults: ApiKeyProvider,
): HttpClient {
  const resolved = resolveOptions(
    {
      factory: defaults.factory ?? '',
      provider,
      schema: defaults.schema ?? apiKeyOptionsSchema,
      env: [{ option: 'apiKey', name: defaults.envVar, required: true }],
    },
    options,
  )
  const apiKey = () => resolved.require('apiKey')
  const header = defaults.header ?? 'bearer'
  const auth: Auth = header === 'bearer' ? bearerAuth(apiKey) : headerAuth(header, apiKey)
  const baseUrl = (resolved.options.baseUrl ?? defaults.baseUrl).replace(/\/+$/, '')
  return createHttpClient({
    ...resolved.options,
    provider,
    baseUrl,
    auth,
    errors: defaults.errors,
    userAgent: defaults.userAgent,
  })
}
