import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { type EmulatorClock, type EmulatorClockOption, resolveClock } from './clock.js'
import { answerPreflight, corsHeaders, isPreflight } from './cors.js'
import { applyTaskFault, createFaultController, type Fault, type FaultController } from './faults.js'

/** The HTTP methods routes can answer. */
export type EmulatorMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A request as a route handler sees it. */
export interface EmulatorRequest {
  method: string
  /** The decoded path, without the query. */
  path: string
  /** Path parameters from the route pattern, decoded. */
  params: Record<string, string>
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** The body parsed as JSON, or `undefined` when empty or not JSON. */
  body: unknown
  text: string
  /**
   * Aborted once the response is closed: its answer was sent, the client
   * went away, or the emulator closed. An event source waits on it, so it
   * stops when nobody reads it any more.
   */
  signal: AbortSignal
}

/** What a route answers. */
export interface EmulatorReply {
  status: number
  /** Sent as JSON unless it is a string. */
  body?: unknown
  /** Sent with the body, or with the event stream's headers. */
  headers?: Record<string, string>
  /**
   * A server-sent event stream instead of a body: each string is written as
   * it comes (whole SSE frames, such as `data: …\n\n`), and the response ends
   * when the iterable does, or when the client goes away.
   */
  events?: AsyncIterable<string>
}

/** One endpoint of an emulator. */
export interface RouteDefinition {
  /** A stable name for faults and the request log, such as `getTask`. */
  name: string
  method: EmulatorMethod
  /** A path pattern; `:name` matches one non-empty segment, such as `/task/:id/stop`. */
  path: string
  /** Where the tasks are in this route's answers, for payload faults: one task, a list, or none. */
  payload?: 'task' | 'list' | 'none'
  /** Set to false for routes that need no credentials (such as a token exchange). */
  auth?: boolean
  /**
   * Narrows the route to the requests it accepts, for several routes on one
   * path told apart by their body (such as JSON-RPC methods). Default: every
   * request to the path.
   */
  matches?: (request: EmulatorRequest) => boolean
  /**
   * Where the task is in this route's answers when it is not the body itself
   * (such as a JSON-RPC `result`): the request log's `response` is that task,
   * and payload faults change the answer with `applyFault`. Default: by `payload`.
   */
  task?: { get(body: unknown): unknown; applyFault(body: unknown, fault: Fault): unknown }
  handler(request: EmulatorRequest): EmulatorReply | Promise<EmulatorReply>
}

/** A request as the emulator received and answered it. */
export interface RecordedRequest {
  /** The matched route's name; `undefined` when no route matched. */
  route: string | undefined
  method: string
  /** The raw request target (path and query as sent, still encoded). */
  target: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: unknown
  /**
   * When the emulator received the request, in epoch milliseconds on its own
   * clock (`emulator.clock`): on a virtual clock it moves only with
   * `clock.advance`, so a test asserts the order and spacing of requests in
   * emulated time, never on the wall clock.
   */
  receivedAt: number
  /** The status answered; `undefined` when the connection was reset. */
  status: number | undefined
  /** The body answered (parsed JSON, or text), before any payload fault; `undefined` when none. */
  response?: unknown
  /** The fault applied, if any. */
  fault?: Fault['type']
  /** True when the client closed the connection before the answer was complete (an abort or a timeout). */
  clientClosed?: boolean
}

/** Options of {@link startEmulatorServer}. */
export interface EmulatorServerOptions {
  routes: readonly RouteDefinition[]
  /** Checks credentials; returns a reply (such as a 401) to refuse the request. */
  authenticate?: (request: EmulatorRequest) => EmulatorReply | undefined
  /** The provider's error body for a status and message. */
  errorBody?: (status: number, message: string) => unknown
  /** The field that holds a task's status, for the `unknown-status` fault. Default `status`. */
  statusField?: string
  /** Where a list answer keeps its tasks, for payload faults on lists. Default: the body is the array. */
  listItems?: {
    get(body: unknown): unknown[]
    set(body: unknown, items: unknown[]): unknown
  }
  /**
   * How tasks advance: `'virtual'` (the default; only with `clock.advance`),
   * `'real-time'`, `{ realTime: { speed } }` (real time, `speed` times faster),
   * or a clock you made.
   */
  clock?: EmulatorClockOption
  /** The port on 127.0.0.1 to listen on. Default: a free one the system picks. */
  port?: number
  /**
   * Answers browsers' CORS preflights and lets any origin read the answers,
   * for a web page that calls the emulator. Default false: no CORS headers,
   * so a page is refused as by any API that allows no other origin. A preflight is answered before any
   * route, credential check or fault, and is not recorded in `requests`.
   */
  cors?: boolean
}

