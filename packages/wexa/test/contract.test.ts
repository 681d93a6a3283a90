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
  startInput: () => ({ agentflowId: '67f8c1e2a3b4c5d6e7f80910', goal: 'Write a short market report' }),
})
