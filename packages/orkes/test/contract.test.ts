import { type EmulatorHarness, type OrkesEmulator, startOrkesEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createOrkesTaskAdapter, createOrkesWorkflowAdapter } from '../src/index.js'

const retry = { backoffLimitMs: 20 }

runAdapterContract<OrkesEmulator>({
  name: 'orkes (task mode)',
  startEmulator: () => startOrkesEmulator(),
  createAdapter: (emulator) =>
    createOrkesTaskAdapter({
      serverUrl: emulator.baseUrl,
      keyId: emulator.keyId,
      keySecret: emulator.keySecret,
      retry,
    }),
})

// Workflow mode runs against the same kind of emulator, through its workflow harness.
let workflowEmulator: OrkesEmulator
runAdapterContract<EmulatorHarness>({
  name: 'orkes (workflow mode)',
  startEmulator: async () => {
    workflowEmulator = await startOrkesEmulator()
    return workflowEmulator.workflowHarness()
  },
  createAdapter: () =>
    createOrkesWorkflowAdapter({
      serverUrl: `${workflowEmulator.baseUrl}/api`,
      keyId: workflowEmulator.keyId,
      keySecret: workflowEmulator.keySecret,
      retry,
    }),
  startInput: () => ({ name: 'order_fulfillment', version: 1, input: { orderId: 'ord-1' }, correlationId: 'contract' }),
})

runAdapterContract<OrkesEmulator>({
  name: 'orkes (open-source server, no auth, 204 for unknown ids)',
  startEmulator: () => startOrkesEmulator({ requireAuth: false, unknownTaskResponse: 204 }),
  createAdapter: (emulator) => createOrkesTaskAdapter({ serverUrl: emulator.baseUrl, retry }),
})
