import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createWebhookHandler, InvalidArgumentError, isTerminal, type Task, TaskSchema } from '@taskbridge/core'
import { type RedisServer, startRedisServer } from '@taskbridge/test-support/redis-server'
import { createRealTimeClock, startXpanderEmulator, type XpanderEmulator } from '@taskbridge/testkit'
import { createXpanderAdapter } from '@taskbridge/xpander'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDistributedWatcher, type DistributedWatcher, type TaskChange } from '../src/index.js'

// Real parts only: a redis-server of the tests' own, worker processes spawned
// with node on test/worker-process.mjs (the built package), and the xpander
// emulator over loopback HTTP. The emulator's tasks stay in their status
// until a test moves them, after every task was seen in its current state, so
// which states exist never depends on the machine's speed. Its clock is real
// time, as the budgets and pauses under test are: each recorded request's
// `receivedAt` is when it arrived.
const WORKER_SCRIPT = fileURLToPath(new URL('./worker-process.mjs', import.meta.url))
/** Conditions across processes: generous, since CI is a loaded 2-core machine. */
const WAIT = { timeout: 120_000, interval: 50 }

let redis: RedisServer
let testNumber = 0
const children = new Set<ChildProcess>()
const watchers = new Set<DistributedWatcher>()

beforeAll(async () => {
  redis = await startRedisServer()
})
afterEach(async () => {
  for (const child of children) child.kill('SIGKILL')
  children.clear()
  await Promise.all([...watchers].map((watcher) => watcher.close()))
  watchers.clear()
})
afterAll(async () => {
  await redis?.stop()
})

interface Setup {
  prefix: string
  emulator: XpanderEmulator
}

async function setup(): Promise<Setup & AsyncDisposable> {
  testNumber += 1
  const emulator = await startXpanderEmulator({ clock: createRealTimeClock() })
  return {
    prefix: `test${testNumber}-${process.pid}`,
    emulator,
    [Symbol.asyncDispose]: () => emulator.close(),
  }
}

/** A new task that stays pending until {@link moveTo} moves it. */
const createPendingTask = (emulator: XpanderEmulator): string => emulator.createTask('pending')

/** Moves a task to `status`, as the provider would; it stays there until moved again. */
function moveTo(emulator: XpanderEmulator, id: string, status: 'executing' | 'completed'): void {
  const stored = emulator.tasks.get(id)
  if (!stored) throw new Error(`the emulator lost task ${id}`)
  emulator.tasks.add(id, { ...stored.data, status })
}

async function startWorker(
  { prefix, emulator }: Setup,
  name: string,
  budget: { rps: number; concurrency: number },
  lockMs = 30_000,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [WORKER_SCRIPT], {
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      PREFIX: prefix,
      XPANDER_URL: emulator.baseUrl,
      XPANDER_KEY: emulator.apiKey,
      RPS: String(budget.rps),
      CONCURRENCY: String(budget.concurrency),
      LOCK_MS: String(lockMs),
      WORKER_NAME: name,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.add(child)
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  await new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => line === 'ready' && resolve())
    child.once('exit', (code) => reject(new Error(`worker ${name} exited with ${code} before it was ready`)))
  })
  return child
}

/** The test process's part: watches tasks and handles changes, polls nothing. */
function startHandler(prefix: string, changes: TaskChange[], rps: number): DistributedWatcher {
  const watcher = createDistributedWatcher({
    connection: redis.url,
    prefix,
    providers: [{ provider: 'xpander', budget: { requestsPerSecond: rps } }],
    onChange: (change) => {
      changes.push(change)
    },
  })
  watchers.add(watcher)
  return watcher
}

const statusesOf = (changes: readonly TaskChange[], id: string): string[] =>
  changes.filter((change) => change.id === id).map((change) => change.task.status)

/** Moves every task through its lifecycle (pending, executing, completed), one state at a time. */
async function driveToTheEnd(
  { emulator }: Setup,
  ids: readonly string[],
  changes: TaskChange[],
  betweenSteps: () => Promise<void> = async () => {},
) {
  const seenAll = (count: number) => () => {
    for (const id of ids) expect(statusesOf(changes, id).length).toBeGreaterThanOrEqual(count)
  }
  await vi.waitFor(seenAll(1), WAIT)
  await betweenSteps()
  for (const id of ids) moveTo(emulator, id, 'executing')
  await vi.waitFor(seenAll(2), WAIT)
  for (const id of ids) moveTo(emulator, id, 'completed')
  await vi.waitFor(seenAll(3), WAIT)
}

