import { defineConfig } from 'vitest/config'

// Only the screenshots, without the suite's JSON report.
export default defineConfig({ test: { include: ['scripts/screenshots.test.ts'] } })
