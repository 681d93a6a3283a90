// The documented surface of @taskbridge/orkes. The names that left it stay as
// deprecated aliases until 2.0.
export { createOrkesAdapter, type OrkesAdapterOptions, type OrkesResource } from './adapter.js'
export * from './deprecated.js'
export {
  mapOrkesTaskStatus,
  mapOrkesWorkflowStatus,
  ORKES_PROVIDER,
  ORKES_TASK_STATUS_TABLE,
  ORKES_WORKFLOW_STATUS_TABLE,
  type OrkesTaskMetadata,
  type OrkesTaskResult,
  type OrkesWorkflowMetadata,
  type OrkesWorkflowResult,
  type OrkesWorkflowTask,
  parseOrkesTask,
  parseOrkesWorkflow,
} from './map.js'
export {
  ORKES_ENV_VARS,
  type OrkesCredentials,
  type OrkesTaskAdapterOptions,
  type OrkesWorkflowAdapterOptions,
} from './options.js'
export {
  type OrkesSearchPage,
  OrkesSearchPageSchema,
  type OrkesTask,
  type OrkesTaskPayload,
  OrkesTaskSchema,
  type OrkesTime,
  type OrkesWorkflow,
  type OrkesWorkflowPayload,
  OrkesWorkflowSchema,
} from './schema.js'
export type { OrkesListQuery } from './search.js'
export { createOrkesTaskAdapter, type OrkesTaskAdapter } from './task-adapter.js'
export type { OrkesWait } from './waits.js'
export {
  type OrkesWebhookOptions,
  type OrkesWorkflowNotification,
  parseOrkesTaskWebhook,
  parseOrkesWebhook,
  parseOrkesWorkflowWebhook,
} from './webhook.js'
export {
  createOrkesWorkflowAdapter,
  type OrkesIdempotencyStrategy,
  type OrkesStartInput,
  type OrkesWorkflowAdapter,
} from './workflow-adapter.js'
