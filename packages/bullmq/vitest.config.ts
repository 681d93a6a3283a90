import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.ts'

// These tests spawn worker processes and a Redis server, and the first may
// install redis-server with apt-get.
export default mergeConfig(
  shared,
  defineConfig({
    test: { testTimeout: 180_000, hookTimeout: 600_000 },
  }),
)
