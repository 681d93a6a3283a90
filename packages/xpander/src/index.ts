export {
  createXpanderAdapter,
  type XpanderAdapter,
  type XpanderAdapterOptions,
  type XpanderListQuery,
} from './adapter.js'
export {
  mapXpanderStatus,
  parseXpanderTask,
  XPANDER_PROVIDER,
  XPANDER_STATUS_TABLE,
  type XpanderMapOptions,
} from './map.js'
export {
  type XpanderEcaRequest,
  type XpanderHitlRequest,
  type XpanderInput,
  type XpanderTask,
  type XpanderTaskPage,
  XpanderTaskPageSchema,
  XpanderTaskSchema,
  type XpanderUser,
} from './schema.js'
