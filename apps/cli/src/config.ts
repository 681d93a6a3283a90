import { existsSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type AnyTaskAdapter, InvalidArgumentError } from '@taskbridge/core'

/** What a `taskbridge.config.{js,mjs,ts}` file exports by default. */
export interface TaskbridgeConfig {
  /** Adapters the CLI can use by their `provider` name, besides (or instead of) the built-in ones. */
  adapters: readonly AnyTaskAdapter[]
}

/**
 * Types a config file's default export; returns it unchanged.
 *
 * @example
 * ```ts
 * // taskbridge.config.mjs
 * import { defineConfig } from '@taskbridge/cli'
 * import { createJobberAdapter } from './jobber-adapter.js'
 *
 * export default defineConfig({ adapters: [createJobberAdapter()] })
 * ```
 */
export function defineConfig(config: TaskbridgeConfig): TaskbridgeConfig {
  return config
}

/** The file names looked for in the working directory, in this order. */
export const CONFIG_FILE_NAMES: readonly string[] = [
  'taskbridge.config.js',
  'taskbridge.config.mjs',
  'taskbridge.config.ts',
]

/** The config file to load: `--config`, else the first of {@link CONFIG_FILE_NAMES} in `cwd`, else none. */
export function findConfigFile(cwd: string, flag?: string): string | undefined {
  if (flag !== undefined) {
    const file = resolve(cwd, flag)
    if (!existsSync(file)) throw new InvalidArgumentError({ argument: 'config', message: `--config: no file ${file}` })
    return file
  }
  return CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((file) => existsSync(file))
}

function invalid(file: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument: 'config', message: `${file}: ${message}` })
}

function checkAdapters(file: string, config: unknown): readonly AnyTaskAdapter[] {
  const adapters = (config as Partial<TaskbridgeConfig> | undefined)?.adapters
  if (!Array.isArray(adapters)) {
    throw invalid(file, 'the default export must be { adapters: [...] } (see defineConfig in @taskbridge/cli)')
  }
  const names = new Set<string>()
  adapters.forEach((adapter: Partial<AnyTaskAdapter> | undefined, index) => {
    if (typeof adapter?.provider !== 'string' || typeof adapter.getTask !== 'function') {
      throw invalid(file, `adapters[${index}] is not a taskbridge adapter (made with defineAdapter)`)
    }
    if (names.has(adapter.provider)) {
      throw invalid(file, `two adapters are named "${adapter.provider}": give one another name`)
    }
    names.add(adapter.provider)
  })
  return adapters
}

/** Whether this Node can import TypeScript (it strips types itself, natively). */
function canLoadTypeScript(): boolean {
  return Boolean((process.features as { typescript?: string | false }).typescript)
}

/** The adapters a config file exports; a clear usage error when it cannot be loaded. */
export async function loadConfigAdapters(file: string): Promise<readonly AnyTaskAdapter[]> {
  if (extname(file) === '.ts' && !canLoadTypeScript()) {
    throw invalid(
      file,
      `Node ${process.version} cannot load TypeScript files: use Node 22.18+ (or NODE_OPTIONS=--experimental-strip-types on 22.12+), or name the file taskbridge.config.mjs`,
    )
  }
  let loaded: { default?: unknown }
  try {
    loaded = (await import(pathToFileURL(file).href)) as { default?: unknown }
  } catch (error) {
    throw invalid(file, `could not be loaded: ${error instanceof Error ? error.message : String(error)}`)
  }
  return checkAdapters(file, loaded.default)
}
