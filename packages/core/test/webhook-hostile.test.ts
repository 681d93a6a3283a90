// A webhook endpoint built as the docs show it, createServer(toNodeListener(
// createWebhookHandler(…))), hit over raw sockets with what a hostile or
// broken client sends: it answers each, or ignores a client that left, and
// still answers the next delivery.
import { createServer, type Server } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWebhookHandler, InvalidPayloadError, type Task, toNodeListener } from '../src/index.js'
import { makeTask } from './support.js'

const received: Task[] = []
const escaped: unknown[] = []
const recordEscape = (reason: unknown) => escaped.push(reason)
let server: Server
let port: number

function parseDelivery(body: unknown): Task {
  const delivery = body as { id?: unknown; state?: unknown }
  if (typeof delivery?.id !== 'string' || typeof delivery.state !== 'string') {
    throw new InvalidPayloadError({ provider: 'memory', raw: body, message: 'not a delivery' })
  }
  return makeTask({ id: delivery.id, providerStatus: delivery.state, raw: body })
}

beforeAll(async () => {
  process.on('unhandledRejection', recordEscape)
  const handler = createWebhookHandler({ parse: parseDelivery, onChange: (task) => void received.push(task) })
  server = createServer(toNodeListener(handler))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  process.off('unhandledRejection', recordEscape)
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

/** Sends `text` as it is and reads until the server closes; with `hangUp`, leaves right after sending. */
function raw(text: string, hangUp = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(text)
      if (hangUp) socket.destroy()
    })
    let answer = ''
    // A server that never answers fails the test instead of hanging it.
    socket.setTimeout(10_000, () => socket.destroy())
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      answer += chunk
    })
    socket.on('close', () => resolve(answer))
    socket.on('error', (error) => (hangUp ? resolve('') : reject(error)))
  })
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1])

function delivery(body: string, contentType = 'application/json'): string {
  const length = Buffer.byteLength(body)
  return `POST /hooks HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n${body}`
}

/** A delivery still goes through: the server is up and its handler works. */
async function stillAnswers(): Promise<void> {
  const id = `after-${received.length}`
  expect(statusOf(await raw(delivery(JSON.stringify({ id, state: 'done' }))))).toBe(200)
  expect(received.at(-1)?.id).toBe(id)
  // An escaped rejection is reported on a later turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve))
  expect(escaped).toEqual([])
}

describe('a webhook server under hostile requests', () => {
  // Node's server takes CONNECT apart (its 'connect' event) and refuses TRACK itself: TRACE reaches the listener.
  it('answers TRACE, which fetch refuses, with 405', async () => {
    expect(statusOf(await raw('TRACE /hooks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))).toBe(405)
    await stillAnswers()
  })

  it('answers a request target that is no URL with 400', async () => {
    expect(statusOf(await raw('POST http://[bad/hooks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))).toBe(400)
    await stillAnswers()
  })

  it('ignores a client that hangs up mid-body', async () => {
    const head = 'POST /hooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n'
    await raw(`${head}{"id":"cut`, true)
    await stillAnswers()
    expect(received.map((task) => task.id)).not.toContain('cut')
  })

  it('answers a body that is not JSON by its content type with 415', async () => {
    const answer = await raw(delivery(JSON.stringify({ id: 'as-text', state: 'done' }), 'text/plain'))
    expect(statusOf(answer)).toBe(415)
    expect(received.map((task) => task.id)).not.toContain('as-text')
    await stillAnswers()
  })

  it('parses the body with the hardened reader: no __proto__ key kept, nothing too deep to serialise', async () => {
    const answer = await raw(delivery('{"id":"proto","state":"done","__proto__":{"polluted":true}}'))
    expect(statusOf(answer)).toBe(200)
    const task = received.find((each) => each.id === 'proto')
    expect(Object.hasOwn(task?.raw as object, '__proto__')).toBe(false)
    const deep = `{"id":"deep","state":"done","x":${'['.repeat(5000)}${']'.repeat(5000)}}`
    const refused = await raw(delivery(deep))
    expect(statusOf(refused)).toBe(400)
    expect(refused).toContain('nested deeper than 1000 levels')
    await stillAnswers()
  })
})
