import { type AnyTaskAdapter, InvalidArgumentError } from '@taskbridge/core'
import {
  BUILT_IN_PROVIDERS,
  builtInProvider,
  type ConnectionFlags,
  createBuiltInAdapter,
  type OrkesResource,
} from './adapters.js'
import { findConfigFile, loadConfigAdapters } from './config.js'

/** The providers one run of the CLI can use: the built-in ones and a config file's adapters. */
export interface AdapterRegistry {
  /**
   * The adapter for a provider name. A config file's adapter wins over a
   * built-in provider of the same name; flags apply to built-in ones only.
   */
  adapterFor(provider: string, flags?: ConnectionFlags, defaultResource?: OrkesResource): Promise<AnyTaskAdapter>
  /** The config file's adapters (none without a config file). */
  custom(): Promise<readonly AnyTaskAdapter[]>
  /** Every provider ready to use: the config file's, and the built-in ones whose required variables are set. */
  configured(env: NodeJS.ProcessEnv): Promise<AnyTaskAdapter[]>
}

/** Whether a built-in provider has every variable it needs. */
export function isConfigured(name: string, env: NodeJS.ProcessEnv): boolean {
  return builtInProvider(name)?.required.every((variable) => Boolean(env[variable])) ?? false
}

/** A registry reading the config file (`--config`, read when first needed, or one in `cwd`) once. */
export function createRegistry(cwd: string, configFlag: () => string | undefined): AdapterRegistry {
  let loading: Promise<readonly AnyTaskAdapter[]> | undefined
  const custom = () => {
    loading ??= (async () => {
      const file = findConfigFile(cwd, configFlag())
      return file === undefined ? [] : loadConfigAdapters(file)
    })()
    return loading
  }
  return {
    custom,
    async adapterFor(provider, flags = {}, defaultResource) {
      const own = (await custom()).find((adapter) => adapter.provider === provider)
      if (own) {
        if (flags.baseUrl !== undefined || flags.resource !== undefined) {
          throw new InvalidArgumentError({
            argument: flags.baseUrl === undefined ? 'resource' : 'base-url',
            message: `"${provider}" comes from the config file: --base-url and --resource apply to built-in providers only; configure the adapter in the file`,
          })
        }
        return own
      }
      const builtIn = builtInProvider(provider)
      if (!builtIn) {
        const known = [...BUILT_IN_PROVIDERS.map((entry) => entry.name), ...(await custom()).map((a) => a.provider)]
        throw new InvalidArgumentError({
          argument: 'provider',
          message: `Unknown provider "${provider}"; choose one of ${known.join(', ')}, or add an adapter in taskbridge.config.mjs`,
        })
      }
      return createBuiltInAdapter(builtIn.name, flags, defaultResource)
    },
    async configured(env) {
      const own = await custom()
      const builtIn = BUILT_IN_PROVIDERS.filter(
        (provider) => isConfigured(provider.name, env) && !own.some((adapter) => adapter.provider === provider.name),
      ).map((provider) => createBuiltInAdapter(provider.name))
      return [...builtIn, ...own]
    },
  }
}
