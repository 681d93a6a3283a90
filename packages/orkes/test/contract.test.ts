import { type EmulatorHarness, type OrkesEmulator, startOrkesEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createOrkesTaskAdapter, createOrkesWorkflowAdapter, ORKES_ENV_VARS } from '../src/index.js'
import { ORKES_TASK_OPTIONS_SCHEMA, ORKES_WORKFLOW_OPTIONS_SCHEMA } from '../src/options.js'

const retry = { backoffLimitMs: 20 }
const valid = (emulator: { baseUrl: string; keyId: string; keySecret: string }) => ({
  serverUrl: emulator.baseUrl,
  keyId: emulator.keyId,
  keySecret: emulator.keySecret,
  retry,
})

runAdapterContract<OrkesEmulator>({
  name: 'orkes (task mode)',
  startEmulator: () => startOrkesEmulator(),
  createAdapter: (emulator) => createOrkesTaskAdapter(valid(emulator)),
  factoryOptions: {
    factory: createOrkesTaskAdapter,
    schema: ORKES_TASK_OPTIONS_SCHEMA,
    valid,
    envVars: ORKES_ENV_VARS,
  },
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
