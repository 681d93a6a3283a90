import { type Auth, bearerAuth, headerAuth } from './auth.js'
import { createHttpClient } from './http.js'
import type { AdapterHttpOptions, ErrorMapping, HttpClient } from './http-types.js'
import { checkHeaderValueOption, checkOptionsObject, checkStringOption } from './options.js'
import { loadSetting } from './settings.js'

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
  /** How the provider reports errors: its error body's message, and what means "no such task". */
  errors?: ErrorMapping
  /** The User-Agent: the adapter's package and version, `taskbridge-<adapter>/<version>`. */
  userAgent?: string
}

/**
 * The HTTP client of an API-key provider: the adapter's options, the
 * provider's default base URL, and the key (from `apiKey` or the environment
 * variable, read when a request is made) in its header. Every option is
 * checked now (`apiKey` must be a string a header can carry), so a bad one
 * fails when the adapter is created; a key from the environment is checked
 * when it is read.
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
  const checked = checkOptionsObject(provider, options)
  const source = {
    value: checkHeaderValueOption(provider, 'apiKey', checked.apiKey),
    envVar: defaults.envVar,
    optionName: 'apiKey',
    provider,
  }
  const apiKey = () => checkHeaderValueOption(provider, `apiKey (${defaults.envVar})`, loadSetting(source)) as string
  const header = defaults.header ?? 'bearer'
  const auth: Auth = header === 'bearer' ? bearerAuth(apiKey) : headerAuth(header, apiKey)
  const baseUrl = (checkStringOption(provider, 'baseUrl', checked.baseUrl) ?? defaults.baseUrl).replace(/\/+$/, '')
  return createHttpClient({
    ...checked,
    provider,
    baseUrl,
    auth,
    errors: defaults.errors,
    userAgent: defaults.userAgent,
  })
}
