import { defineConfig } from 'vitest/config'

// The release smoke test: turbo runs it once every published package is built
// (they are its devDependencies), with its report beside the packages' so the
// summary line counts it. setup.mjs publishes the packages and installs the
// runtimes once for both test files.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.test.mjs'],
    globalSetup: ['setup.mjs'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
})
