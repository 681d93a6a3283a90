// The documented surface of @taskbridge/xpander. The names that left it stay as
// deprecated aliases until 2.0.
export {
  createXpanderAdapter,
  type XpanderAdapter,
  type XpanderListQuery,
  type XpanderStartInput,
} from './adapter.js'
export * from './deprecated.js'
export {
  mapXpanderStatus,
  parseXpanderTask,
  parseXpanderTaskListItem,
  XPANDER_PROVIDER,
  XPANDER_STATUS_TABLE,
  type XpanderMapOptions,
  type XpanderTaskMetadata,
  type XpanderTaskParser,
  type XpanderTaskResult,
} from './map.js'
export { XPANDER_ENV_VARS, type XpanderAdapterOptions } from './options.js'
export {
  type XpanderEcaRequest,
  type XpanderHitlRequest,
  type XpanderInput,
  type XpanderTask,
  type XpanderTaskEvent,
  type XpanderTaskEventPayload,
  XpanderTaskEventSchema,
  type XpanderTaskPage,
  type XpanderTaskPagePayload,
  XpanderTaskPageSchema,
  type XpanderTaskPayload,
  XpanderTaskSchema,
  type XpanderUser,
} from './schema.js'
