import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { knownStatusProblem, unknownStatusProblem } from '../src/contract/status-checks.js'
import {
  createRealTimeClock,
  createTaskStore,
  createVirtualClock,
  DEFAULT_CLOCK_START,
  type EmulatorServer,
  resolveClock,
  startEmulatorServer,
  startWexaEmulator,
  UNKNOWN_STATUS_VALUE,
} from '../src/index.js'

describe('createVirtualClock', () => {
  it('moves only when told to, never backwards', () => {
    const clock = createVirtualClock()
    expect(clock.now()).toBe(DEFAULT_CLOCK_START)
    clock.advance(1500)
    expect(clock.now()).toBe(DEFAULT_CLOCK_START + 1500)
    clock.set(DEFAULT_CLOCK_START + 10_000)
    expect(clock.now()).toBe(DEFAULT_CLOCK_START + 10_000)
    expect(() => clock.set(DEFAULT_CLOCK_START)).toThrow(RangeError)
    expect(() => clock.advance(-1)).toThrow(RangeError)
  })
})

describe('createRealTimeClock', () => {
  // Fake timers drive Date and performance, so nothing here depends on how fast the machine is.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'performance'], now: DEFAULT_CLOCK_START })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('starts at the wall-clock time and moves with real time', () => {
    const clock = createRealTimeClock()
    expect(clock.now()).toBe(DEFAULT_CLOCK_START)
    vi.advanceTimersByTime(1500)
    expect(clock.now()).toBe(DEFAULT_CLOCK_START + 1500)
  })

  it('runs speed times faster, and advance and set still jump it forward, never back', () => {
    const clock = createRealTimeClock({ speed: 10, startMs: 0 })
    vi.advanceTimersByTime(500)
    expect(clock.now()).toBe(5000)
    clock.advance(1000)
    expect(clock.now()).toBe(6000)
    vi.advanceTimersByTime(100)
    expect(clock.now()).toBe(7000)
    clock.set(20_000)
    expect(clock.now()).toBe(20_000)
    expect(() => clock.set(10_000)).toThrow(RangeError)
    expect(() => clock.advance(-1)).toThrow(RangeError)
    expect(() => createRealTimeClock({ speed: 0 })).toThrow(RangeError)
  })

  it('moves a store’s tasks through their lifecycle as real time passes', () => {
    const clock = createRealTimeClock({ speed: 2 })
    const store = createTaskStore<{ status: string }>({
      clock,
      applyStep: (task, step) => (task.data.status = step.status),
    })
    store.add('t1', { status: 'pending' }, [{ afterMs: 1000, status: 'running' }])
    vi.advanceTimersByTime(499)
    expect(store.get('t1')?.data.status).toBe('pending')
    vi.advanceTimersByTime(1)
    expect(store.get('t1')?.data.status).toBe('running')
  })

  it('is what an emulator’s clock option asks for', () => {
    expect(resolveClock().now()).toBe(DEFAULT_CLOCK_START)
    const realTime = resolveClock('real-time')
    const faster = resolveClock({ realTime: { speed: 4, startMs: 0 } })
    vi.advanceTimersByTime(250)
    expect(realTime.now()).toBe(DEFAULT_CLOCK_START + 250)
    expect(faster.now()).toBe(1000)
    const shared = createVirtualClock(0)
    expect(resolveClock(shared)).toBe(shared)
  })
})

describe('emulator options', () => {
  it('listens on the port asked for, and a real-time emulator moves its tasks without clock.advance', async () => {
    const first = await startWexaEmulator()
    const port = first.port
    await first.close()
    await using wexa = await startWexaEmulator({ port, clock: { realTime: { speed: 1000 } } })
    expect(wexa.port).toBe(port)
    expect(wexa.baseUrl).toBe(`http://127.0.0.1:${port}`)
    const id = wexa.createTask()
    // 1000 emulated ms per real ms: the 5 s lifecycle is over once a few real ms have passed.
    await vi.waitFor(() => expect(wexa.providerStatusOf(id)).toBe('completed'), { timeout: 30_000, interval: 10 })
  })
})

