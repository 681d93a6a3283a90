// A Streamable HTTP server answers a POST with one JSON body, or with an SSE
// stream that holds the response among other messages (notifications, and
// the empty event a server that can resume a stream opens it with).
import { InvalidPayloadError, TimeoutError } from '@taskbridge/core'
import { type HttpResponse, type PayloadSource, parseJsonText, payloadSourceOf } from '@taskbridge/provider-utils'
import { type JsonRpcMessage, parseJsonRpcMessage } from './mcp-error.js'

/** Where the answer comes from and how long it may take. */
export interface AnswerContext {
  provider: string
  /** The task the request is about, for the errors of its answer. */
  taskId?: string | undefined
  /** How long an SSE answer may take to come once the stream is open (its headers are bounded by the HTTP client). */
  timeoutMs: number
}

/** The JSON-RPC response to request `id`: the body, or the event of an SSE answer that carries it. */
export async function readAnswer(
  response: HttpResponse,
  id: number,
  context: AnswerContext,
): Promise<{ message: JsonRpcMessage; source: PayloadSource }> {
  const source = payloadSourceOf(response)
  const where = { provider: context.provider, taskId: context.taskId, ...source }
  const events = response.events
  if (!events) return { message: parseJsonRpcMessage(response.body, where), source }
  let timedOut = false
  // Ending the events cancels the body, which ends a read in progress.
  const timer = setTimeout(() => {
    timedOut = true
    void events.return(undefined)
  }, context.timeoutMs)
  try {
    for await (const { data } of events) {
      if (data.trim() === '') continue
      const message = parseJsonRpcMessage(parseJsonText(data, { ...where, what: 'MCP event' }), where)
      if (message.id === id && (message.result !== undefined || message.error)) return { message, source }
    }
  } finally {
    clearTimeout(timer)
    await events.return(undefined)
  }
  if (timedOut) {
    throw new TimeoutError({
      provider: context.provider,
      ...source,
      timeoutMs: context.timeoutMs,
      retryable: true,
      message: `${source.method} ${new URL(source.url ?? 'http://x').pathname}: the MCP server sent no answer on its event stream within ${context.timeoutMs} ms`,
    })
  }
  throw new InvalidPayloadError({
    provider: context.provider,
    ...source,
    message: 'The MCP server closed its event stream without answering the request',
  })
}
