import { startXpanderEmulator, XPANDER_SEED_AGENT_IDS, type XpanderEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createXpanderAdapter } from '../src/index.js'

runAdapterContract<XpanderEmulator>({
  name: 'xpander',
  startEmulator: () => startXpanderEmulator(),
  createAdapter: (emulator) =>
    createXpanderAdapter({
      baseUrl: emulator.baseUrl,
      eventsBaseUrl: emulator.url,
      apiKey: emulator.apiKey,
      retry: { backoffLimitMs: 20 },
    }),
  startInput: () => ({ agentId: XPANDER_SEED_AGENT_IDS.writer, text: 'Draft the release notes' }),
})
