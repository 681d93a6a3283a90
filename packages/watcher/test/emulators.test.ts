import { isTerminal, type Task } from '@taskbridge/core'
import { createOrkesTaskAdapter } from '@taskbridge/orkes'
import { type RecordedRequest, startOrkesEmulator, startWexaEmulator, startXpanderEmulator } from '@taskbridge/testkit'
import { createWexaAdapter } from '@taskbridge/wexa'
import { createXpanderAdapter } from '@taskbridge/xpander'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTaskWatcher, type TaskWatcherEvent } from '../src/index.js'
import { counted, drive, fakeTimeClock, mostInAnySecond } from './loopback.js'

// Real loopback HTTP to the testkit emulators, on fake time: the watcher's
// rate limit, its timers and the emulators' task lifecycles all read the same
// fake clock, which the driver moves only once every request has been
// answered. Adapters do not retry (retry: false), so every request is the
// watcher's own and a 429 reaches it.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

async function startAll() {
  const [xpander, wexa, orkes] = await Promise.all([
    startXpanderEmulator({ clock: fakeTimeClock }),
    startWexaEmulator({ clock: fakeTimeClock }),
    startOrkesEmulator({ clock: fakeTimeClock }),
  ])
  const adapters = {
    xpander: counted(createXpanderAdapter({ baseUrl: xpander.baseUrl, apiKey: xpander.apiKey, retry: false })),
    wexa: counted(
      createWexaAdapter({ baseUrl: wexa.baseUrl, apiKey: wexa.apiKey, projectId: wexa.projectId, retry: false }),
    ),
    orkes: counted(
      createOrkesTaskAdapter({
        serverUrl: orkes.baseUrl,
        keyId: orkes.keyId,
        keySecret: orkes.keySecret,
        retry: false,
      }),
    ),
  }
  const busy = () => Object.values(adapters).some((adapter) => adapter.inFlight > 0)
  // The Orkes adapter exchanges its key for a token inside its first call:
  // a request the watcher cannot see, once an hour (counted on its own below).
  const logs = {
    xpander: () => xpander.requests,
    wexa: () => wexa.requests,
    orkes: () => orkes.requests.filter((request) => request.route !== 'token'),
  }
  return {
    emulators: { xpander, wexa, orkes },
    adapters,
    busy,
    logs,
    async [Symbol.asyncDispose]() {
      await Promise.all([xpander.close(), wexa.close(), orkes.close()])
    },
  }
}

/** Each task's statuses in the order emitted. */
function statusesByTask(events: readonly TaskWatcherEvent[]): Map<string, Task[]> {
  const byTask = new Map<string, Task[]>()
  for (const event of events) {
    if (event.type !== 'change') continue
    const key = `${event.provider}:${event.id}`
    byTask.set(key, [...(byTask.get(key) ?? []), event.task])
  }
  return byTask
}