/** A running emulator: a real HTTP server on 127.0.0.1. */
export interface EmulatorServer {
  /** The base URL, such as `http://127.0.0.1:40123`. */
  readonly url: string
  readonly port: number
  readonly clock: EmulatorClock
  readonly faults: FaultController
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[]
  /** Forgets the recorded requests. */
  clearRequests(): void
  /**
   * Ends every event stream being served: `close` ends each response
   * cleanly, `reset` breaks its connection (a stream cut mid-task).
   */
  endStreams(how: 'close' | 'reset'): void
  /** Stops the server and closes every connection. */
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

interface CompiledRoute {
  route: RouteDefinition
  pattern: RegExp
  names: string[]
}

function compile(route: RouteDefinition): CompiledRoute {
  const names: string[] = []
  const source = route.path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      names.push(segment.slice(1))
      return '([^/]+)'
    })
    .join('/')
  return { route, pattern: new RegExp(`^${source}/?$`), names }
}

function defaultErrorBody(status: number, message: string): unknown {
  return { status, message }
}

function send(response: ServerResponse, reply: EmulatorReply): void {
  const isText = typeof reply.body === 'string'
  const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body)
  response.writeHead(reply.status, {
    ...(payload === '' ? {} : { 'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json' }),
    ...reply.headers,
  })
  response.end(payload)
}

/**
 * Starts an emulator: routes served over real HTTP on 127.0.0.1 with an
 * ephemeral port, credentials checked, every request recorded, and faults
 * injectable per route. Close it with `close()` or `await using`.
 *
 * @example
 * ```ts
 * await using server = await startEmulatorServer({
 *   routes: [{ name: 'getJob', method: 'GET', path: '/jobs/:id', handler: ({ params }) => ({ status: 200, body: { id: params.id } }) }],
 * })
 * server.faults.inject('getJob', { type: 'status', status: 503 })
 * ```
 */
