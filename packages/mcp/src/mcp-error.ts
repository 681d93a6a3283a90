// The JSON-RPC 2.0 envelope MCP wraps every call in, and its errors mapped
// onto taskbridge's.
import { ProviderApiError, TaskNotFoundError } from '@taskbridge/core'
import { createPayloadParser, type PayloadSource } from '@taskbridge/provider-utils'
import * as z from 'zod/mini'
import { MCP_PROVIDER } from './map.js'

/** JSON-RPC "invalid params": what MCP servers answer for an unknown task id (and a task of another session). */
export const INVALID_PARAMS_CODE = -32602

/** The extension's "missing required client capability": the request did not declare the tasks extension. */
export const MISSING_CLIENT_CAPABILITY_CODE = -32021

/** A JSON-RPC 2.0 message: a response (`result` or `error`), a notification or a request (`method`). */
export interface JsonRpcMessage {
  jsonrpc?: string | null
  id?: string | number | null
  method?: string | null
  params?: unknown
  result?: unknown
  error?: { code: number; message?: string | null; data?: unknown } | null
  [key: string]: unknown
}

/** A JSON-RPC 2.0 message. */
export const JsonRpcMessageSchema: z.ZodMiniType<JsonRpcMessage> = z.looseObject({
  jsonrpc: z.nullish(z.string()),
  id: z.nullish(z.union([z.string(), z.number()])),
  method: z.nullish(z.string()),
  params: z.optional(z.unknown()),
  result: z.optional(z.unknown()),
  error: z.nullish(z.looseObject({ code: z.number(), message: z.nullish(z.string()), data: z.optional(z.unknown()) })),
})

/**
 * The server's message in an HTTP error body: MCP servers refuse a request
 * (a bad session, a wrong method or content type) with a JSON-RPC error
 * response in a 4xx answer (@modelcontextprotocol/sdk 1.32.2's Streamable
 * HTTP server transport; the spec's transport page shows 400 and 404 only),
 * so it reads `error.message` and its code.
 */
export function mcpErrorMessage(body: unknown): string | undefined {
  const parsed = JsonRpcMessageSchema.safeParse(body)
  const error = parsed.success ? parsed.data.error : undefined
  if (!error) return undefined
  return `${error.message || 'JSON-RPC error'} (JSON-RPC error ${error.code})`
}

/** Where a JSON-RPC answer came from, for its errors. */
export interface JsonRpcContext extends PayloadSource {
  provider: string
  /** The task the call was about, for `TaskNotFoundError`. */
  taskId?: string | undefined
}

const readJsonRpcMessage = createPayloadParser({
  provider: MCP_PROVIDER,
  what: 'MCP JSON-RPC message',
  schema: JsonRpcMessageSchema,
})

/** Reads one message, or throws `InvalidPayloadError` (keeping it) when it is not JSON-RPC. */
export function parseJsonRpcMessage(body: unknown, context: JsonRpcContext): JsonRpcMessage {
  const { provider: _provider, taskId: _taskId, ...source } = context
  return readJsonRpcMessage(body, source)
}

/**
 * The `result` of a JSON-RPC response. An `error` is thrown: "invalid params"
 * whose message says the task is not found, about a task, as a
 * `TaskNotFoundError`; any other as a `ProviderApiError` carrying the error
 * object as `data` and the HTTP status the answer came with.
 */
export function jsonRpcResult(response: JsonRpcMessage, context: JsonRpcContext): unknown {
  const { provider, taskId, ...source } = context
  const error = response.error
  if (!error) return response.result
  const hint =
    error.code === MISSING_CLIENT_CAPABILITY_CODE
      ? ': the server wants the io.modelcontextprotocol/tasks extension declared'
      : ''
  const message = `${error.message || 'JSON-RPC error'} (JSON-RPC error ${error.code})${hint}`
  const details = { provider, message, method: source.method, url: source.url, status: source.status }
  if (taskId !== undefined && error.code === INVALID_PARAMS_CODE && /not found/i.test(error.message ?? '')) {
    throw new TaskNotFoundError({ ...details, taskId })
  }
  throw new ProviderApiError({ ...details, data: error, responseBody: JSON.stringify(response) })
}
