import type { WexaEmulator } from '@taskbridge/testkit'

/** The adapter options that reach `emulator`: its URL, API key and project. */
export function wexaCredentials(emulator: WexaEmulator) {
  return { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, projectId: emulator.projectId }
}