describe('contract status checks', () => {
  it('name the statusField setting when an injected unknown status never reached the adapter', () => {
    expect(unknownStatusProblem({ status: 'pending', providerStatus: 'queued' }, 'surprise')).toContain('statusField')
    expect(unknownStatusProblem({ status: 'running', providerStatus: 'surprise' }, 'surprise')).toContain('"unknown"')
    expect(unknownStatusProblem({ status: 'unknown', providerStatus: 'surprise' }, 'surprise')).toBeUndefined()
  })

  it('name the status table when a known status maps to unknown', () => {
    expect(knownStatusProblem({ status: 'unknown', providerStatus: 'done' }, 'done')).toContain('status table')
    expect(knownStatusProblem({ status: 'completed', providerStatus: 'done' }, 'done')).toBeUndefined()
  })
})

describe('createTaskStore', () => {
  function setup() {
    const clock = createVirtualClock(0)
    const applied: string[] = []
    const store = createTaskStore<{ status: string; changedAt?: number }>({
      clock,
      applyStep: (task, step, at) => {
        task.data.status = step.status
        task.data.changedAt = at
        applied.push(step.status)
      },
    })
    store.add('t1', { status: 'pending' }, [
      { afterMs: 5000, status: 'done' },
      { afterMs: 1000, status: 'running' },
    ])
    return { clock, store, applied }
  }

  it('plays due steps in order when a task is read, dated when they were due', () => {
    const { clock, store, applied } = setup()
    clock.advance(999)
    expect(store.get('t1')?.data.status).toBe('pending')
    clock.advance(10_000)
    expect(store.get('t1')?.data).toEqual({ status: 'done', changedAt: 5000 })
    expect(applied).toEqual(['running', 'done'])
  })

  it('freezes the lifecycle while paused and continues after resume', () => {
    const { clock, store } = setup()
    clock.advance(2000)
    store.pause('t1')
    clock.advance(60_000)
    expect(store.get('t1')?.data.status).toBe('running')
    store.resume('t1')
    clock.advance(2999)
    expect(store.get('t1')?.data.status).toBe('running')
    clock.advance(1)
    expect(store.get('t1')?.data.status).toBe('done')
  })

  it('end() drops the rest of the plan; list() advances every task in insertion order', () => {
    const { clock, store } = setup()
    store.add('t2', { status: 'pending' }, [{ afterMs: 10, status: 'running' }])
    store.end('t1')
    clock.advance(10_000)
    expect(store.list().map((task) => [task.id, task.data.status])).toEqual([
      ['t1', 'pending'],
      ['t2', 'running'],
    ])
    expect(store.size).toBe(2)
    expect(store.delete('t2')).toBe(true)
    expect(store.get('t2')).toBeUndefined()
  })
})

