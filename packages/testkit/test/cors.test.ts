import { describe, expect, it } from 'vitest'
import { startEmulatorServer, startXpanderEmulator } from '../src/index.js'

const ORIGIN = 'http://127.0.0.1:5173'

const preflight = (url: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' },
  })

async function* twoEvents() {
  yield 'data: 1\n\n'
  yield 'data: 2\n\n'
}

describe('the cors option', () => {
  it('answers a preflight before credentials, unrecorded, and lets the origin read answers and streams', async () => {
    await using xpander = await startXpanderEmulator({ cors: true })
    const answer = await preflight(`${xpander.baseUrl}/tasks`)
    expect(answer.status).toBe(204)
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET')
    expect(answer.headers.get('access-control-allow-headers')).toBe('x-api-key')
    expect(xpander.requests).toEqual([])

    const list = await fetch(`${xpander.baseUrl}/tasks`, { headers: { origin: ORIGIN, 'x-api-key': xpander.apiKey } })
    expect(list.status).toBe(200)
    expect(list.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(list.headers.get('vary')).toBe('Origin')
    const refused = await fetch(`${xpander.baseUrl}/tasks`, { headers: { origin: ORIGIN } })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('access-control-allow-origin')).toBe(ORIGIN)

    await using streaming = await startEmulatorServer({
      cors: true,
      routes: [
        { name: 'events', method: 'GET', path: '/events', handler: () => ({ status: 200, events: twoEvents() }) },
      ],
    })
    const stream = await fetch(`${streaming.url}/events`, { headers: { origin: ORIGIN } })
    expect(stream.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(await stream.text()).toBe('data: 1\n\ndata: 2\n\n')
  })

  it('is off by default: no CORS headers, and a preflight is an unknown route', async () => {
    await using xpander = await startXpanderEmulator()
    const answer = await preflight(`${xpander.baseUrl}/tasks`)
    expect(answer.status).toBe(404)
    expect(answer.headers.get('access-control-allow-origin')).toBeNull()
    const list = await fetch(`${xpander.baseUrl}/tasks`, { headers: { origin: ORIGIN, 'x-api-key': xpander.apiKey } })
    expect(list.headers.get('access-control-allow-origin')).toBeNull()
  })
})