describe('createTaskWatcher over loopback HTTP', () => {
  it('follows tasks of three emulators to their end within each budget, every change once', async () => {
    await using setup = await startAll()
    const { emulators, adapters } = setup
    const perProvider = 60
    const watched = {
      xpander: Array.from({ length: perProvider }, () => emulators.xpander.createTask()),
      wexa: Array.from({ length: perProvider }, () => emulators.wexa.createTask()),
      orkes: Array.from({ length: perProvider }, () => emulators.orkes.createTask()),
    }
    const events: TaskWatcherEvent[] = []
    const watcher = createTaskWatcher({
      providers: [
        {
          adapter: adapters.xpander.adapter,
          budget: { requestsPerSecond: 8, concurrency: 3 },
          batch: { pageSize: 50 },
        },
        { adapter: adapters.wexa.adapter, budget: { requestsPerSecond: 8 }, batch: { pageSize: 50 } },
        { adapter: adapters.orkes.adapter, budget: { requestsPerSecond: 8 } },
      ],
      onEvent: (event) => events.push(event),
    })
    for (const [provider, ids] of Object.entries(watched)) for (const id of ids) watcher.watch(provider, id)
    for (let round = 0; round < 60 && watcher.size > 0; round += 1) await drive(1000, setup.busy)
    await watcher.stop()

    expect(watcher.size).toBe(0)
    expect(events.filter((event) => event.type === 'error')).toEqual([])
    for (const name of ['xpander', 'wexa', 'orkes'] as const) {
      expect(mostInAnySecond(setup.logs[name]()), name).toBeLessThanOrEqual(8)
    }
    expect(emulators.orkes.requests.filter((request) => request.route === 'token')).toHaveLength(1)
    const byTask = statusesByTask(events)
    expect(byTask.size).toBe(3 * perProvider)
    for (const [key, tasks] of byTask) {
      const states = tasks.map((task) => `${task.status}|${task.providerStatus}|${task.updatedAt?.getTime()}`)
      expect(new Set(states).size, key).toBe(states.length)
      expect(tasks.at(-1)?.status, key).toBe('completed')
      expect(
        tasks.slice(0, -1).every((task) => !isTerminal(task.status)),
        key,
      ).toBe(true)
      // Never a summary: xpander's list items were confirmed by getTask.
      expect(
        tasks.every((task) => task.metadata?.summary !== true),
        key,
      ).toBe(true)
    }
    // Batched: far fewer requests than a getTask per task per poll.
    const requests = (name: 'xpander' | 'wexa') => emulators[name].requests.length
    expect(requests('wexa')).toBeLessThan(perProvider)
    expect(emulators.xpander.requests.filter((request) => request.route === 'listTasks').length).toBeGreaterThan(0)
    expect(requests('xpander')).toBeLessThan(perProvider * 4)
  })

  it("pauses a provider for the 429's Retry-After: no request to it for 2 s, the other providers unslowed", async () => {
    await using setup = await startAll()
    const { emulators, adapters } = setup
    const xpanderIds = Array.from({ length: 20 }, () => emulators.xpander.createTask('executing'))
    const orkesIds = Array.from({ length: 5 }, () => emulators.orkes.createTask('IN_PROGRESS'))
    const watcher = createTaskWatcher({
      providers: [
        { adapter: adapters.xpander.adapter, budget: { requestsPerSecond: 10, concurrency: 2 } },
        { adapter: adapters.orkes.adapter, budget: { requestsPerSecond: 10 } },
      ],
      intervalMs: 500,
      maxIntervalMs: 500,
      onEvent: () => undefined,
    })
    for (const id of xpanderIds) watcher.watch('xpander', id)
    for (const id of orkesIds) watcher.watch('orkes', id)
    await drive(3000, setup.busy)
    emulators.xpander.faults.inject('getTask', { type: 'status', status: 429, retryAfter: '2' })
    await drive(5000, setup.busy)
    await watcher.stop()

    const xpanderRequests = setup.logs.xpander()
    const limited = xpanderRequests.findIndex((request) => request.status === 429)
    expect(limited).toBeGreaterThanOrEqual(0)
    const at = (xpanderRequests[limited] as RecordedRequest).receivedAt
    const afterLimitedBy = (time: number) =>
      xpanderRequests.slice(limited + 1).filter((request) => request.receivedAt <= time).length
    // Only what was already in flight with the 429 (concurrency 2) is answered before the pause ends.
    expect(afterLimitedBy(at + 1980)).toBeLessThanOrEqual(1)
    expect(afterLimitedBy(at + 3000)).toBeGreaterThanOrEqual(5)
    expect(xpanderRequests.filter((request) => request.status === 429)).toHaveLength(1)
    const orkesDuring = setup.logs
      .orkes()
      .filter((request) => request.receivedAt >= at && request.receivedAt < at + 1980)
    expect(orkesDuring.length).toBeGreaterThanOrEqual(10)
  })

  it('takes tasks added and removed while it runs, and sends nothing after stop', async () => {
    await using setup = await startAll()
    const { emulators, adapters } = setup
    const first = emulators.xpander.createTask('executing')
    const second = emulators.xpander.createTask('executing')
    const events: TaskWatcherEvent[] = []
    const watcher = createTaskWatcher({
      providers: [{ adapter: adapters.xpander.adapter, budget: { requestsPerSecond: 10 }, batch: { pageSize: 50 } }],
    })
    const iterated = (async () => {
      for await (const event of watcher) events.push(event)
    })()
    watcher.watch('xpander', first)
    await drive(3000, setup.busy)
    watcher.watch('xpander', second)
    await drive(1000, setup.busy)
    watcher.unwatch('xpander', first)
    const readsOfFirst = () =>
      emulators.xpander.requests.filter((request) => request.path.endsWith(`/tasks/${first}`)).length
    const before = readsOfFirst()
    const complete = (id: string) => {
      const stored = emulators.xpander.tasks.get(id)
      if (!stored) throw new Error(`the emulator lost task ${id}`)
      emulators.xpander.tasks.add(id, { ...stored.data, status: 'completed' })
    }
    complete(first)
    complete(second)
    await drive(3000, setup.busy)
    expect(readsOfFirst()).toBe(before)
    expect(watcher.isWatching('xpander', second)).toBe(false)

    const third = emulators.xpander.createTask('executing')
    watcher.watch('xpander', third)
    await drive(1000, setup.busy)
    await watcher.stop()
    await iterated
    const logged = emulators.xpander.requests.length
    await drive(5000, setup.busy)
    expect(emulators.xpander.requests.length).toBe(logged)

    const changes = events.flatMap((event) => (event.type === 'change' ? [[event.id, event.task.status]] : []))
    expect(changes).toEqual([
      [first, 'running'],
      [second, 'running'],
      [second, 'completed'],
      [third, 'running'],
    ])
  })
})
