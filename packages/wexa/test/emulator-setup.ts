import type { WexaEmulator } from '@taskbridge/testkit'
import { createWexaAdapter, type WexaAdapterOptions } from '../src/index.js'

/** The adapter options that reach `emulator`: its URL, API key and project. */
export function wexaCredentials(emulator: WexaEmulator) {
  return { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, projectId: emulator.projectId }
}

/** An adapter on `emulator` whose retries wait at most 20 ms, so retried tests stay quick; `options` win. */
export function wexaAdapter(emulator: WexaEmulator, options: WexaAdapterOptions = {}) {
  return createWexaAdapter({ ...wexaCredentials(emulator), retry: { backoffLimitMs: 20 }, ...options })
}
