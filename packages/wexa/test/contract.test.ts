import { startWexaEmulator, type WexaEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createWexaAdapter, WEXA_ENV_VARS } from '../src/index.js'
import { WEXA_OPTIONS_SCHEMA } from '../src/options.js'

const valid = (emulator: WexaEmulator) => ({
  baseUrl: emulator.baseUrl,
  apiKey: emulator.apiKey,
  projectId: emulator.projectId,
  retry: { backoffLimitMs: 20 },
})

runAdapterContract<WexaEmulator>({
  name: 'wexa',
  startEmulator: () => startWexaEmulator(),
  createAdapter: (emulator) => createWexaAdapter(valid(emulator)),
  startInput: () => ({ agentflowId: '67f8c1e2a3b4c5d6e7f80910', goal: 'Write a short market report' }),
  factoryOptions: { factory: createWexaAdapter, schema: WEXA_OPTIONS_SCHEMA, valid, envVars: WEXA_ENV_VARS },
})
