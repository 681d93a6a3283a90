// The documented surface of @taskbridge/core. What taskbridge's own packages
// share beyond it is in `./internal.ts` (`@taskbridge/core/internal`); the
// names that left this file stay below as deprecated aliases until 2.0.
export {
  type AdapterDefinition,
  type AnyTaskAdapter,
  type CallOptions,
  type Capabilities,
  defineAdapter,
  type ListQuery,
  type Operation,
  type OperationTask,
  type TaskAdapter,
  type TaskAdapterFactory,
  type TaskMetadata,
  type TaskOperation,
} from './adapter.js'
export {
  type AdapterName,
  type AdapterNamed,
  type AnswerOf,
  createTaskClient,
  type ListQueryOf,
  type StartInputOf,
  type TaskClient,
  type TaskClientOptions,
  type TaskOf,
} from './client.js'
export {
  onTaskbridgeDebug,
  type TaskbridgeDebugListener,
  type TaskbridgeDebugRecord,
} from './debug.js'
export * from './deprecated.js'
export * from './errors/index.js'
export {
  type ChangeVerdict,
  compareTaskStates,
  FOLLOW_DEFAULTS,
  type FollowMode,
  type FollowOptions,
  type FollowState,
  type FollowStep,
  type NextStepOptions,
  nextStep,
  type ReadOutcome,
  type ResolvedFollowOptions,
  resolveFollowOptions,
  startFollowing,
} from './follow/index.js'
export { MAX_JSON_DEPTH } from './json.js'
export { type NodeRequestLike, type NodeResponseLike, toNodeListener } from './node-listener.js'
export { REDACTED } from './redact.js'
export {
  TASK_REQUEST_KINDS,
  type TaskAnswer,
  type TaskRequest,
  type TaskRequestChoice,
  type TaskRequestKind,
  TaskRequestSchema,
  validateTaskAnswer,
} from './request.js'
export type { StartCallOptions, StartOptions } from './start.js'
export { isActive, isSuccessful, isTaskStatus, isTerminal, TASK_STATUSES, TaskStatus } from './status.js'
export type { Jsonified, JsonifiedObject, StoredTask } from './stored-task.js'
export {
  TASK_REASONS,
  type Task,
  type TaskFailure,
  type TaskOutput,
  type TaskOutputFormat,
  type TaskReason,
  TaskSchema,
} from './task.js'
export { type WaitForTaskOptions, waitForTask } from './wait.js'
export { type WatchableAdapter, type WatchTaskOptions, watchTask } from './watch.js'
export {
  createWebhookHandler,
  DEFAULT_WEBHOOK_MEMORY,
  type WebhookHandlerOptions,
  type WebhookStateStore,
  type WebhookTaskState,
} from './webhook.js'
