import { defineConfig } from 'vitest/config'

// Every package's tests write a JSON report that scripts/run-tests.mjs sums
// into the one `tests: N passed, M failed` line CI reads.
//
// Most tests start loopback servers or talk to emulators; CI runs them on a
// loaded 2-core machine, beside other packages' tests. The slowest such test
// needs about 1.5 s idle, so 60 s leaves it ample room; tests that spawn
// processes or browsers raise it in their own config.
export const testTimeoutMs = 60_000

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    restoreMocks: true,
    unstubEnvs: true,
    testTimeout: testTimeoutMs,
    hookTimeout: testTimeoutMs,
  },
})
