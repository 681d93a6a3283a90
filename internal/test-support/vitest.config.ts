import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.ts'

// The launcher tests start redis-server and Chromium: ample room on a loaded machine.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 120_000, hookTimeout: 120_000 } }))
