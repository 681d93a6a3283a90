import { readFileSync } from 'node:fs'
import { startXpanderEmulator, XPANDER_SEED_AGENT_IDS, type XpanderEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createXpanderAdapter, XPANDER_ENV_VARS } from '../src/index.js'
import { XPANDER_OPTIONS_SCHEMA } from '../src/options.js'

// The User-Agent names the version in package.json: a version.ts that drifted from it fails here.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

const valid = (emulator: XpanderEmulator) => ({
  baseUrl: emulator.baseUrl,
  eventsBaseUrl: emulator.url,
  apiKey: emulator.apiKey,
  retry: { backoffLimitMs: 20 },
})
const adapterFor = (emulator: XpanderEmulator, headers?: Record<string, string | undefined>) =>
  createXpanderAdapter({ ...valid(emulator), headers })

runAdapterContract<XpanderEmulator>({
  name: 'xpander',
  startEmulator: () => startXpanderEmulator(),
  createAdapter: (emulator) => adapterFor(emulator),
  headers: {
    createAdapter: adapterFor,
    authHeader: 'x-api-key',
    authValue: (emulator) => emulator.apiKey,
    userAgent: `taskbridge-xpander/${version}`,
  },
  factoryOptions: { factory: createXpanderAdapter, schema: XPANDER_OPTIONS_SCHEMA, valid, envVars: XPANDER_ENV_VARS },
  startInput: () => ({ agentId: XPANDER_SEED_AGENT_IDS.writer, text: 'Draft the release notes' }),
})
