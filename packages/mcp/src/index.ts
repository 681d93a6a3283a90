export {
  createMcpAdapter,
  type McpAdapter,
  type McpAdapterOptions,
  type McpStartInput,
} from './adapter.js'
export {
  MCP_PROVIDER,
  MCP_REASON_TABLE,
  MCP_STATUS_TABLE,
  type McpTaskForm,
  type McpTaskMetadata,
  type McpTaskResult,
  mapMcpStatus,
  parseMcpTask,
  taskFormOf,
} from './map.js'
export { INVALID_PARAMS_CODE, MISSING_CLIENT_CAPABILITY_CODE } from './mcp-error.js'
export { type McpAnswer, mcpInputResponses, mcpRequestOf } from './request.js'
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