describe('startEmulatorServer', () => {
  let server: EmulatorServer
  const task = { id: 't1', status: 'running', name: 'demo' }

  beforeEach(async () => {
    server = await startEmulatorServer({
      statusField: 'status',
      listItems: {
        get: (body) => (body as { items: unknown[] }).items,
        set: (body, items) => ({ ...(body as object), items }),
      },
      authenticate: (request) =>
        request.headers['x-key'] === 'k' ? undefined : { status: 401, body: { error: 'no' } },
      routes: [
        {
          name: 'getTask',
          method: 'GET',
          path: '/tasks/:id',
          payload: 'task',
          handler: ({ params }) => ({ status: 200, body: { ...task, id: params.id } }),
        },
        {
          name: 'listTasks',
          method: 'GET',
          path: '/tasks',
          payload: 'list',
          handler: () => ({ status: 200, body: { items: [task, task], total: 2 } }),
        },
        {
          name: 'token',
          method: 'POST',
          path: '/token',
          auth: false,
          handler: ({ body }) => ({ status: 200, body: { echo: body } }),
        },
      ],
    })
  })

  afterEach(async () => {
    await server.close()
  })

  const get = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { 'x-key': 'k', ...init.headers } })

  describe('routing, auth and the request log', () => {
    it('decodes path parameters and records each request with its answer', async () => {
      const response = await get('/tasks/a%2Fb?x=1')
      expect(await response.json()).toEqual({ ...task, id: 'a/b' })
      expect(server.requests).toHaveLength(1)
      expect(server.requests[0]).toMatchObject({
        route: 'getTask',
        method: 'GET',
        target: '/tasks/a%2Fb?x=1',
        status: 200,
        response: { ...task, id: 'a/b' },
      })
      expect(server.requests[0]?.query.get('x')).toBe('1')
    })

    it('stamps each request with the time on its own clock, which moves only when the test moves it', async () => {
      const start = server.clock.now()
      await get('/tasks/t1')
      await get('/tasks/t2')
      server.clock.advance(1500)
      await get('/tasks/t3')

      expect(server.requests.map((request) => request.receivedAt - start)).toEqual([0, 0, 1500])
    })

    it('answers 404 for a path no route matches, such as an empty segment', async () => {
      const response = await get('/tasks//x')
      expect(response.status).toBe(404)
      expect(server.requests[0]?.route).toBeUndefined()
    })

    it('refuses requests that fail authentication, except on routes without auth', async () => {
      const refused = await fetch(`${server.url}/tasks/t1`)
      expect(refused.status).toBe(401)
      const open = await fetch(`${server.url}/token`, { method: 'POST', body: JSON.stringify({ a: 1 }) })
      expect(await open.json()).toEqual({ echo: { a: 1 } })
    })

    it('forgets requests on clearRequests()', async () => {
      await get('/tasks/t1')
      server.clearRequests()
      expect(server.requests).toEqual([])
    })
  })

  describe('faults', () => {
    it('status: answers the status with Retry-After in seconds', async () => {
      server.faults.inject('getTask', { type: 'status', status: 429, retryAfter: '7' })
      const response = await get('/tasks/t1')
      expect(response.status).toBe(429)
      expect(response.headers.get('retry-after')).toBe('7')
      expect(server.requests[0]?.fault).toBe('status')
    })

    it('status: carries Retry-After as an HTTP date and a custom body', async () => {
      const date = 'Wed, 21 Oct 2026 07:28:00 GMT'
      server.faults.inject('getTask', { type: 'status', status: 503, retryAfter: date, body: { oops: true } })
      const response = await get('/tasks/t1')
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe(date)
      expect(await response.json()).toEqual({ oops: true })
    })

    it.each([500, 502, 503])('status: %i with the default error body', async (status) => {
      server.faults.inject('getTask', { type: 'status', status })
      const response = await get('/tasks/t1')
      expect(response.status).toBe(status)
      expect(await response.json()).toEqual({ status, message: `Injected ${status}` })
    })

    it('reset: closes the connection without an answer', async () => {
      server.faults.inject('getTask', { type: 'reset' })
      await expect(get('/tasks/t1')).rejects.toThrow(TypeError)
      expect(server.requests[0]?.status).toBeUndefined()
    })

    it('delay: holds the answer, so a client with a shorter timeout gives up', async () => {
      server.faults.inject('getTask', { type: 'delay', ms: 60_000 })
      await expect(get('/tasks/t1', { signal: AbortSignal.timeout(100) })).rejects.toThrow()
      await expect.poll(() => server.requests[0]?.clientClosed, { timeout: 30_000 }).toBe(true)
    })

    it('delay: answers normally after a short delay', async () => {
      server.faults.inject('getTask', { type: 'delay', ms: 20 })
      expect((await get('/tasks/t1')).status).toBe(200)
      expect(server.requests[0]?.fault).toBe('delay')
    })

    it('truncate: sends the first half of the JSON body', async () => {
      server.faults.inject('getTask', { type: 'truncate' })
      const text = await (await get('/tasks/t1')).text()
      const full = JSON.stringify(task)
      expect(full.startsWith(text)).toBe(true)
      expect(text.length).toBe(Math.floor(full.length / 2))
      expect(() => JSON.parse(text)).toThrow()
    })

    it('non-json: answers 200 with an HTML page', async () => {
      server.faults.inject('getTask', { type: 'non-json' })
      const response = await get('/tasks/t1')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toContain('text/html')
      expect(await response.text()).toContain('<html>')
    })

    it('raw: answers the status with exactly the text given, before any credential check', async () => {
      server.faults.inject('getTask', { type: 'raw', status: 500, text: '{"detail":"\\u0041"}' })
      const response = await get('/tasks/t1')
      expect(response.status).toBe(500)
      expect(response.headers.get('content-type')).toBe('application/json')
      expect(await response.text()).toBe('{"detail":"\\u0041"}')
    })

    it('oversized: answers a JSON body of at least the given size', async () => {
      server.faults.inject('getTask', { type: 'oversized', bytes: 2_000_000 })
      const text = await (await get('/tasks/t1')).text()
      expect(text.length).toBeGreaterThanOrEqual(2_000_000)
      expect(() => JSON.parse(text)).not.toThrow()
    })

    it('unknown-status: replaces the status of a task and of every listed task', async () => {
      server.faults.inject('getTask', { type: 'unknown-status' })
      expect(await (await get('/tasks/t1')).json()).toMatchObject({ status: UNKNOWN_STATUS_VALUE })
      server.faults.inject('listTasks', { type: 'unknown-status', value: 'weird' })
      const list = (await (await get('/tasks')).json()) as { items: { status: string }[]; total: number }
      expect(list.items.map((item) => item.status)).toEqual(['weird', 'weird'])
      expect(list.total).toBe(2)
    })

    it('missing-fields: removes the fields', async () => {
      server.faults.inject('getTask', { type: 'missing-fields', fields: ['status', 'name'] })
      expect(await (await get('/tasks/t1')).json()).toEqual({ id: 't1' })
    })

    it('extra-fields: adds the fields', async () => {
      server.faults.inject('getTask', { type: 'extra-fields', fields: { surprise: [1, 2] } })
      expect(await (await get('/tasks/t1')).json()).toEqual({ ...task, surprise: [1, 2] })
    })

    it('applies a fault the given number of times, then answers normally', async () => {
      server.faults.inject('getTask', { type: 'status', status: 500 }, { times: 2 })
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await get('/tasks/t1')).status)
      expect(statuses).toEqual([500, 500, 200])
      expect(server.faults.pending).toBe(0)
    })

    it('applies a * fault to every route, and clear() removes it', async () => {
      server.faults.inject('*', { type: 'status', status: 503 }, { times: Number.POSITIVE_INFINITY })
      expect((await get('/tasks')).status).toBe(503)
      expect((await get('/tasks/t1')).status).toBe(503)
      server.faults.clear()
      expect((await get('/tasks/t1')).status).toBe(200)
    })

    it('leaves other routes alone', async () => {
      server.faults.inject('listTasks', { type: 'status', status: 500 })
      expect((await get('/tasks/t1')).status).toBe(200)
      expect(server.faults.pending).toBe(1)
    })
  })

  it('closes every connection and frees the port, also through await using', async () => {
    const url = await (async () => {
      await using scoped = await startEmulatorServer({ routes: [] })
      expect((await fetch(`${scoped.url}/x`)).status).toBe(404)
      return scoped.url
    })()
    await expect(fetch(`${url}/x`)).rejects.toThrow(TypeError)
  })
})
