// The documented surface of @taskbridge/a2a. The names that left it stay as
// deprecated aliases until 2.0.
export {
  type A2AAdapter,
  type A2AListQuery,
  type A2AStartInput,
  createA2AAdapter,
} from './adapter.js'
export {
  type A2AAgentCard,
  A2AAgentCardSchema,
  type A2ABinding,
} from './card.js'
export * from './deprecated.js'
export { type A2AStreamEvent, mergeA2AUpdate, parseA2AStreamEvent } from './events.js'
export {
  A2A_PROVIDER,
  A2A_REASON_TABLE,
  A2A_STATUS_TABLE,
  type A2AProtocolVersion,
  type A2ATaskMetadata,
  type A2ATaskResult,
  mapA2AStatus,
  parseA2ATask,
} from './map.js'
export { A2A_ENV_VARS, type A2AAdapterOptions } from './options.js'
export { A2A_NOTIFICATION_TOKEN_HEADER, type A2APushOptions, readA2APushNotification } from './push.js'
export {
  type A2AArtifact,
  A2AArtifactSchema,
  type A2AArtifactUpdate,
  A2AArtifactUpdateSchema,
  type A2AMessage,
  type A2APart,
  type A2AStatusUpdate,
  A2AStatusUpdateSchema,
  type A2ATask,
  type A2ATaskPage,
  type A2ATaskPagePayload,
  A2ATaskPageSchema,
  type A2ATaskPayload,
  A2ATaskSchema,
  type A2ATaskStatus,
  type A2ATaskStatusPayload,
} from './schema.js'
