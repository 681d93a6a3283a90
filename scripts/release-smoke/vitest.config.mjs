import { defineConfig } from 'vitest/config'

// The release smoke test: run by scripts/run-tests.mjs after the build, with
// its report beside the packages' so the summary line counts it.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.test.mjs'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
})
