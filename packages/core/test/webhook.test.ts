import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createWebhookHandler,
  InvalidArgumentError,
  InvalidPayloadError,
  type Task,
  toNodeListener,
  type WebhookStateStore,
} from '../src/index.js'
import { makeTask } from './support.js'

interface Delivery {
  id: string
  state: string
  updated?: number
}

/** A provider's notification parser: `{ id, state, updated }` bodies. */
function parseDelivery(body: unknown): Task {
  const delivery = body as Partial<Delivery>
  if (typeof delivery?.id !== 'string' || typeof delivery.state !== 'string') {
    throw new InvalidPayloadError({ provider: 'memory', raw: body, message: 'not a delivery' })
  }
  return makeTask({
    id: delivery.id,
    status: delivery.state === 'done' ? 'completed' : 'running',
    providerStatus: delivery.state,
    ...(delivery.updated === undefined ? {} : { updatedAt: new Date(delivery.updated) }),
  })
}

function post(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request('http://hooks.local/orkes', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function handlerRecording(options: { store?: WebhookStateStore; fail?: () => boolean } = {}) {
  const changes: string[] = []
  const handler = createWebhookHandler({
    parse: parseDelivery,
    onChange: (task) => {
      if (options.fail?.()) throw new Error('downstream is down')
      changes.push(`${task.id}:${task.providerStatus}`)
    },
    ...(options.store ? { store: options.store } : {}),
  })
  return { handler, changes }
}

describe('createWebhookHandler', () => {
  it('counts a delivery that arrives twice once', async () => {
    const { handler, changes } = handlerRecording()
    const delivery = { id: 'w-1', state: 'running', updated: 1000 }
    const first = await handler(post(delivery))
    const again = await handler(post(delivery))
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ accepted: true, duplicate: false })
    expect(await again.json()).toEqual({ accepted: false, duplicate: true })
    expect(changes).toEqual(['w-1:running'])
  })

  it('counts two copies arriving at the same time once', async () => {
    const { handler, changes } = handlerRecording()
    const delivery = { id: 'w-1', state: 'running', updated: 1000 }
    await Promise.all([handler(post(delivery)), handler(post(delivery)), handler(post(delivery))])
    expect(changes).toEqual(['w-1:running'])
  })

  it('never lets an older update overwrite a newer one', async () => {
    const { handler, changes } = handlerRecording()
    await handler(post({ id: 'w-1', state: 'done', updated: 2000 }))
    const late = await handler(post({ id: 'w-1', state: 'running', updated: 1000 }))
    expect(late.status).toBe(200)
    expect(await late.json()).toMatchObject({ accepted: false })
    expect(changes).toEqual(['w-1:done'])
  })

  it('takes a new status at the same updatedAt as a change: RUNNING then COMPLETED with one updateTime both count', async () => {
    const { handler, changes } = handlerRecording()
    await handler(post({ id: 'w-1', state: 'running', updated: 1000 }))
    const done = await handler(post({ id: 'w-1', state: 'done', updated: 1000 }))
    expect(await done.json()).toEqual({ accepted: true, duplicate: false })
    expect(changes).toEqual(['w-1:running', 'w-1:done'])
  })

  it('never takes a delivery without updatedAt that goes back from a terminal status', async () => {
    const { handler, changes } = handlerRecording()
    await handler(post({ id: 'w-1', state: 'done', updated: 2000 }))
    const late = await handler(post({ id: 'w-1', state: 'running' }))
    expect(await late.json()).toMatchObject({ accepted: false })
    expect(changes).toEqual(['w-1:done'])
  })

  it('answers 500 when onChange fails, and takes the same delivery again later', async () => {
    let down = true
    const { handler, changes } = handlerRecording({ fail: () => down })
    const delivery = { id: 'w-1', state: 'done', updated: 2000 }
    expect((await handler(post(delivery))).status).toBe(500)
    down = false
    expect((await handler(post(delivery))).status).toBe(200)
    expect(changes).toEqual(['w-1:done'])
  })

  it('answers 400 with the parser’s message for a body that is not a task, and for one that is not JSON', async () => {
    const { handler, changes } = handlerRecording()
    const notTask = await handler(post({ hello: 'world' }))
    expect(notTask.status).toBe(400)
    expect(await notTask.json()).toEqual({ error: '[memory] not a delivery' })
    expect((await handler(post('{"id": '))).status).toBe(400)
    expect(changes).toEqual([])
  })

  it('refuses what is not a POST, an unverified delivery and a body over the limit', async () => {
    const changes: string[] = []
    const handler = createWebhookHandler({
      parse: parseDelivery,
      onChange: (task) => {
        changes.push(task.id)
      },
      verify: (request) => request.headers.get('x-hook-secret') === 's3cret',
      maxBodyBytes: 100,
    })
    expect((await handler(new Request('http://hooks.local/orkes'))).status).toBe(405)
    expect((await handler(post({ id: 'w-1', state: 'done' }))).status).toBe(401)
    expect((await handler(post({ id: 'w-1', state: 'x'.repeat(200) }, { 'x-hook-secret': 's3cret' }))).status).toBe(413)
    expect((await handler(post({ id: 'w-1', state: 'done' }, { 'x-hook-secret': 's3cret' }))).status).toBe(200)
    expect(changes).toEqual(['w-1'])
  })

  it('keeps its memory in the store it is given', async () => {
    const states = new Map()
    const store: WebhookStateStore = { get: (key) => states.get(key), set: (key, state) => void states.set(key, state) }
    const first = handlerRecording({ store })
    await first.handler(post({ id: 'w-1', state: 'running', updated: 1000 }))
    // Another process with the same store sees the delivery as known.
    const second = handlerRecording({ store })
    await second.handler(post({ id: 'w-1', state: 'running', updated: 1000 }))
    expect(second.changes).toEqual([])
    expect(states.size).toBe(1)
  })

  it('refuses to be created without parse and onChange', () => {
    expect(() => createWebhookHandler({} as never)).toThrow(InvalidArgumentError)
  })
})

