export { createWexaAdapter, WEXA_ROUTES, type WexaAdapterOptions, type WexaRoutes } from './adapter.js'
export { mapWexaStatus, parseWexaTask, WEXA_PROVIDER, WEXA_STATUS_TABLE } from './map.js'
export {
  type WexaConclusion,
  WexaConclusionSchema,
  type WexaExecution,
  type WexaExecutionNode,
  WexaExecutionSchema,
  type WexaTask,
  type WexaTaskPage,
  WexaTaskPageSchema,
  WexaTaskSchema,
} from './schema.js'
