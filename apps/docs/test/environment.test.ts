// The environment variable table (guide/environment.data.ts) comes from the
// adapters' exported lists, as the CLI gathers them; this keeps each list
// equal to the names the adapter's sources mention, and each option real.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'
import { BUILT_IN_PROVIDERS } from '../../cli/src/adapters.js'

function adapterSource(provider: string): string {
  const folder = fileURLToPath(new URL(`../../../packages/${provider}/src/`, import.meta.url))
  return readdirSync(folder)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(folder, file), 'utf8'))
    .join('\n')
}

describe('the environment variables of the built-in providers', () => {
  it.for(BUILT_IN_PROVIDERS.map((provider) => provider.name))(
    '%s: the CLI lists exactly the variables its adapter reads',
    (provider, { expect }) => {
      const prefix = provider.toUpperCase()
      const read = new Set(
        [...adapterSource(provider).matchAll(new RegExp(`'(${prefix}_[A-Z_]+)'`, 'g'))].map((match) => match[1]),
      )
      const listed = BUILT_IN_PROVIDERS.find((entry) => entry.name === provider)?.env ?? []
      expect(new Set(listed)).toEqual(read)
    },
  )

  it.for(
    BUILT_IN_PROVIDERS.flatMap((provider) =>
      provider.variables.map(({ name, option }) => [provider.name, name, option]),
    ),
  )('%s: %s stands for an option of the adapter', ([provider, , option], { expect }) => {
    expect(adapterSource(provider as string)).toMatch(new RegExp(`\\b${option}\\?:`))
  })
})
