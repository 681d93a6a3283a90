import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.ts'

// A page check drives Chromium (about 6 s idle for the slowest); the setup may
// first install Chromium with apt-get, which takes minutes on a cold machine.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 120_000, hookTimeout: 600_000 } }))
