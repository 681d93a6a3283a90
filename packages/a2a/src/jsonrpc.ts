// The JSON-RPC 2.0 envelope A2A's JSON-RPC binding wraps every call and
// every streamed event in, and its errors mapped onto taskbridge's.
import { ProviderApiError, TaskNotFoundError } from '@taskbridge/core'
import { createPayloadParser, type PayloadSource } from '@taskbridge/provider-utils'
import * as z from 'zod/mini'
import { A2A_PROVIDER } from './map.js'

/** A2A's "task not found" JSON-RPC error code (v0.3 and v1.0). */
export const TASK_NOT_FOUND_CODE = -32001

/** A JSON-RPC 2.0 response: a `result` or an `error`. */
export interface JsonRpcResponse {
  jsonrpc?: string | null
  id?: string | number | null
  result?: unknown
  error?: { code: number; message?: string | null; data?: unknown } | null
  [key: string]: unknown
}

const JsonRpcResponseSchema: z.ZodMiniType<JsonRpcResponse> = z.looseObject({
  jsonrpc: z.nullish(z.string()),
  id: z.nullish(z.union([z.string(), z.number()])),
  result: z.optional(z.unknown()),
  error: z.nullish(z.looseObject({ code: z.number(), message: z.nullish(z.string()), data: z.optional(z.unknown()) })),
})

const parseJsonRpcResponse = createPayloadParser({
  provider: A2A_PROVIDER,
  what: 'JSON-RPC response',
  schema: JsonRpcResponseSchema,
})

let nextId = 0

/** The request body of a JSON-RPC call. */
export function jsonRpcRequest(method: string, params: unknown): Record<string, unknown> {
  nextId += 1
  return { jsonrpc: '2.0', id: nextId, method, params }
}

/** Where a JSON-RPC answer came from, for its errors. */
export interface JsonRpcContext extends PayloadSource {
  provider: string
  /** The task the call was about, for `TaskNotFoundError`. */
  taskId?: string | undefined
}

/**
 * The `result` of a JSON-RPC answer. An `error` is thrown as a
 * `TaskNotFoundError` (code -32001) or a `ProviderApiError` carrying the
 * error object as `data` and the HTTP status the answer came with; an answer
 * that is not a JSON-RPC response is an `InvalidPayloadError`.
 */
export function jsonRpcResult(body: unknown, context: JsonRpcContext): unknown {
  const { provider, taskId, ...source } = context
  const response = parseJsonRpcResponse(body, source)
  const error = response.error
  if (!error) return response.result
  const message = `${error.message || 'JSON-RPC error'} (JSON-RPC error ${error.code})`
  const details = { provider, message, method: source.method, url: source.url, status: source.status }
  if (error.code === TASK_NOT_FOUND_CODE) throw new TaskNotFoundError({ ...details, taskId })
  throw new ProviderApiError({ ...details, data: error, responseBody: JSON.stringify(body) })
}
