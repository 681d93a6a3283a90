// An event stream that only sends keep-alives, served over real loopback
// HTTP: the caller's signal ends it (also after garbage collection has run),
// and leaving the loop closes the connection, counted on the server's side.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttpClient, type HttpClient } from '../src/index.js'

// The collector, without starting node with --expose-gc.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

/**
 * A server whose streams send only a keep-alive comment now and then (after
 * one event on `/one`; `/silent` sends not even headers), and that counts
 * its open connections.
 */
interface KeepAliveServer {
  url: string
  openConnections(): number
  close(): Promise<void>
}

async function startKeepAliveServer(): Promise<KeepAliveServer> {
  const sockets = new Set<Socket>()
  const streams = new Set<ServerResponse>()
  const timer = setInterval(() => {
    for (const response of streams) response.write(': keep-alive\n\n')
  }, 20)
  const server = createServer((request, response) => {
    // A server that takes the request and never answers it.
    if (request.url === '/silent') return
    response.writeHead(200, { 'content-type': 'text/event-stream' })
    response.write(request.url === '/one' ? 'data: {"first":true}\n\n' : ': open\n\n')
    streams.add(response)
    response.on('close', () => streams.delete(response))
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    openConnections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer)
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

let server: KeepAliveServer
let client: HttpClient
beforeEach(async () => {
  server = await startKeepAliveServer()
  client = createHttpClient({ provider: 'acme', baseUrl: server.url, allowInsecureHttp: true })
})
afterEach(() => server.close())

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  )
}

/** Opens a stream with `signal` and starts waiting for its first event, which never comes. */
async function waitingForAnEvent(signal: AbortSignal) {
  const response = await client.request('/events', { responseType: 'events', signal })
  const events = response.events
  if (!events) throw new Error('expected an event stream')
  await until(() => server.openConnections() === 1)
  return { events, next: events.next() }
}

describe('an event stream of keep-alives only', () => {
  it("ends with the caller's abort", async () => {
    const controller = new AbortController()
    const { next } = await waitingForAnEvent(controller.signal)
    controller.abort(new Error('stop'))
    expect(await rejectionOf(next)).toMatchObject({ message: 'stop' })
    await until(() => server.openConnections() === 0)
  })

  it('ends with an abort of a derived signal after garbage collection has run', async () => {
    // As watchTask passes it: one signal derived from the caller's and its deadline.
    const deadline = new AbortController()
    const signal = AbortSignal.any([deadline.signal])
    const { next } = await waitingForAnEvent(signal)
    for (let round = 0; round < 3; round += 1) {
      collectGarbage()
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
    deadline.abort(new Error('deadline'))
    expect(await rejectionOf(next)).toMatchObject({ message: 'deadline' })
    await until(() => server.openConnections() === 0)
  }, 20_000)

  it('ends the wait for the headers with an abort of a derived signal after garbage collection has run', async () => {
    const deadline = new AbortController()
    const opening = client.request('/silent', { responseType: 'events', signal: AbortSignal.any([deadline.signal]) })
    await until(() => server.openConnections() === 1)
    for (let round = 0; round < 3; round += 1) {
      collectGarbage()
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
    deadline.abort(new Error('deadline'))
    expect(await rejectionOf(opening)).toMatchObject({ message: 'deadline' })
    await until(() => server.openConnections() === 0)
  }, 20_000)

  it('closes the connection when the loop is left', async () => {
    const response = await client.request('/one', { responseType: 'events' })
    const seen: string[] = []
    for await (const event of response.events ?? []) {
      seen.push(event.data)
      break
    }
    expect(seen).toEqual(['{"first":true}'])
    await until(() => server.openConnections() === 0)
    expect(server.openConnections()).toBe(0)
  })
})
