import { readFileSync } from 'node:fs'
import { type EmulatorHarness, type OrkesEmulator, startOrkesEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createOrkesTaskAdapter, createOrkesWorkflowAdapter, ORKES_ENV_VARS } from '../src/index.js'
import { ORKES_TASK_OPTIONS_SCHEMA, ORKES_WORKFLOW_OPTIONS_SCHEMA } from '../src/options.js'

const retry = { backoffLimitMs: 20 }
// The User-Agent names the version in package.json: a version.ts that drifted from it fails here.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
// The token from the key exchange, whatever it is, travels in X-Authorization.
const headerChecks = { authHeader: 'x-authorization', userAgent: `taskbridge-orkes/${version}` }
const valid = (emulator: { baseUrl: string; keyId: string; keySecret: string }) => ({
  serverUrl: emulator.baseUrl,
  keyId: emulator.keyId,
  keySecret: emulator.keySecret,
  retry,
})

runAdapterContract<OrkesEmulator>({
  name: 'orkes (task adapter)',
  startEmulator: () => startOrkesEmulator(),
  createAdapter: (emulator) => createOrkesTaskAdapter(valid(emulator)),
  headers: {
    ...headerChecks,
    createAdapter: (emulator, headers) => createOrkesTaskAdapter({ ...valid(emulator), headers }),
  },
  factoryOptions: {
    factory: createOrkesTaskAdapter,
    schema: ORKES_TASK_OPTIONS_SCHEMA,
    valid,
    envVars: ORKES_ENV_VARS,
  },
})

// The workflow adapter runs against the same kind of emulator, through its workflow harness.
let workflowEmulator: OrkesEmulator
const workflowAdapter = (headers?: Record<string, string | undefined>) =>
  createOrkesWorkflowAdapter({ ...valid(workflowEmulator), serverUrl: `${workflowEmulator.baseUrl}/api`, headers })
runAdapterContract<EmulatorHarness>({
  name: 'orkes (workflow adapter)',
  startEmulator: async () => {
    workflowEmulator = await startOrkesEmulator()
    return workflowEmulator.workflowHarness()
  },
  createAdapter: () => workflowAdapter(),
  headers: { ...headerChecks, createAdapter: (_harness, headers) => workflowAdapter(headers) },
  startInput: () => ({ name: 'order_fulfillment', version: 1, input: { orderId: 'ord-1' }, correlationId: 'contract' }),
  factoryOptions: {
    factory: createOrkesWorkflowAdapter,
    schema: ORKES_WORKFLOW_OPTIONS_SCHEMA,
    valid: () => valid(workflowEmulator),
    envVars: ORKES_ENV_VARS,
  },
})

runAdapterContract<OrkesEmulator>({
  name: 'orkes (open-source server, no auth, 204 for unknown ids)',
  startEmulator: () => startOrkesEmulator({ requireAuth: false, unknownTaskResponse: 204 }),
  createAdapter: (emulator) => createOrkesTaskAdapter({ serverUrl: emulator.baseUrl, retry }),
})
