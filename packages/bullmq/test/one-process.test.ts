import { InvalidArgumentError, InvalidPayloadError, isTerminal, type StoredTask, type Task } from '@taskbridge/core'
import { type RedisServer, startRedisServer } from '@taskbridge/test-support/redis-server'
import { createVirtualClock, startXpanderEmulator, type XpanderEmulator } from '@taskbridge/testkit'
import { createXpanderAdapter } from '@taskbridge/xpander'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest'
import {
  createDistributedWatcher,
  type DistributedWatchError,
  type DistributedWatcher,
  type DistributedWatcherOptions,
  type TaskChange,
} from '../src/index.js'

// The distributed watcher with its worker in the test process: a
// redis-server of the tests' own and the xpander emulator over loopback HTTP,
// whose tasks advance only when a test moves its virtual clock.
const WAIT = { timeout: 120_000, interval: 50 }

let redis: RedisServer
let client: Redis
let testNumber = 0
const watchers = new Set<DistributedWatcher>()
const emulators = new Set<XpanderEmulator>()

beforeAll(async () => {
  redis = await startRedisServer()
  client = new Redis(redis.url)
})
afterEach(async () => {
  await Promise.all([...watchers].map((watcher) => watcher.close()))
  watchers.clear()
  await Promise.all([...emulators].map((emulator) => emulator.close()))
  emulators.clear()
})
afterAll(async () => {
  client?.disconnect()
  await redis?.stop()
})

interface Followed {
  prefix: string
  emulator: XpanderEmulator
  clock: ReturnType<typeof createVirtualClock>
  watcher: DistributedWatcher
  changes: TaskChange[]
  errors: DistributedWatchError[]
}

/** A watcher that polls the emulator's xpander tasks in this process. */
async function follow(options: Partial<DistributedWatcherOptions> & { batch?: boolean } = {}): Promise<Followed> {
  testNumber += 1
  const prefix = `one${testNumber}-${process.pid}`
  const clock = createVirtualClock()
  const emulator = await startXpanderEmulator({ clock })
  emulators.add(emulator)
  const changes: TaskChange[] = []
  const errors: DistributedWatchError[] = []
  const { batch, ...rest } = options
  const watcher = createDistributedWatcher({
    connection: redis.url,
    prefix,
    intervalMs: 100,
    maxIntervalMs: 300,
    providers: [
      {
        provider: 'xpander',
        budget: { requestsPerSecond: 20 },
        ...(batch ? { batch: { pageSize: 50, intervalMs: 200 } } : {}),
        createAdapter: () => createXpanderAdapter({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, retry: false }),
      },
    ],
    onChange: (change) => {
      changes.push(change)
    },
    onError: (error) => {
      errors.push(error)
    },
    ...rest,
  })
  watchers.add(watcher)
  return { prefix, emulator, clock, watcher, changes, errors }
}

const statusesOf = (changes: readonly TaskChange[], id: string): string[] =>
  changes.filter((change) => change.id === id).map((change) => change.task.status)

const seenAll = (changes: readonly TaskChange[], ids: readonly string[], count: number) => () => {
  for (const id of ids) expect(statusesOf(changes, id).length).toBeGreaterThanOrEqual(count)
}

const corruptionOf = (errors: readonly DistributedWatchError[], id: string) =>
  errors.find((error) => error.id === id && InvalidPayloadError.is(error.error) && !error.final)

describe('createDistributedWatcher with a batched provider', () => {
  it('reads the listing a page at a time: every state of every task once, one getTask per change at most', async () => {
    const { emulator, clock, watcher, changes } = await follow({ batch: true })
    const ids = Array.from({ length: 30 }, () => emulator.createTask())
    for (const id of ids) expect(await watcher.watch('xpander', id)).toBe(true)
    await vi.waitFor(seenAll(changes, ids, 1), WAIT)
    clock.advance(1000)
    await vi.waitFor(seenAll(changes, ids, 2), WAIT)
    clock.advance(5000)
    await vi.waitFor(seenAll(changes, ids, 3), WAIT)

    const keys = changes.map((change) => change.dedupKey)
    expect(new Set(keys).size).toBe(keys.length)
    for (const id of ids) {
      expect(statusesOf(changes, id)).toHaveLength(3)
      expect(isTerminal(statusesOf(changes, id)[2] as never)).toBe(true)
      expect(await watcher.isWatching('xpander', id)).toBe(false)
    }
    const routes = emulator.requests.map((request) => request.route)
    expect(routes.filter((route) => route === 'listTasks').length).toBeGreaterThan(0)
    // xpander's list items are summaries: each change is confirmed by one getTask, never read task by task.
    expect(routes.filter((route) => route === 'getTask').length).toBeLessThanOrEqual(3 * ids.length)
  })
})