function expectEachStateOnce(ids: readonly string[], changes: readonly TaskChange[]) {
  const keys = changes.map((change) => change.dedupKey)
  expect(new Set(keys).size).toBe(keys.length)
  for (const id of ids) {
    const statuses = statusesOf(changes, id)
    expect(statuses).toHaveLength(3)
    expect(isTerminal(statuses[2] as Task['status'])).toBe(true)
    expect(changes.filter((change) => change.id === id && change.final)).toHaveLength(1)
  }
}

const getTaskRequests = (emulator: XpanderEmulator) => emulator.requests.filter((r) => r.route === 'getTask')

describe('createDistributedWatcher across worker processes', () => {
  it('two workers deliver every state of every task once, within one budget for both', async () => {
    await using env = await setup()
    const changes: TaskChange[] = []
    const rps = 5
    const handler = startHandler(env.prefix, changes, rps)
    await Promise.all([startWorker(env, 'a', { rps, concurrency: 2 }), startWorker(env, 'b', { rps, concurrency: 2 })])
    const ids = Array.from({ length: 10 }, () => createPendingTask(env.emulator))
    for (const id of ids) expect(await handler.watch('xpander', id)).toBe(true)
    expect(await handler.watch('xpander', ids[0] as string)).toBe(false)
    await driveToTheEnd(env, ids, changes)
    expectEachStateOnce(ids, changes)
    for (const id of ids) expect(await handler.isWatching('xpander', id)).toBe(false)

    const requests = getTaskRequests(env.emulator)
    const workers = new Set(requests.map((request) => request.headers['x-test-worker']))
    expect(workers).toEqual(new Set(['a', 'b']))
    // The shared budget as the provider sees it: a request holds its slot
    // from before it is sent until a second after its answer, so its arrival
    // falls inside, however slow the machine. Two workers budgeting apart
    // would send twice as many.
    const times = requests.map((request) => request.receivedAt).sort((a, b) => a - b)
    let most = 0
    for (let first = 0, last = 0; last < times.length; last += 1) {
      while ((times[first] as number) <= (times[last] as number) - 1000) first += 1
      most = Math.max(most, last - first + 1)
    }
    expect(most).toBeLessThanOrEqual(rps)
    expect(requests.length).toBeGreaterThan(3 * ids.length - 1)
  })

  it('a worker killed with SIGKILL mid-read: another takes its watches; nothing lost, nothing delivered twice', async () => {
    await using env = await setup()
    const changes: TaskChange[] = []
    const handler = startHandler(env.prefix, changes, 20)
    const doomed = await startWorker(env, 'doomed', { rps: 20, concurrency: 4 }, 2000)
    await startWorker(env, 'survivor', { rps: 20, concurrency: 4 }, 2000)
    // Every read is held for a while, so the doomed worker is surely mid-read when it dies.
    env.emulator.faults.inject('getTask', { type: 'delay', ms: 1500 }, { times: Number.POSITIVE_INFINITY })
    const ids = Array.from({ length: 10 }, () => createPendingTask(env.emulator))
    for (const id of ids) await handler.watch('xpander', id)
    await vi.waitFor(() => {
      const reading = env.emulator.requests.find(
        (request) => request.headers['x-test-worker'] === 'doomed' && request.status === undefined,
      )
      expect(reading).toBeDefined()
    }, WAIT)
    doomed.kill('SIGKILL')
    env.emulator.faults.clear()
    await driveToTheEnd(env, ids, changes)
    expectEachStateOnce(ids, changes)
  })

  it('Redis restarted under load: workers and the handler reconnect and carry on', async () => {
    await using env = await setup()
    const changes: TaskChange[] = []
    const handler = startHandler(env.prefix, changes, 20)
    await Promise.all([
      startWorker(env, 'a', { rps: 20, concurrency: 2 }),
      startWorker(env, 'b', { rps: 20, concurrency: 2 }),
    ])
    const ids = Array.from({ length: 10 }, () => createPendingTask(env.emulator))
    for (const id of ids) await handler.watch('xpander', id)
    await driveToTheEnd(env, ids, changes, async () => {
      const before = getTaskRequests(env.emulator).length
      await redis.restart()
      // Polling went on after the restart.
      await vi.waitFor(() => expect(getTaskRequests(env.emulator).length).toBeGreaterThan(before + 10), WAIT)
    })
    expectEachStateOnce(ids, changes)
  })

  it('a 429 answered to one worker pauses every worker for its Retry-After', async () => {
    await using env = await setup()
    const changes: TaskChange[] = []
    const handler = startHandler(env.prefix, changes, 10)
    await Promise.all([
      startWorker(env, 'a', { rps: 10, concurrency: 1 }),
      startWorker(env, 'b', { rps: 10, concurrency: 1 }),
    ])
    const ids = Array.from({ length: 6 }, () => createPendingTask(env.emulator))
    for (const id of ids) await handler.watch('xpander', id)
    await vi.waitFor(() => expect(changes.length).toBeGreaterThanOrEqual(ids.length), WAIT)
    env.emulator.faults.inject('getTask', { type: 'status', status: 429, retryAfter: '10' })
    const at = await vi.waitFor(() => {
      const limited = env.emulator.requests.find((request) => request.status === 429)
      expect(limited).toBeDefined()
      return limited?.receivedAt as number
    }, WAIT)
    // Polling resumes once the pause is over.
    await vi.waitFor(() => {
      expect(getTaskRequests(env.emulator).some((request) => request.receivedAt > at + 10_000)).toBe(true)
    }, WAIT)
    // From 3 s after the 429 (time enough for it to reach its worker and the
    // pause to reach Redis) to the end of the Retry-After, no worker sent a
    // request; each alone would have sent about ten a second.
    const during = getTaskRequests(env.emulator).filter(
      (request) => request.receivedAt > at + 3000 && request.receivedAt < at + 10_000,
    )
    expect(during).toEqual([])
    expect(new Set(getTaskRequests(env.emulator).map((request) => request.headers['x-test-worker']))).toEqual(
      new Set(['a', 'b']),
    )
  })
})

