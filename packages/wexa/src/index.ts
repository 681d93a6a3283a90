export {
  createWexaAdapter,
  WEXA_ROUTES,
  type WexaAdapter,
  type WexaAdapterOptions,
  type WexaListQuery,
  type WexaRoutes,
  type WexaStartInput,
} from './adapter.js'
export {
  answeredExecution,
  isWexaTaskWaiting,
  validateWexaAnswer,
  WEXA_INPUT_REQUIRED,
  type WexaAnswer,
  type WexaInboxType,
  wexaInboxBody,
  wexaRequestOf,
} from './answer.js'
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