describe('createDistributedWatcher under odd input and broken state', () => {
  it('numeric and odd ids are watched like any other; an id with a lone surrogate is refused', async () => {
    const { emulator, watcher, changes } = await follow()
    const ids = ['42', '7', 'a:b', 'sweep', 'task-42', '50% done', 'ü ✓', '__proto__']
    for (const id of ids) emulator.createTask('completed', { id })
    for (const id of ids) expect(await watcher.watch('xpander', id)).toBe(true)
    await vi.waitFor(seenAll(changes, ids, 1), WAIT)
    for (const id of ids) {
      expect(statusesOf(changes, id)).toEqual(['completed'])
      expect(await watcher.isWatching('xpander', id)).toBe(false)
    }
    await expect(watcher.watch('xpander', 'a\uD800b')).rejects.toThrow(InvalidArgumentError)
  })

  it('a corrupted stored state is an InvalidPayloadError for that task, which goes on being read to its end', async () => {
    const { prefix, emulator, clock, watcher, changes, errors } = await follow()
    const id = emulator.createTask()
    await watcher.watch('xpander', id)
    await vi.waitFor(seenAll(changes, [id], 1), WAIT)
    await client.hset(`${prefix}:seen:xpander`, id, '{"status":')
    await vi.waitFor(() => expect(corruptionOf(errors, id)).toBeDefined(), WAIT)
    clock.advance(6000)
    await vi.waitFor(
      () => expect(changes.at(-1)).toMatchObject({ id, final: true, task: { status: 'completed' } }),
      WAIT,
    )
    expect(await watcher.isWatching('xpander', id)).toBe(false)
  })

  it('a corrupted watch job is an InvalidPayloadError for that task, which goes on being read to its end', async () => {
    const { prefix, emulator, clock, watcher, changes, errors } = await follow()
    const id = emulator.createTask()
    await watcher.watch('xpander', id)
    await vi.waitFor(seenAll(changes, [id], 1), WAIT)
    const jobKeys: string[] = []
    for (const key of await client.keys(`${prefix}:${prefix}.xpander:*`)) {
      if ((await client.type(key)) === 'hash' && (await client.hget(key, 'data'))?.includes(id)) jobKeys.push(key)
    }
    expect(jobKeys).toHaveLength(1)
    // Written again until a read meets it: a read in flight would write its own data over it.
    await vi.waitFor(async () => {
      if (!corruptionOf(errors, id)) await client.hset(jobKeys[0] as string, 'data', 'not json')
      expect(corruptionOf(errors, id)).toBeDefined()
    }, WAIT)
    clock.advance(6000)
    await vi.waitFor(
      () => expect(changes.at(-1)).toMatchObject({ id, final: true, task: { status: 'completed' } }),
      WAIT,
    )
  })

  it('close() returns while Redis is down', { timeout: 60_000 }, async () => {
    const own = await startRedisServer()
    const emulator = await startXpanderEmulator({ clock: createVirtualClock() })
    emulators.add(emulator)
    const watcher = createDistributedWatcher({
      connection: own.url,
      closeTimeoutMs: 500,
      providers: [
        {
          provider: 'xpander',
          budget: { requestsPerSecond: 5 },
          createAdapter: () =>
            createXpanderAdapter({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, retry: false }),
        },
      ],
      onChange: () => {},
    })
    await watcher.watch('xpander', emulator.createTask())
    await own.stop()
    await watcher.close()
    expect(watcher.closed).toBe(true)
  })
})

describe('createDistributedWatcher reading tasks back from Redis', () => {
  type Seen = Task<{ seenAt: Date; note?: string }, 'memory'>
  const seenAt = new Date('2026-01-01T09:00:00.000Z')
  const createdAt = new Date('2026-01-01T08:00:00.000Z')
  const task: Seen = {
    id: 'stored-1',
    adapter: 'memory',
    provider: 'memory',
    status: 'running',
    providerStatus: 'RUNNING',
    createdAt,
    metadata: { seenAt, note: undefined },
    raw: { state: 'RUNNING' },
  }

  /** A watcher of the `memory` provider that only receives (no adapter), its changes kept in order. */
  function receiving(prefix: string) {
    const changes: TaskChange<Seen>[] = []
    const watcher = createDistributedWatcher<Seen>({
      connection: redis.url,
      prefix,
      providers: [{ provider: 'memory', budget: { requestsPerSecond: 10 } }],
      onChange: (change) => {
        changes.push(change)
      },
    })
    watchers.add(watcher)
    return { watcher, changes }
  }

  it('hands over the task typed as what came back: the Task dates revived, a Date in metadata an ISO string', async () => {
    const { watcher, changes } = receiving(`stored-${process.pid}`)
    await watcher.watch('memory', task.id)

    expect(await watcher.receive(task)).toBe(true)
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT)
    const stored = changes[0]?.task

    expectTypeOf(stored).toEqualTypeOf<StoredTask<Seen> | undefined>()
    expectTypeOf<StoredTask<Seen>['metadata']['seenAt']>().toEqualTypeOf<string>()
    expectTypeOf<StoredTask<Seen>['createdAt']>().toEqualTypeOf<Date | undefined>()
    expect(stored?.metadata).toStrictEqual({ seenAt: seenAt.toISOString() })
    expect(stored?.createdAt).toStrictEqual(createdAt)
    expect(stored?.provider).toBe('memory')
  })

  it('drops a stream entry whose change is not one this package wrote, and hands over the next', async () => {
    const prefix = `foreign-${process.pid}`
    const { watcher, changes } = receiving(prefix)
    const foreign = { provider: 7, id: task.id, task, final: false, source: 'poll', dedupKey: 'k' }
    await client.xadd(`${prefix}:changes`, '*', 'change', JSON.stringify(foreign))
    await watcher.watch('memory', task.id)

    expect(await watcher.receive(task)).toBe(true)
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT)
    expect(changes[0]).toMatchObject({ provider: 'memory', id: task.id, source: 'webhook' })
  })
})
