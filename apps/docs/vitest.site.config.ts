import { defineConfig } from 'vitest/config'
import shared from '../../vitest.shared.ts'

// The page check (test/pages.test.ts) opens the built site in Chromium, so
// turbo runs it (`test:site`) after the docs build, and it leaves its own
// report, which scripts/test-summary.mjs counts beside reports/vitest.json.
// A page check drives Chromium (about 6 s idle for the slowest), installed by
// the test command's system-packages step.
export default defineConfig({
  test: {
    ...shared.test,
    include: ['test/pages.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.site.json' }]],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
