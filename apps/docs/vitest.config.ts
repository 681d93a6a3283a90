import { configDefaults, defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.ts'

// The checks that need only the built packages: turbo runs them while the
// site builds. The page check needs the built site: it has its own config
// (vitest.site.config.ts) and turbo task (`test:site`).
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'test/pages.test.ts'],
      // Compiling every snippet, then running some against the emulators in real time, on a loaded machine.
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  }),
)
