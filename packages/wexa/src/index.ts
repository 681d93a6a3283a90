// The documented surface of @taskbridge/wexa. The names that left it stay as
// deprecated aliases until 2.0.
export {
  createWexaAdapter,
  WEXA_ROUTES,
  type WexaAdapter,
  type WexaAdapterOptions,
  type WexaListQuery,
  type WexaRoutes,
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
