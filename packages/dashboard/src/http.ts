import { TaskbridgeError, type TaskbridgeErrorName } from '@taskbridge/core'

/** The policy every answer carries: scripts and styles from this server only, no framing, no referrer. */
export const CONTENT_SECURITY_POLICY: string = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

/** A response with the security headers, never cached unless `headers` says otherwise. */
export function respond(status: number, body: BodyInit | null, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'cache-control': 'no-store', ...SECURITY_HEADERS, ...headers } })
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return respond(status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', ...headers })
}

/** An error answer: `{ error: { message } }`, the message written for the person reading the page. */
export function failure(status: number, message: string, headers: Record<string, string> = {}): Response {
  return json(status, { error: { message } }, headers)
}

const STATUS_OF_ERROR: Partial<Record<TaskbridgeErrorName, number>> = {
  InvalidArgumentError: 400,
  TaskNotFoundError: 404,
  UnsupportedOperationError: 409,
  TaskNotWaitingError: 409,
  RateLimitError: 503,
  TimeoutError: 504,
}

/** What an error of a provider call becomes: the library's own (redacted) message, or a generic one. */
export function errorBody(error: unknown): { name: string; code?: string; message: string; retryable: boolean } {
  if (TaskbridgeError.is(error)) {
    return { name: error.name, code: error.code, message: error.message, retryable: error.retryable }
  }
  // Anything else may be an adapter's own error, whose message nothing has redacted.
  return { name: 'Error', message: 'The provider call failed unexpectedly', retryable: false }
}

/** The answer for an error thrown by a provider call. */
export function errorResponse(error: unknown): Response {
  const status = TaskbridgeError.is(error) ? (STATUS_OF_ERROR[error.name] ?? 502) : 500
  return json(status, { error: errorBody(error) })
}

/** Reads a JSON body of at most `limit` bytes: the value, or the answer to give instead. */
export async function readJson(request: Request, limit: number): Promise<{ value: unknown } | { refused: Response }> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/json\b/i.test(type)) return { refused: failure(415, 'send the body as application/json') }
  const declared = Number(request.headers.get('content-length') ?? 0)
  const tooLarge = () => ({ refused: failure(413, `the body is larger than ${limit} bytes`) })
  if (declared > limit) return tooLarge()
  const chunks: Uint8Array[] = []
  let size = 0
  if (request.body) {
    for await (const chunk of request.body) {
      size += chunk.byteLength
      // Read no further than the limit: an endless body must not fill memory.
      if (size > limit) return tooLarge()
      chunks.push(chunk)
    }
  }
  try {
    return { value: JSON.parse(new TextDecoder().decode(concat(chunks, size))) }
  } catch {
    return { refused: failure(400, 'the body is not JSON') }
  }
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
