import { fileURLToPath } from 'node:url'
import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.ts'

// The examples import the package by name, as a user's code would; here that name is the source.
export default mergeConfig(
  shared,
  defineConfig({
    resolve: { alias: { '@taskbridge/testkit': fileURLToPath(new URL('src/index.ts', import.meta.url)) } },
  }),
)
