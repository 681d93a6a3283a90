import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.ts'

// The browser check starts Chromium (and may install it first): more time than unit tests.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 60_000, hookTimeout: 180_000 } }))
