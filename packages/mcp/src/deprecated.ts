// Names that left the MCP adapter's documented surface: JSON-RPC error codes
// it interprets, how `answerTask` builds its `inputResponses`, and how the
// parser fills `request` and `metadata.form`. They keep working until 2.0,
// so code written against 0.x or 1.0-rc still compiles.
import * as map from './map.js'
import * as errors from './mcp-error.js'
import * as request from './request.js'

/**
 * JSON-RPC "invalid params": what MCP servers answer for an unknown task id.
 *
 * @deprecated internal, will be removed in 2.0: the adapter turns it into a `TaskNotFoundError`.
 */
export const INVALID_PARAMS_CODE: typeof errors.INVALID_PARAMS_CODE = errors.INVALID_PARAMS_CODE

/**
 * The tasks extension's "missing required client capability".
 *
 * @deprecated internal, will be removed in 2.0: the adapter declares the extension itself.
 */
export const MISSING_CLIENT_CAPABILITY_CODE: typeof errors.MISSING_CLIENT_CAPABILITY_CODE =
  errors.MISSING_CLIENT_CAPABILITY_CODE

/**
 * The `inputResponses` of `tasks/update` for a task's outstanding requests.
 *
 * @deprecated internal, will be removed in 2.0: `answerTask` sends them.
 */
export const mcpInputResponses: typeof request.mcpInputResponses = request.mcpInputResponses

/**
 * What an `input_required` task asks.
 *
 * @deprecated internal, will be removed in 2.0: read the parsed task's `request`.
 */
export const mcpRequestOf: typeof request.mcpRequestOf = request.mcpRequestOf

/**
 * The form a task payload speaks.
 *
 * @deprecated internal, will be removed in 2.0: read the parsed task's `metadata.form`.
 */
export const taskFormOf: typeof map.taskFormOf = map.taskFormOf
