import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.ts'

// Most tests run the CLI in this process (test/run-cli.ts); a few start the
// built bin, or `taskbridge emulate`, as a process of their own, some of them
// several times: ample room for a loaded 2-core machine.
//
// The files mostly wait on loopback servers and timers, not on the CPU, so
// they run side by side, as many as there are cores (Vitest's default leaves
// one core out, which on 2 cores runs them one after another).
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 120_000, maxWorkers: '100%' } }))
