import { defineConfig } from 'vitest/config'

// Every package's tests write a JSON report that scripts/run-tests.mjs sums
// into the one `tests: N passed, M failed` line CI reads.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    restoreMocks: true,
    unstubEnvs: true,
  },
})