describe('toNodeListener', () => {
  let server: Server | undefined
  afterEach(async () => {
    const running = server
    if (running) await new Promise((resolve) => running.close(resolve))
    server = undefined
  })

  async function serve(handler: (request: Request) => Promise<Response>, maxBodyBytes?: number): Promise<string> {
    server = createServer(toNodeListener(handler, maxBodyBytes === undefined ? {} : { maxBodyBytes }))
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('serves the handler from node:http over real loopback', async () => {
    const { handler, changes } = handlerRecording()
    const url = await serve(handler)
    const response = await fetch(`${url}/hooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'w-9', state: 'done' }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({ accepted: true, duplicate: false })
    expect(changes).toEqual(['w-9:done'])
  })

  it('stops reading a body over its limit', async () => {
    const { handler, changes } = handlerRecording()
    const url = await serve(handler, 64)
    const response = await fetch(`${url}/hooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(10_000),
    })
    expect(response.status).toBe(413)
    expect(changes).toEqual([])
  })

  it('streams a body as it is produced and cancels it when the client goes away', async () => {
    const encoder = new TextEncoder()
    let onCancel = () => {}
    const cancelled = new Promise<void>((resolve) => {
      onCancel = resolve
    })
    let requestSignal: AbortSignal | undefined
    const url = await serve(async (request) => {
      requestSignal = request.signal
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(encoder.encode('data: first\n\n')),
        cancel: () => onCancel(),
      })
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } })
    })
    const client = new AbortController()
    const response = await fetch(`${url}/events`, { signal: client.signal })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    // The first event arrives while the body is still open: nothing waits for its end.
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: first\n\n')
    client.abort()
    await cancelled
    expect(requestSignal?.aborted).toBe(true)
  })
})
