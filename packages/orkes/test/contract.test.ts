import { readFileSync } from 'node:fs'
import { type EmulatorHarness, type OrkesEmulator, startOrkesEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createOrkesAdapter } from '../src/index.js'

const retry = { backoffLimitMs: 20 }
// The User-Agent names the version in package.json: a version.ts that drifted from it fails here.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
// The token from the key exchange, whatever it is, travels in X-Authorization.
const headerChecks = { authHeader: 'x-authorization', userAgent: `taskbridge-orkes/${version}` }

runAdapterContract<OrkesEmulator>({
  name: 'orkes (task mode)',
  startEmulator: () => startOrkesEmulator(),
  createAdapter: (emulator) =>
    createOrkesAdapter({ serverUrl: emulator.baseUrl, keyId: emulator.keyId, keySecret: emulator.keySecret, retry }),
  headers: {
    ...headerChecks,
    createAdapter: (emulator, headers) =>
      createOrkesAdapter({
        serverUrl: emulator.baseUrl,
        keyId: emulator.keyId,
        keySecret: emulator.keySecret,
        retry,
        headers,
      }),
  },
})

// Workflow mode runs against the same kind of emulator, through its workflow harness.
let workflowEmulator: OrkesEmulator
const workflowAdapter = (headers?: Record<string, string | undefined>) =>
  createOrkesAdapter({
    serverUrl: `${workflowEmulator.baseUrl}/api`,
    keyId: workflowEmulator.keyId,
    keySecret: workflowEmulator.keySecret,
    resource: 'workflow',
    retry,
    headers,
  })
runAdapterContract<EmulatorHarness>({
  name: 'orkes (workflow mode)',
  startEmulator: async () => {
    workflowEmulator = await startOrkesEmulator()
    return workflowEmulator.workflowHarness()
  },
  createAdapter: () => workflowAdapter(),
  headers: { ...headerChecks, createAdapter: (_harness, headers) => workflowAdapter(headers) },
  startInput: () => ({ name: 'order_fulfillment', version: 1, input: { orderId: 'ord-1' }, correlationId: 'contract' }),
})

runAdapterContract<OrkesEmulator>({
  name: 'orkes (open-source server, no auth, 204 for unknown ids)',
  startEmulator: () => startOrkesEmulator({ requireAuth: false, unknownTaskResponse: 204 }),
  createAdapter: (emulator) => createOrkesAdapter({ serverUrl: emulator.baseUrl, retry }),
})
