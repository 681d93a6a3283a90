export {
  createXpanderAdapter,
  type XpanderAdapter,
  type XpanderListQuery,
  type XpanderStartInput,
} from './adapter.js'
export {
  mapXpanderStatus,
  parseXpanderTask,
  XPANDER_PROVIDER,
  XPANDER_STATUS_TABLE,
  type XpanderMapOptions,
  type XpanderTaskMetadata,
  type XpanderTaskResult,
} from './map.js'
export { XPANDER_ENV_VARS, type XpanderAdapterOptions } from './options.js'
export { xpanderRequestOf } from './request.js'
export {
  type XpanderEcaRequest,
  type XpanderHitlRequest,
  type XpanderInput,
  type XpanderTask,
  type XpanderTaskEvent,
  XpanderTaskEventSchema,
  type XpanderTaskPage,
  XpanderTaskPageSchema,
  XpanderTaskSchema,
  type XpanderUser,
} from './schema.js'
