import { startXpanderEmulator, XPANDER_SEED_AGENT_IDS, type XpanderEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createXpanderAdapter, XPANDER_ENV_VARS } from '../src/index.js'
import { XPANDER_OPTIONS_SCHEMA } from '../src/options.js'

const valid = (emulator: XpanderEmulator) => ({
  baseUrl: emulator.baseUrl,
  eventsBaseUrl: emulator.url,
  apiKey: emulator.apiKey,
  retry: { backoffLimitMs: 20 },
})

runAdapterContract<XpanderEmulator>({
  name: 'xpander',
  startEmulator: () => startXpanderEmulator(),
  createAdapter: (emulator) => createXpanderAdapter(valid(emulator)),
  startInput: () => ({ agentId: XPANDER_SEED_AGENT_IDS.writer, text: 'Draft the release notes' }),
  factoryOptions: { factory: createXpanderAdapter, schema: XPANDER_OPTIONS_SCHEMA, valid, envVars: XPANDER_ENV_VARS },
})
