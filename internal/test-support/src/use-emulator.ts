// One emulator per test file, the way every adapter's tests use one: the
// same server for all its tests (starting one costs more than a test), and
// each test starting from the seeded state.
import { afterAll, afterEach, beforeAll } from 'vitest'

/** What `useEmulator` needs of an emulator; every testkit emulator has it. */
export interface ResettableEmulator {
  reset(): void
  close(): Promise<void>
}

/**
 * Starts an emulator before the file's tests and hands it to `started`,
 * resets it after each test and closes it after the last.
 */
export function useEmulator<E extends ResettableEmulator>(
  start: () => Promise<E>,
  started: (emulator: E) => void,
): void {
  let emulator: E | undefined
  beforeAll(async () => {
    emulator = await start()
    started(emulator)
  })
  afterEach(() => emulator?.reset())
  afterAll(async () => {
    await emulator?.close()
  })
}
