// The request handler in-process: requests are WHATWG Requests handed to it
// directly; the providers behind it are the testkit emulators over loopback.
import { createTaskClient, InvalidArgumentError, type TaskClient } from '@taskbridge/core'
import { createWexaAdapter } from '@taskbridge/wexa'
import { createXpanderAdapter } from '@taskbridge/xpander'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDashboard } from '../src/index.js'
import { type Emulated, startEmulated } from './emulated.js'

const ORIGIN = 'http://127.0.0.1:4999'
const TOKEN = 'test-token-0123456789abcdef'
let emulated: Emulated
let cookie: string
let csrf: string

const request = (path: string, init: RequestInit = {}) => emulated.dashboard(new Request(`${ORIGIN}${path}`, init))
const withCookie = (path: string, init: RequestInit = {}) =>
  request(path, { ...init, headers: { cookie, host: '127.0.0.1:4999', ...(init.headers as object) } })
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  withCookie(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-taskbridge-csrf': csrf, ...headers },
    body: JSON.stringify(body),
  })

async function text(response: Response): Promise<string> {
  const body = await response.text()
  for (const secret of [...emulated.secrets, TOKEN]) expect(body).not.toContain(secret)
  return body
}

beforeAll(async () => {
  emulated = await startEmulated()
  const first = await request(`/?token=${TOKEN}`)
  cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const page = await text(await withCookie('/'))
  csrf = /name="taskbridge-csrf" content="([^"]+)"/.exec(page)?.[1] ?? ''
})
afterAll(() => emulated.close())

