import { startWexaEmulator, type WexaEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createWexaAdapter } from '../src/index.js'

runAdapterContract<WexaEmulator>({
  name: 'wexa',
  startEmulator: () => startWexaEmulator(),
  createAdapter: (emulator) =>
    createWexaAdapter({
      baseUrl: emulator.baseUrl,
      apiKey: emulator.apiKey,
      projectId: emulator.projectId,
      retry: { backoffLimitMs: 20 },
    }),
})
