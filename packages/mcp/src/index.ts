// The documented surface of @taskbridge/mcp. The names that left it stay as
// deprecated aliases until 2.0.
export {
  createMcpAdapter,
  type McpAdapter,
  type McpAdapterOptions,
  type McpStartInput,
} from './adapter.js'
export * from './deprecated.js'
export {
  MCP_PROVIDER,
  MCP_REASON_TABLE,
  MCP_STATUS_TABLE,
  type McpTaskForm,
  type McpTaskMetadata,
  type McpTaskResult,
  mapMcpStatus,
  parseMcpTask,
} from './map.js'
export { MCP_ENV_VARS } from './options.js'
export type { McpAnswer } from './request.js'
export {
  type McpContent,
  type McpErrorObject,
  type McpTask,
  type McpTaskPayload,
  McpTaskSchema,
  type McpTaskWithResult,
  type McpTaskWithResultPayload,
  type McpToolResult,
  McpToolResultSchema,
} from './schema.js'
export { MCP_PROTOCOL_VERSION, MCP_TASKS_EXTENSION } from './session.js'