describe('the token', () => {
  it.each([
    ['GET', '/'],
    ['GET', '/api/tasks'],
    ['GET', '/assets/app.js'],
    ['GET', '/api/events'],
    ['POST', '/api/action'],
    ['GET', '/no/such/page'],
  ])('is required for %s %s', async (method, path) => {
    const response = await request(path, { method })
    expect(response.status).toBe(401)
    expect(await text(response)).toContain('token')
    const wrong = await request(`${path}?token=not-the-token-at-all`, { method })
    expect(wrong.status).toBe(401)
  })

  it('in the URL sets an HttpOnly, SameSite=Strict cookie and leaves the address bar', async () => {
    const response = await request(`/attention?token=${TOKEN}&x=1`)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/attention?x=1')
    expect(response.headers.get('set-cookie')).toMatch(
      /^taskbridge_dashboard_\w+=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/,
    )
  })

  it('is taken from the cookie and from an Authorization header', async () => {
    expect((await withCookie('/api/providers')).status).toBe(200)
    const bearer = await request('/api/providers', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(await bearer.json()).toMatchObject({
      readOnly: false,
      providers: [{ name: 'wexa' }, {}, {}, {}, { name: 'mcp' }],
    })
  })
})

describe('the page', () => {
  it('is served with a strict policy and no inline script or style', async () => {
    const response = await withCookie('/')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    const html = await text(response)
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    expect(html).not.toMatch(/\sstyle=/)
    expect(response.headers.get('x-frame-options')).toBe('DENY')
  })

  it('serves deep links to a task and its built assets', async () => {
    expect((await withCookie('/task/wexa/some-id')).status).toBe(200)
    const script = await withCookie('/assets/app.js')
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect((await script.text()).length).toBeGreaterThan(1000)
    expect((await withCookie('/assets/nothing.js')).status).toBe(404)
  })
})

describe('the API', () => {
  it('lists tasks of every provider, a page at a time', async () => {
    const first = (await (await withCookie('/api/tasks')).json()) as {
      tasks: { provider: string }[]
      cursor?: string
      failures: unknown[]
    }
    expect(first.failures).toEqual([])
    expect(new Set(first.tasks.map((task) => task.provider))).toEqual(
      new Set(['wexa', 'xpander', 'orkes', 'a2a', 'mcp']),
    )
    const again = await withCookie('/api/tasks?cursor=no-such-cursor')
    expect(again.status).toBe(410)
  })

  it('shows a task with its timeline, and a provider error with its redacted message', async () => {
    const id = emulated.emulators.wexa.createTask('running')
    const found = (await (await withCookie(`/api/task?provider=wexa&id=${id}`)).json()) as {
      task: { status: string }
      timeline: unknown[]
    }
    expect(found.task.status).toBe('running')
    expect(found.timeline).toHaveLength(1)
    const unknown = emulated.emulators.wexa.unknownTaskId()
    const missing = await withCookie(`/api/task?provider=wexa&id=${unknown}`)
    expect(missing.status).toBe(404)
    expect(JSON.parse(await text(missing))).toMatchObject({ error: { name: 'TaskNotFoundError' } })
  })

  it('lists the full state it read over a summary that cannot tell it apart', async () => {
    // An Orkes workflow waiting for a person is RUNNING in the search results: only a full read says it waits.
    const id = emulated.emulators.orkes.workflowHarness().createWaitingTask()
    const read = (await (await withCookie(`/api/task?provider=orkes&id=${id}`)).json()) as { task: { status: string } }
    expect(read.task.status).toBe('waiting_for_input')
    const listed = (await (await withCookie('/api/tasks')).json()) as { tasks: { id: string; status: string }[] }
    expect(listed.tasks.find((task) => task.id === id)?.status).toBe('waiting_for_input')
  })

  it('cancels a task with the CSRF token, and the emulator has it cancelled', async () => {
    const id = emulated.emulators.wexa.createTask('running')
    const response = await post('/api/action', { action: 'cancel', provider: 'wexa', id })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { task: { status: string } }).task.status).toBe('cancelled')
    expect(emulated.emulators.wexa.providerStatusOf(id)).not.toBe('running')
  })

  it.each([
    ['no CSRF token', { 'x-taskbridge-csrf': '' }],
    ['a cross-site request', { 'sec-fetch-site': 'cross-site' }],
    ['another origin', { origin: 'http://evil.example' }],
  ])('refuses a POST with %s', async (_, headers) => {
    const id = emulated.emulators.wexa.createTask('running')
    const response = await post('/api/action', { action: 'cancel', provider: 'wexa', id }, headers)
    expect(response.status).toBe(403)
    expect(emulated.emulators.wexa.providerStatusOf(id)).toBe('running')
  })

  it('answers stray requests with clear 4xx', async () => {
    const wrongMethod = await withCookie('/api/tasks', { method: 'DELETE' })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('GET')
    expect((await withCookie('/api/../../etc/passwd')).status).toBe(404)
    expect((await post('/api/action', 'x'.repeat(100_000))).status).toBe(413)
    const notJson = await withCookie('/api/action', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-taskbridge-csrf': csrf },
      body: '{',
    })
    expect(notJson.status).toBe(400)
    expect((await post('/api/action', { action: 'explode', provider: 'wexa', id: 'x' })).status).toBe(400)
    expect((await post('/api/action', { action: 'pause', provider: 'nope', id: 'x' })).status).toBe(400)
    expect((await post('/api/start', { provider: 'nope' })).status).toBe(400)
  })

  it('refuses what the adapter cannot do', async () => {
    const response = await post('/api/action', { action: 'pause', provider: 'a2a', id: 'anything' })
    expect(response.status).toBe(409)
    expect(await text(response)).toContain('a2a cannot pause')
  })

  it('starts a task where the adapter can', async () => {
    const response = await post('/api/start', { provider: 'a2a', input: { text: 'Summarise the report' } })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { task: { provider: string } }).task.provider).toBe('a2a')
  })

  it('answers a waiting task, and refuses an empty answer or one to a task that no longer waits', async () => {
    const id = emulated.emulators.a2a.createWaitingTask()
    const read = (await (await withCookie(`/api/task?provider=a2a&id=${id}`)).json()) as {
      task: { status: string; request?: { kind: string } }
    }
    expect(read.task).toMatchObject({ status: 'waiting_for_input', request: { kind: 'input' } })
    expect((await post('/api/answer', { provider: 'a2a', id, answer: {} })).status).toBe(400)
    const answered = await post('/api/answer', { provider: 'a2a', id, answer: { text: 'Lisbon' } })
    expect(answered.status).toBe(200)
    expect(((await answered.json()) as { task: { status: string } }).task.status).not.toBe('waiting_for_input')
    const again = await post('/api/answer', { provider: 'a2a', id, answer: { text: 'Porto' } })
    expect(again.status).toBe(409)
    expect(JSON.parse(await text(again))).toMatchObject({ error: { name: 'TaskNotWaitingError' } })
  })

  it('gives the changes after an event to a page that polls, and says when they are gone', async () => {
    const id = emulated.emulators.wexa.createTask('running')
    const { seq } = (await (await withCookie('/api/changes?after=0')).json()) as { seq: number }
    await post('/api/action', { action: 'cancel', provider: 'wexa', id })
    const changes = (await (await withCookie(`/api/changes?after=${seq}`)).json()) as {
      events: { type: string; task: { id: string; status: string } }[]
      reset: boolean
    }
    expect(changes.reset).toBe(false)
    expect(changes.events.find((event) => event.task.id === id)?.task.status).toBe('cancelled')
    const ahead = (await (await withCookie(`/api/changes?after=${seq + 1_000_000}`)).json()) as { reset: boolean }
    expect(ahead.reset).toBe(true)
  })

  it('streams a change that happens on the emulator clock', async () => {
    const id = emulated.emulators.wexa.createTask()
    const read = (await (await withCookie(`/api/task?provider=wexa&id=${id}`)).json()) as { seq: number }
    const events = await withCookie(`/api/events?after=${read.seq}`)
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = (events.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    emulated.emulators.wexa.clock.advance(10_000)
    let received = ''
    while (!received.includes(`"id":"${id}"`) || !received.includes('"status":"completed"')) {
      const next = await reader.read()
      if (next.done) break
      received += decoder.decode(next.value, { stream: true })
    }
    await reader.cancel()
    expect(received).toMatch(/event: task\ndata: .*"status":"completed"/)
  })
})

