import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.ts'

// These tests spawn worker processes and a redis-server (installed by the
// test command's system-packages step).
export default mergeConfig(
  shared,
  defineConfig({
    test: { testTimeout: 180_000, hookTimeout: 120_000 },
  }),
)
