// Server-sent events over the adapter's own fetch: provider-utils' client
// reads whole bodies, a subscription is read event by event. Failures are
// the same typed errors the client throws, with every credential redacted.
import {
  AuthenticationError,
  ProviderApiError,
  ProviderConnectionError,
  RateLimitError,
  TaskNotFoundError,
} from '@taskbridge/core'
import { createRedactor, parseJsonText, parseRetryAfter } from '@taskbridge/provider-utils'
import { EventSourceParserStream } from 'eventsource-parser/stream'

/** One streamed request. */
export interface EventStreamRequest {
  provider: string
  url: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string | undefined
  fetch: typeof globalThis.fetch
  signal?: AbortSignal | undefined
  /** The credentials the request carries: never in an error or a payload. */
  secrets: readonly string[]
  /** The task the stream is about, for `TaskNotFoundError`. */
  taskId: string
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return (signal?.aborted && error === signal.reason) || (error instanceof Error && error.name === 'AbortError')
}

function failure(request: EventStreamRequest, response: Response, text: string): Error {
  const { provider, method, url, secrets, taskId } = request
  const status = response.status
  const details = { provider, method, url, status, responseBody: text, secrets }
  const message = `${method} ${status} ${response.statusText}`.trim()
  if (status === 401 || status === 403) return new AuthenticationError({ ...details, message })
  if (status === 404) return new TaskNotFoundError({ ...details, message, taskId })
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
    return new RateLimitError({ ...details, message, retryAfterMs })
  }
  return new ProviderApiError({ ...details, message })
}

/**
 * Sends the request and yields each event's data parsed as JSON, with any
 * echoed credential taken out, until the server closes the stream. A
 * non-2xx answer, a refused connection or an event that is not JSON is a
 * typed taskbridge error; an abort rejects with the signal's reason.
 */
export async function* readEventStream(request: EventStreamRequest): AsyncGenerator<unknown> {
  const { provider, method, url, signal } = request
  const redactor = createRedactor(request.secrets)
  let response: Response
  try {
    response = await request.fetch(url, {
      method,
      headers: { accept: 'text/event-stream', ...request.headers },
      body: request.body,
      signal,
    })
  } catch (error) {
    if (isAbort(error, signal)) throw error
    const cause = error instanceof Error ? error : undefined
    const root = ((cause?.cause as Error | undefined) ?? cause) as (Error & { code?: unknown }) | undefined
    throw new ProviderConnectionError({
      provider,
      method,
      url,
      secrets: request.secrets,
      message: `${method} failed to connect: ${root?.message ?? String(error)}`,
      systemCode: typeof root?.code === 'string' ? root.code : undefined,
      cause: error,
    })
  }
  if (!response.ok || !response.body) {
    throw failure(request, response, redactor.redactText(await response.text().catch(() => '')))
  }
  const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream())
  try {
    for await (const event of events) {
      if (event.data.trim() === '') continue
      const where = { provider, what: 'A2A stream event', method, url, status: response.status }
      yield redactor.redactValue(parseJsonText(redactor.redactText(event.data), where))
    }
  } catch (error) {
    if (isAbort(error, signal) || !(error instanceof TypeError)) throw error
    throw new ProviderConnectionError({
      provider,
      method,
      url,
      secrets: request.secrets,
      message: `${method}: the stream was cut: ${error.message}`,
      cause: error,
    })
  }
}