describe('a provider that refuses the credentials', () => {
  it("is named with the library's redacted message, and the others are listed", async () => {
    const wrongKey = 'wrong-key-5f0c2b7e9d41a3'
    const { xpander, wexa } = emulated.emulators
    const client = createTaskClient({
      adapters: [
        createXpanderAdapter({ baseUrl: xpander.baseUrl, apiKey: wrongKey, retry: false }),
        createWexaAdapter({ baseUrl: wexa.baseUrl, apiKey: wexa.apiKey, projectId: wexa.projectId, retry: false }),
      ],
    })
    await using dashboard = createDashboard({ client, token: TOKEN })
    const response = await dashboard(
      new Request(`${ORIGIN}/api/tasks`, { headers: { authorization: `Bearer ${TOKEN}` } }),
    )
    const body = await text(response)
    expect(body).not.toContain(wrongKey)
    const page = JSON.parse(body) as { tasks: { provider: string }[]; failures: { provider: string; error: object }[] }
    expect(page.failures).toEqual([
      { provider: 'xpander', error: expect.objectContaining({ name: 'AuthenticationError', retryable: false }) },
    ])
    expect(page.tasks.length).toBeGreaterThan(0)
    expect(new Set(page.tasks.map((task) => task.provider))).toEqual(new Set(['wexa']))
  })
})

describe('read-only', () => {
  it('refuses every action', async () => {
    const readOnly = createDashboard({ client: emulated.client, token: TOKEN, readOnly: true })
    const response = await readOnly(
      new Request(`${ORIGIN}/api/action`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'cancel', provider: 'wexa', id: 'x' }),
      }),
    )
    expect(response.status).toBe(403)
    await readOnly.close()
  })
})

describe('createDashboard', () => {
  it.each([
    ['client', { client: {} as TaskClient }],
    ['token', { token: 'short' }],
    ['basePath', { basePath: '/a b' }],
    ['pageSize', { pageSize: 0 }],
    ['providers[0].budget.requestsPerSecond', { budget: { requestsPerSecond: 0 } }],
  ])('refuses a bad %s', (argument, options) => {
    const error = (() => {
      try {
        createDashboard({ client: emulated.client as unknown as TaskClient, ...options })
      } catch (thrown) {
        return thrown
      }
    })()
    expect(InvalidArgumentError.is(error) && error.argument).toBe(argument)
  })

  it('makes a random token when none is given, and mounts under a base path', async () => {
    const dashboard = createDashboard({ client: emulated.client, basePath: '/ops/' })
    expect(dashboard.token.length).toBeGreaterThanOrEqual(16)
    const response = await dashboard(new Request(`${ORIGIN}/ops/?token=${dashboard.token}`))
    expect(response.headers.get('set-cookie')).toContain('Path=/ops;')
    expect(response.headers.get('location')).toBe('/ops/')
    await dashboard.close()
  })
})
