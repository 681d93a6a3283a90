// Serving a fetch-style handler from Node's http server. Whatever a client
// sends (a method fetch refuses, a broken request line, a body it never
// finishes), the listener answers or ignores it: nothing it does rejects, so
// no request can take the server down.
import { answer, DEFAULT_MAX_BODY_BYTES, readBodyBytes } from './body.js'

/** The parts of Node's `IncomingMessage` that {@link toNodeListener} reads. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined
  url?: string | undefined
  headers: Record<string, string | string[] | undefined>
}

/** The parts of Node's `ServerResponse` that {@link toNodeListener} writes. */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown
  end(body?: string | Uint8Array): unknown
  /** With `write` and `on`, a body is sent as it is produced (server-sent events) rather than whole at the end. */
  write?(chunk: Uint8Array): unknown
  /** `'close'`: the connection ended; the request's `signal` aborts and a body still being sent is cancelled. */
  on?(event: 'close', listener: () => void): unknown
}

/** Methods Node's server accepts and fetch's `Request` refuses. */
const FETCH_FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK'])

function headersOf(incoming: NodeRequestLike): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) for (const each of value) headers.append(name, each)
  }
  return headers
}

/**
 * The request as fetch's `Request`, or the answer to give instead: 405 to a
 * method fetch refuses, 400 to a target that is no URL, 413 to a body past
 * the limit; `undefined` when the client left before its body's end.
 */
async function toRequest(
  incoming: NodeRequestLike,
  maxBodyBytes: number,
  signal: AbortSignal,
): Promise<Request | Response | undefined> {
  const method = incoming.method ?? 'GET'
  if (FETCH_FORBIDDEN_METHODS.has(method.toUpperCase())) {
    return answer(405, { error: `the ${method} method is not accepted` })
  }
  let url: URL
  let headers: Headers
  try {
    url = new URL(incoming.url ?? '/', 'http://localhost')
    headers = headersOf(incoming)
  } catch {
    return answer(400, { error: 'the request target or a header is malformed' })
  }
  let body: Uint8Array | undefined
  if (method !== 'GET' && method !== 'HEAD') {
    const read = await readBodyBytes(incoming, maxBodyBytes)
    if (!read.ok && read.reason === 'broken') return undefined
    if (!read.ok) return answer(413, { error: `the body is larger than ${maxBodyBytes} bytes` })
    if (read.bytes.byteLength > 0) body = read.bytes
  }
  try {
    return new Request(url, { method, headers, signal, ...(body ? { body: body as BodyInit } : {}) })
  } catch {
    return answer(400, { error: 'the request could not be read' })
  }
}

async function send(outgoing: NodeResponseLike, response: Response): Promise<void> {
  const { write, on } = outgoing
  if (response.body && write && on) {
    outgoing.writeHead(response.status, Object.fromEntries(response.headers))
    return stream(response.body, outgoing, write, on)
  }
  const body = new Uint8Array(await response.arrayBuffer())
  outgoing.writeHead(response.status, Object.fromEntries(response.headers))
  outgoing.end(body)
}

/** Writes a body chunk by chunk; a connection that closes cancels the body, so its producer stops. */
async function stream(
  body: ReadableStream<Uint8Array>,
  outgoing: NodeResponseLike,
  write: (chunk: Uint8Array) => unknown,
  on: (event: 'close', listener: () => void) => unknown,
): Promise<void> {
  const reader = body.getReader()
  on.call(outgoing, 'close', () => {
    reader.cancel().catch(() => {})
  })
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) write.call(outgoing, next.value)
  } catch {
    // The body failed or was cancelled: end the response with what was sent.
  }
  outgoing.end()
}

/**
 * Serves a `(request: Request) => Promise<Response>` handler from Node's
 * `http.createServer`, with no framework. Bodies over `maxBodyBytes`
 * (default 1 MiB) are answered 413 without being read further; a method
 * fetch refuses (`TRACE`, `CONNECT`) 405; a malformed request target 400; a
 * handler that throws 500. A client that leaves mid-body is ignored. The
 * listener never rejects, so no request can bring the server down. A
 * response body is streamed as it is produced (server-sent events work);
 * when the client goes away, the request's `signal` aborts and the body is
 * cancelled.
 *
 * @example
 * ```ts
 * createServer(toNodeListener(createWebhookHandler({ parse: parseOrkesWebhook, onChange }))).listen(8080)
 * ```
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: { maxBodyBytes?: number } = {},
): (request: NodeRequestLike, response: NodeResponseLike) => Promise<void> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  return async (incoming, outgoing) => {
    const closed = new AbortController()
    outgoing.on?.('close', () => closed.abort())
    try {
      const request = await toRequest(incoming, maxBodyBytes, closed.signal)
      if (request === undefined) return
      const response =
        request instanceof Request
          ? await handler(request).catch(() => answer(500, { error: 'the handler failed' }))
          : request
      await send(outgoing, response)
    } catch {
      // The answer could not be written (the client left): there is no one to tell.
    }
  }
}
