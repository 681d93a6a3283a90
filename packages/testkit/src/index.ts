export type { EmulatorHarness, HarnessRoutes } from './contract/harness.js'
export { createVirtualClock, DEFAULT_CLOCK_START, type VirtualClock } from './toolkit/clock.js'
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