describe('createDistributedWatcher in one process', () => {
  it('webhook deliveries update the same state: a repeat or an older state is not delivered again', async () => {
    await using env = await setup()
    const changes: TaskChange[] = []
    const watcher = startHandler(env.prefix, changes, 10)
    const adapter = createXpanderAdapter({ baseUrl: env.emulator.baseUrl, apiKey: env.emulator.apiKey, retry: false })
    const id = createPendingTask(env.emulator)
    const first = await adapter.getTask(id)
    moveTo(env.emulator, id, 'executing')
    // xpander tasks carry no updatedAt; the provider's webhook would.
    const second = { ...(await adapter.getTask(id)), updatedAt: new Date(2000) }
    const older = { ...first, updatedAt: new Date(1000) }
    await watcher.watch('xpander', id)
    const webhook = createWebhookHandler({
      parse: (body) => TaskSchema.parse(body),
      onChange: async (task) => {
        await watcher.receive(task)
      },
    })
    const deliver = (task: Task) =>
      webhook(
        new Request('http://localhost/hook', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(task),
        }),
      )
    expect((await deliver(second)).status).toBe(200)
    expect(await watcher.receive(second)).toBe(false)
    expect(await watcher.receive(older)).toBe(false)
    await vi.waitFor(() => expect(changes).toHaveLength(1), WAIT)
    expect(changes[0]).toMatchObject({ id, source: 'webhook', final: false, task: { status: second.status } })

    expect(await watcher.unwatch('xpander', id)).toBe(true)
    expect(await watcher.isWatching('xpander', id)).toBe(false)
    moveTo(env.emulator, id, 'completed')
    expect(await watcher.receive(await adapter.getTask(id))).toBe(false)
  })

  it('refuses bad input with InvalidArgumentError before anything is sent', async () => {
    const make = (options: Record<string, unknown>) => () =>
      createDistributedWatcher({ connection: redis.url, providers: [], ...options } as never)
    expect(make({})).toThrow(InvalidArgumentError)
    expect(make({ providers: [{ provider: 'a:b', budget: { requestsPerSecond: 1 } }] })).toThrow(/provider/)
    expect(make({ providers: [{ provider: 'x', budget: { requestsPerSecond: 0 } }] })).toThrow(
      /budget.requestsPerSecond/,
    )
    const watcher = startHandler(`bad-${process.pid}`, [], 1)
    await expect(watcher.watch('nope', 'id')).rejects.toThrow(InvalidArgumentError)
    await expect(watcher.watch('xpander', ' ')).rejects.toThrow(InvalidArgumentError)
    await watcher.close()
    await expect(watcher.watch('xpander', 'id')).rejects.toThrow(/closed/)
  })
})
