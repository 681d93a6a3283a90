import { InvalidArgumentError } from '@taskbridge/core'

/** Where {@link loadSetting} looks for a value. */
export interface SettingSource {
  /** The value given as an option; wins when set. */
  value: string | undefined
  /** The environment variable read when the option is not set. */
  envVar: string
  /** The option's name, for the error message. */
  optionName: string
  /** The adapter's provider name, for the error message. */
  provider: string
}

function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
  const value = env?.[name]
  return value === undefined || value.trim() === '' ? undefined : value
}

/** The option if set, else the environment variable, else `undefined`. */
export function loadOptionalSetting(source: Omit<SettingSource, 'optionName' | 'provider'>): string | undefined {
  if (source.value !== undefined && source.value.trim() !== '') return source.value
  return readEnv(source.envVar)
}

/**
 * The option if set, else the environment variable. Throws an
 * `InvalidArgumentError` naming both when neither is set.
 *
 * Call it when a request is made, not when the adapter is created, so that
 * creating an adapter never fails for a missing variable.
 */
export function loadSetting(source: SettingSource): string {
  const value = loadOptionalSetting(source)
  if (value !== undefined) return value
  throw new InvalidArgumentError({
    provider: source.provider,
    argument: source.optionName,
    message: `Missing required option \`${source.optionName}\`: pass it to the adapter or set the ${source.envVar} environment variable`,
  })
}

/**
 * {@link loadSetting} as a function to call at request time, the form auth
 * helpers and `baseUrl` take.
 *
 * @example
 * ```ts
 * auth: bearerAuth(lazySetting({ value: options.apiKey, envVar: 'ACME_API_KEY', optionName: 'apiKey', provider: 'acme' }))
 * ```
 */
export function lazySetting(source: SettingSource): () => string {
  return () => loadSetting(source)
}
