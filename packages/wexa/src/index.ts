// The documented surface of @taskbridge/wexa. The names that left it stay as
// deprecated aliases until 2.0.
export {
  createWexaAdapter,
  type WexaAdapter,
  type WexaListQuery,
  type WexaStartInput,
} from './adapter.js'
export type { WexaAnswer, WexaInboxType } from './answer.js'
export * from './deprecated.js'
export {
  mapWexaStatus,
  parseWexaTask,
  WEXA_PROVIDER,
  WEXA_STATUS_TABLE,
  type WexaExecutionSummary,
  type WexaTaskMetadata,
  type WexaTaskResult,
} from './map.js'
export { WEXA_ENV_VARS, WEXA_ROUTES, type WexaAdapterOptions, type WexaRoutes } from './options.js'
export {
  type WexaConclusion,
  WexaConclusionSchema,
  type WexaExecuteFlowAnswer,
  WexaExecuteFlowAnswerSchema,
  type WexaExecution,
  type WexaExecutionNode,
  WexaExecutionSchema,
  type WexaTask,
  type WexaTaskPage,
  type WexaTaskPagePayload,
  WexaTaskPageSchema,
  type WexaTaskPayload,
  WexaTaskSchema,
} from './schema.js'
