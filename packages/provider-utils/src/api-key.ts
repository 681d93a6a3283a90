import { type Auth, bearerAuth, headerAuth } from './auth.js'
import { type AdapterHttpOptions, createHttpClient, type ErrorMapping, type HttpClient } from './http.js'
import { lazySetting } from './settings.js'

/** The options of an adapter for a provider that takes an API key: the HTTP options plus `apiKey` and `baseUrl`. */
export interface ApiKeyAdapterOptions extends AdapterHttpOptions {
  /** The API key. Default: the provider's environment variable, read at request time. */
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
  errors?: ErrorMapping
}

/**
 * The HTTP client of an API-key provider: the adapter's options, the
 * provider's default base URL, and the key (from `apiKey` or the environment
 * variable, read when a request is made) in its header.
 *
 * @example
 * ```ts
 * const http = createApiKeyHttpClient('acme', options, { baseUrl: 'https://api.acme.dev', envVar: 'ACME_API_KEY', header: 'x-api-key' })
 * ```
 */
export function createApiKeyHttpClient(
  provider: string,
  options: ApiKeyAdapterOptions,
  defaults: ApiKeyProvider,
): HttpClient {
  const apiKey = lazySetting({ value: options.apiKey, envVar: defaults.envVar, optionName: 'apiKey', provider })
  const header = defaults.header ?? 'bearer'
  const auth: Auth = header === 'bearer' ? bearerAuth(apiKey) : headerAuth(header, apiKey)
  const baseUrl = (options.baseUrl ?? defaults.baseUrl).replace(/\/+$/, '')
  return createHttpClient({ ...options, provider, baseUrl, auth, errors: defaults.errors })
}