export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const routes = options.routes.map(compile)
  const clock = resolveClock(options.clock)
  const faults = createFaultController()
  const errorBody = options.errorBody ?? defaultErrorBody
  const statusField = options.statusField ?? 'status'
  const listItems = options.listItems ?? {
    get: (body: unknown) => (Array.isArray(body) ? body : []),
    set: (_body: unknown, items: unknown[]) => items,
  }
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  const pendingDelays = new Set<() => void>()
  const streams = new Set<{ response: ServerResponse; socket: Socket }>()

  /** Writes an event stream until it ends, the client leaves or `endStreams` ends it. */
  const stream = async (
    response: ServerResponse,
    socket: Socket,
    events: AsyncIterable<string>,
    headers: Record<string, string> = {},
  ) => {
    const entry = { response, socket }
    streams.add(entry)
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers })
    // Sent now, as an SSE server does: the client waits for them before it reads the task.
    response.flushHeaders()
    const iterator = events[Symbol.asyncIterator]()
    const stop = () => void iterator.return?.()
    response.once('close', stop)
    try {
      for (;;) {
        const next = await iterator.next()
        if (next.done || response.writableEnded || socket.destroyed) break
        response.write(next.value)
      }
      if (!response.writableEnded && !socket.destroyed) response.end()
    } finally {
      response.off('close', stop)
      streams.delete(entry)
    }
  }

  const transformPayload = (reply: EmulatorReply, route: RouteDefinition, fault: Fault): EmulatorReply => {
    if (reply.status >= 300 || reply.body === undefined) return reply
    if (route.task) return { ...reply, body: route.task.applyFault(reply.body, fault) }
    if (route.payload === 'task') return { ...reply, body: applyTaskFault(reply.body, fault, statusField) }
    if (route.payload === 'list') {
      const items = listItems.get(reply.body).map((item) => applyTaskFault(item, fault, statusField))
      return { ...reply, body: listItems.set(structuredClone(reply.body), items) }
    }
    return reply
  }

  const handle = async (
    request: EmulatorRequest,
    socket: Socket,
    response: ServerResponse,
    record: RecordedRequest,
  ) => {
    const match = routes
      .filter(({ route }) => route.method === request.method && (route.matches?.(request) ?? true))
      .map((compiled) => ({ compiled, found: compiled.pattern.exec(request.path) }))
      .find(({ found }) => found !== null)
    if (!match?.found) {
      record.status = 404
      return send(response, { status: 404, body: errorBody(404, `No route for ${request.method} ${request.path}`) })
    }
    const { route, names } = match.compiled
    record.route = route.name
    names.forEach((name, index) => {
      request.params[name] = decodeURIComponent(match.found?.[index + 1] ?? '')
    })

    const fault = faults.take(route.name)
    if (fault) record.fault = fault.type
    if (fault?.type === 'reset') {
      socket.destroy()
      return
    }
    if (fault?.type === 'delay') {
      // Ends early when the client goes away or the emulator closes, so no timer outlives a test.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, fault.ms)
        function done() {
          clearTimeout(timer)
          pendingDelays.delete(done)
          socket.off('close', done)
          resolve()
        }
        pendingDelays.add(done)
        socket.once('close', done)
      })
      if (socket.destroyed) return
    }
    if (fault?.type === 'status') {
      record.status = fault.status
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }
      return send(response, {
        status: fault.status,
        headers,
        body: fault.body ?? errorBody(fault.status, `Injected ${fault.status}`),
      })
    }
    if (fault?.type === 'raw') {
      record.status = fault.status
      response.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json' })
      return response.end(fault.text)
    }
    if (fault?.type === 'non-json') {
      record.status = 200
      response.writeHead(200, { 'content-type': 'text/html' })
      return response.end('<html><body><h1>502 Bad Gateway</h1></body></html>')
    }
    if (fault?.type === 'oversized') {
      record.status = 200
      return send(response, { status: 200, body: { padding: 'x'.repeat(fault.bytes) } })
    }

    if (route.auth !== false) {
      const refusal = options.authenticate?.(request)
      if (refusal) {
        record.status = refusal.status
        return send(response, refusal)
      }
    }
    let reply = await route.handler(request)
    // A copy: the emulator's task objects keep changing after they were answered.
    record.response = structuredClone(route.task && reply.status < 300 ? route.task.get(reply.body) : reply.body)
    if (fault) reply = transformPayload(reply, route, fault)
    record.status = reply.status
    if (reply.events) return stream(response, socket, reply.events, reply.headers)
    if (fault?.type === 'truncate' && reply.body !== undefined) {
      const text = JSON.stringify(reply.body)
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
      return response.end(text.slice(0, Math.floor(text.length / 2)))
    }
    send(response, reply)
  }

  const server = createServer((incoming, response) => {
    if (options.cors) {
      // Set before any writeHead, so every answer (a stream's too) carries them.
      for (const [name, value] of Object.entries(corsHeaders(incoming.headers))) response.setHeader(name, value)
      if (isPreflight(incoming.method, incoming.headers)) {
        incoming.resume()
        return answerPreflight(incoming.headers, response)
      }
    }
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const target = incoming.url ?? '/'
      const url = new URL(target, 'http://emulator')
      const text = Buffer.concat(chunks).toString('utf8')
      let body: unknown
      try {
        body = text === '' ? undefined : JSON.parse(text)
      } catch {
        body = undefined
      }
      const closing = new AbortController()
      const request: EmulatorRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        params: {},
        query: url.searchParams,
        headers: incoming.headers,
        body,
        text,
        signal: closing.signal,
      }
      const record: RecordedRequest = {
        route: undefined,
        method: request.method,
        target,
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body,
        receivedAt: clock.now(),
        status: undefined,
      }
      requests.push(record)
      response.on('close', () => {
        if (!response.writableFinished) record.clientClosed = true
        closing.abort()
      })
      handle(request, incoming.socket, response, record).catch((error: unknown) => {
        record.status = 500
        if (!response.headersSent)
          send(response, { status: 500, body: errorBody(500, `Emulator error: ${String(error)}`) })
        else response.destroy()
      })
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  let closed: Promise<void> | undefined
  const close = () => {
    closed ??= new Promise<void>((resolve, reject) => {
      for (const done of pendingDelays) done()
      for (const socket of sockets) socket.destroy()
      server.close((error) => (error ? reject(error) : resolve()))
    })
    return closed
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clock,
    faults,
    requests,
    clearRequests: () => {
      requests.length = 0
    },
    endStreams: (how) => {
      for (const { response, socket } of streams) {
        if (how === 'reset') socket.destroy()
        else response.end()
      }
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}
