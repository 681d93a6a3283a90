import type { OrkesEmulator } from '@taskbridge/testkit'

/** The adapter options that reach `emulator`: its server URL and its application key. */
export function orkesCredentials(emulator: OrkesEmulator) {
  return { serverUrl: emulator.baseUrl, keyId: emulator.keyId, keySecret: emulator.keySecret }
}
