import { readFileSync } from 'node:fs'
import { startWexaEmulator, type WexaEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createWexaAdapter, WEXA_ENV_VARS } from '../src/index.js'
import { WEXA_OPTIONS_SCHEMA } from '../src/options.js'

// The User-Agent names the version in package.json: a version.ts that drifted from it fails here.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

const valid = (emulator: WexaEmulator) => ({
  baseUrl: emulator.baseUrl,
  apiKey: emulator.apiKey,
  projectId: emulator.projectId,
  retry: { backoffLimitMs: 20 },
})
const adapterFor = (emulator: WexaEmulator, headers?: Record<string, string | undefined>) =>
  createWexaAdapter({ ...valid(emulator), headers })

runAdapterContract<WexaEmulator>({
  name: 'wexa',
  startEmulator: () => startWexaEmulator(),
  createAdapter: (emulator) => adapterFor(emulator),
  headers: {
    createAdapter: adapterFor,
    authHeader: 'x-api-key',
    authValue: (emulator) => emulator.apiKey,
    userAgent: `taskbridge-wexa/${version}`,
  },
  factoryOptions: { factory: createWexaAdapter, schema: WEXA_OPTIONS_SCHEMA, valid, envVars: WEXA_ENV_VARS },
  startInput: () => ({ agentflowId: '67f8c1e2a3b4c5d6e7f80910', goal: 'Write a short market report' }),
})
