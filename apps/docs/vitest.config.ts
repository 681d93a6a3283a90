import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.ts'

// A page check drives Chromium (about 6 s idle for the slowest), installed by
// the test command's system-packages step.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 120_000, hookTimeout: 120_000 } }))
