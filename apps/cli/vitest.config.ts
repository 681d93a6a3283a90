import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.ts'

// Each test runs the built CLI as its own process, some of them several times
// (about 3.5 s idle for the slowest): ample room for a loaded 2-core machine.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 120_000 } }))
