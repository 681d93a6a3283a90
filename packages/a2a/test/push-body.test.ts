// Push notification bodies, read as an agent sends them over real loopback
// HTTP: through core's bounded reader, so a body past the limit is refused
// without being read whole, and through the hardened JSON reader.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { InvalidPayloadError, toNodeListener } from '@taskbridge/core'
import { rejectionOf } from '@taskbridge/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readA2APushNotification } from '../src/index.js'

const token = 'push-token-0123456789'
const outcomes: unknown[] = []
let server: Server
let url: string

beforeAll(async () => {
  // The listener's own limit is far above the reader's, so the reader's is the one tested.
  const listener = toNodeListener(
    async (request) => {
      outcomes.push(await readA2APushNotification(request, { token, maxBodyBytes: 1024 }).catch((error) => error))
      return new Response(null, { status: 204 })
    },
    { maxBodyBytes: 64 * 1024 * 1024 },
  )
  server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/a2a`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

async function deliver(body: string, contentType = 'application/json'): Promise<unknown> {
  const headers = { 'content-type': contentType, 'x-a2a-notification-token': token }
  await fetch(url, { method: 'POST', headers, body })
  return outcomes.at(-1)
}

const statusUpdate = { kind: 'status-update', taskId: 't-1', contextId: 'c', status: { state: 'working' } }

describe('readA2APushNotification: the body', () => {
  it('refuses a body past maxBodyBytes with an InvalidPayloadError', async () => {
    const outcome = await deliver(JSON.stringify({ ...statusUpdate, padding: 'x'.repeat(4096) }))
    expect(InvalidPayloadError.is(outcome)).toBe(true)
    expect((outcome as Error).message).toContain('larger than 1024 bytes')
  })

  it('refuses a body that is not JSON by its content type', async () => {
    const outcome = await deliver(JSON.stringify(statusUpdate), 'text/plain')
    expect(InvalidPayloadError.is(outcome)).toBe(true)
    expect((outcome as Error).message).toContain('not JSON')
  })

  it('reads a delivery within the limit, dropping __proto__ keys', async () => {
    const outcome = await deliver(JSON.stringify(statusUpdate).replace('{', '{"__proto__":{"x":1},'))
    expect(outcome).toMatchObject({ kind: 'status-update', update: { taskId: 't-1' } })
    expect(Object.hasOwn((outcome as { raw: object }).raw, '__proto__')).toBe(false)
  })

  it('refuses an invalid maxBodyBytes before reading anything', async () => {
    const request = new Request(url, { method: 'POST', body: '{}' })
    const error = await rejectionOf(readA2APushNotification(request, { token, maxBodyBytes: 0 }))
    expect(error).toMatchObject({ argument: 'maxBodyBytes' })
  })
})
