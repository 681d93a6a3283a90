export {
  A2A_EMULATOR_ANSWER,
  A2A_EMULATOR_QUESTION,
  A2A_EMULATOR_ROUTES,
  A2A_PROVIDER_STATUSES,
  A2A_TASK_LIFECYCLE,
  type A2AEmulator,
  type A2AEmulatorOptions,
  startA2AEmulator,
} from './a2a/emulator.js'
export { rejectionOf, thrownBy } from './assert.js'
export type { EmulatorHarness, HarnessRoutes } from './contract/harness.js'
export { startMcpEmulator } from './mcp/emulator.js'
export { startMcpExtensionEmulator } from './mcp/extension.js'
export { MCP_EMULATOR_ROUTES, MCP_EMULATOR_TOOL, type McpEmulator, type McpEmulatorOptions } from './mcp/http.js'
export {
  MCP_EMULATOR_ANSWER,
  MCP_EMULATOR_QUESTION,
  MCP_INPUT_REQUESTS,
  MCP_PROVIDER_STATUSES,
  MCP_TASK_LIFECYCLE,
  type McpEmulatorOutcome,
} from './mcp/store.js'
export {
  ORKES_REGISTERED_WORKFLOWS,
  ORKES_SEED_TASK_ID,
  ORKES_SEED_WORKFLOW_ID,
  type OrkesEmulator,
  type OrkesEmulatorOptions,
  type OrkesUnknownTaskResponse,
  startOrkesEmulator,
} from './orkes/emulator.js'
export {
  ORKES_TASK_STATUSES,
  ORKES_WORKFLOW_STATUSES,
  type OrkesErrorResponse,
  type OrkesSearchResult,
  type OrkesTaskPayload,
  type OrkesTaskStatus,
  type OrkesTaskSummary,
  type OrkesWorkflowPayload,
  type OrkesWorkflowStatus,
  type OrkesWorkflowSummary,
} from './orkes/payloads.js'
export { ORKES_SEED_TASK_JSON } from './orkes/seed-data.js'
export {
  createRealTimeClock,
  createVirtualClock,
  DEFAULT_CLOCK_START,
  type EmulatorClock,
  type EmulatorClockOption,
  type RealTimeClockOptions,
  resolveClock,
  type VirtualClock,
} from './toolkit/clock.js'
export {
  applyTaskFault,
  createFaultController,
  type Fault,
  type FaultController,
  type FaultOptions,
  UNKNOWN_STATUS_VALUE,
} from './toolkit/faults.js'
export {
  type EmulatorMethod,
  type EmulatorReply,
  type EmulatorRequest,
  type EmulatorServer,
  type EmulatorServerOptions,
  type RecordedRequest,
  type RouteDefinition,
  startEmulatorServer,
} from './toolkit/server.js'
export {
  createTaskStore,
  type LifecycleStep,
  type StoredTask,
  type TaskStore,
  type TaskStoreOptions,
} from './toolkit/store.js'
export * from './wexa/emulator.js'
export { startXpanderEmulator, type XpanderEmulator, type XpanderEmulatorOptions } from './xpander/emulator.js'
export {
  XPANDER_OUTPUT_FORMATS,
  XPANDER_STATUSES,
  type XpanderTaskListItem,
  type XpanderTaskPayload,
} from './xpander/payloads.js'
export {
  XPANDER_DEFAULT_ORGANIZATION_ID,
  XPANDER_OTHER_ORGANIZATION_ID,
  XPANDER_SEED_AGENT_IDS,
  XPANDER_SEED_TASK_IDS,
} from './xpander/seed-data.js'
