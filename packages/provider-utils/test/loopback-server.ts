import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach, beforeEach } from 'vitest'
import { createHttpClient, type HttpClient, type HttpClientOptions, headerAuth } from '../src/index.js'

/** A request as the server received it. */
export interface ReceivedRequest {
  method: string
  /** The raw request target, exactly as sent (path and query, still encoded). */
  target: string
  headers: IncomingHttpHeaders
  body: string
}

export type Handler = (request: ReceivedRequest, response: ServerResponse, socket: Socket) => void

/**
 * A real HTTP server on 127.0.0.1 for the HTTP client's tests. Each request is
 * answered by the next queued handler (the last one repeats), and recorded.
 */
export interface LoopbackServer {
  url: string
  requests: ReceivedRequest[]
  /** Queues handlers for the next requests. */
  reply(...handlers: Handler[]): void
  close(): Promise<void>
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers })
    response.end(JSON.stringify(body))
  }
}

export function text(status: number, body: string, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/plain', ...headers })
    response.end(body)
  }
}

/** Closes the connection without answering. */
export const reset: Handler = (_request, _response, socket) => {
  socket.destroy()
}

/** Never answers; the client must time out or abort. */
export const hang: Handler = () => {}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const handlers: Handler[] = []
  const requests: ReceivedRequest[] = []
  const sockets = new Set<Socket>()
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const request: ReceivedRequest = {
        method: incoming.method ?? '',
        target: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(request)
      const handler = handlers.length > 1 ? handlers.shift() : handlers[0]
      if (!handler) throw new Error('loopback server: no handler queued')
      handler(request, response, incoming.socket)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...next) => handlers.push(...next),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/**
 * A new loopback server for each test of the file, closed after it, and a
 * client factory bound to it (provider `acme`, `apiKey` in `x-api-key`,
 * `defaults` under each call's options). `server` stands for the current
 * test's server.
 */
export function useLoopbackServer(
  apiKey: string,
  defaults: Partial<HttpClientOptions> = {},
): { server: LoopbackServer; client(options?: Partial<HttpClientOptions>): HttpClient } {
  let current: LoopbackServer | undefined
  const running = (): LoopbackServer => {
    if (!current) throw new Error('loopback server: used outside a test')
    return current
  }
  beforeEach(async () => {
    current = await startLoopbackServer()
  })
  afterEach(async () => {
    await current?.close()
    current = undefined
  })
  const server: LoopbackServer = {
    get url() {
      return running().url
    },
    get requests() {
      return running().requests
    },
    reply: (...handlers) => running().reply(...handlers),
    close: () => running().close(),
  }
  const client = (options: Partial<HttpClientOptions> = {}) =>
    createHttpClient({
      provider: 'acme',
      baseUrl: server.url,
      auth: headerAuth('x-api-key', apiKey),
      ...defaults,
      ...options,
    })
  return { server, client }
}
