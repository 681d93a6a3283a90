import { InvalidArgumentError, ProviderApiError, RateLimitError } from '@taskbridge/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTaskWatcher, type TaskWatcherEvent } from '../src/index.js'
import { createMemoryProvider } from './memory-adapter.js'

// Scheduling on vitest's fake timers: p-queue's rate limit reads Date.now()
// and waits with setTimeout, both faked, so every time below is fake time.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

const ids = (count: number, prefix = 't') => Array.from({ length: count }, (_, i) => `${prefix}${i}`)

describe('createTaskWatcher on fake timers', () => {
  it('never starts more reads in any second than the budget, and reads every task (none starves)', async () => {
    const memory = createMemoryProvider()
    for (const id of ids(100)) memory.set(id, 'running')
    const events: TaskWatcherEvent[] = []
    const watcher = createTaskWatcher({
      providers: [{ adapter: memory.adapter, budget: { requestsPerSecond: 5, concurrency: 2 } }],
      onEvent: (event) => events.push(event),
    })
    for (const id of ids(100)) watcher.watch('memory', id)
    await vi.advanceTimersByTimeAsync(60_000)
    await watcher.stop()

    expect(memory.maxReadsInAnySecond()).toBeLessThanOrEqual(5)
    expect(memory.maxInFlight).toBeLessThanOrEqual(2)
    // 60 s at 5 a second: the budget was used, and every task was read.
    expect(memory.reads.length).toBeGreaterThanOrEqual(290)
    const readIds = new Set(memory.reads.map((read) => read.id))
    expect(readIds.size).toBe(100)
    // Each task's first state, once.
    expect(events.filter((event) => event.type === 'change')).toHaveLength(100)
  })

  it('reads the task whose read became due first (round robin under a tight budget)', async () => {
    const memory = createMemoryProvider()
    for (const id of ids(4)) memory.set(id, 'running')
    const watcher = createTaskWatcher({
      providers: [{ adapter: memory.adapter, budget: { requestsPerSecond: 1 } }],
      intervalMs: 1000,
      maxIntervalMs: 1000,
      onEvent: () => undefined,
    })
    for (const id of ids(4)) watcher.watch('memory', id)
    await vi.advanceTimersByTimeAsync(12_500)
    await watcher.stop()
    const order = memory.reads.map((read) => read.id)
    expect(order.slice(0, 12)).toEqual([...ids(4), ...ids(4), ...ids(4)])
  })

  it('pauses the whole provider for Retry-After when one read gets a 429, then goes on with the reads that waited first', async () => {
    const memory = createMemoryProvider()
    const other = createMemoryProvider('other')
    for (const id of ids(10)) memory.set(id, 'running')
    other.set('o1', 'running')
    memory.failures.set('t0', [new RateLimitError({ provider: 'memory', retryAfterMs: 2000, message: '429' })])
    const watcher = createTaskWatcher({
      providers: [
        { adapter: memory.adapter, budget: { requestsPerSecond: 100, concurrency: 1 } },
        { adapter: other.adapter, budget: { requestsPerSecond: 100 } },
      ],
      intervalMs: 100,
      maxIntervalMs: 100,
      onEvent: () => undefined,
    })
    for (const id of ids(10)) watcher.watch('memory', id)
    watcher.watch('other', 'o1')
    await vi.advanceTimersByTimeAsync(5000)
    await watcher.stop()
    const start = memory.reads[0]?.at as number
    // t0 was answered 429: nothing was sent to this provider for 2 s.
    expect(memory.reads[0]?.id).toBe('t0')
    expect(memory.reads[1]?.at).toBe(start + 2000)
    // …then every task that waited, t0 again among them, before any task's second read.
    expect(new Set(memory.reads.slice(1, 11).map((read) => read.id))).toEqual(new Set(ids(10)))
    // The other provider was not slowed down.
    expect(other.reads.filter((read) => read.at < start + 2000).length).toBeGreaterThan(10)
  })

  it('emits each change once, ends a task at its terminal status, and backs off between reads', async () => {
    const memory = createMemoryProvider()
    memory.set('a', 'pending')
    const events: TaskWatcherEvent[] = []
    const watcher = createTaskWatcher({
      providers: [{ adapter: memory.adapter, budget: { requestsPerSecond: 10 } }],
      jitter: 0,
      onEvent: (event) => events.push(event),
    })
    watcher.watch('memory', 'a')
    await vi.advanceTimersByTimeAsync(4000)
    memory.set('a', 'running')
    await vi.advanceTimersByTimeAsync(10_000)
    memory.set('a', 'completed')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(events.map((event) => (event.type === 'change' ? [event.task.status, event.final] : event.type))).toEqual([
      ['pending', false],
      ['running', false],
      ['completed', true],
    ])
    expect(watcher.isWatching('memory', 'a')).toBe(false)
    const readsAtEnd = memory.reads.length
    await vi.advanceTimersByTimeAsync(10_000)
    expect(memory.reads.length).toBe(readsAtEnd)
    // Waits of 1, 2, 4 s, then 6 s: reads at 0, 1, 3, 7, 13, 19 s…
    const first = memory.reads[0]?.at as number
    expect(memory.reads.slice(0, 5).map((read) => read.at - first)).toEqual([0, 1000, 3000, 7000, 13_000])
    await watcher.stop()
  })

  it('reports one task’s errors without stopping the others: a run of retryable ones once, past maxConsecutiveErrors; others at once, final', async () => {
    const memory = createMemoryProvider()
    memory.set('ok', 'running')
    memory.set('flaky', 'running')
    const serverError = () => new ProviderApiError({ provider: 'memory', status: 503, retryable: true, message: '503' })
    memory.failures.set('flaky', Array.from({ length: 6 }, serverError))
    const events: TaskWatcherEvent[] = []
    const watcher = createTaskWatcher({
      providers: [{ adapter: memory.adapter, budget: { requestsPerSecond: 10 } }],
      maxConsecutiveErrors: 2,
      onEvent: (event) => events.push(event),
    })
    watcher.watch('memory', 'ok')
    watcher.watch('memory', 'flaky')
    watcher.watch('memory', 'missing')
    await vi.advanceTimersByTimeAsync(60_000)
    const errors = events.filter((event) => event.type === 'error')
    const of = (id: string) =>
      errors.filter((event) => event.id === id).map((event) => [event.final, (event.error as Error).name])
    expect(of('missing')).toEqual([[true, 'TaskNotFoundError']])
    // Six failures in a row: the third reported, once; then the read that succeeded.
    expect(of('flaky')).toEqual([[false, 'ProviderApiError']])
    expect(of('ok')).toEqual([])
    expect(watcher.isWatching('memory', 'flaky')).toBe(true)
    expect(events.filter((event) => event.type === 'change' && event.id === 'flaky')).toHaveLength(1)
    expect(memory.reads.filter((read) => read.id === 'ok').length).toBeGreaterThan(4)
    await watcher.stop()
  })

  it('reports endless 429s after the same maxConsecutiveErrors, keeps the task and stays within the budget', async () => {
    const memory = createMemoryProvider()
    memory.set('a', 'running')
    memory.failures.set(
      'a',
      Array.from({ length: 1000 }, () => new RateLimitError({ provider: 'memory', message: '429' })),
    )
    const events: TaskWatcherEvent[] = []
    const watcher = createTaskWatcher({
      providers: [{ adapter: memory.adapter, budget: { requestsPerSecond: 2 } }],
      onEvent: (event) => events.push(event),
    })
    watcher.watch('memory', 'a')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(events.map((event) => [event.type, event.final, (event as { error?: Error }).error?.name])).toEqual([
      ['error', false, 'RateLimitError'],
    ])
    expect(watcher.isWatching('memory', 'a')).toBe(true)
    expect(memory.maxReadsInAnySecond()).toBeLessThanOrEqual(2)
    await watcher.stop()
  })

  it('reports an answer about another task as an error, never as a change, and keeps reading the task', async () => {
    const memory = createMemoryProvider()
    memory.set('a', 'running')
    memory.answerAs.set('a', 'someone-else')
    const events: TaskWatcherEvent[] = []
    const watcher = createTaskWatcher({
      providers: [{ adapter: memory.adapter, budget: { requestsPerSecond: 10 } }],
      onEvent: (event) => events.push(event),
    })
    watcher.watch('memory', 'a')
    await vi.advanceTimersByTimeAsync(2500)
    memory.answerAs.delete('a')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(events.filter((event) => event.type === 'change').map((event) => event.task.id)).toEqual(['a'])
    const errors = events.filter((event) => event.type === 'error')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((event) => !event.final && (event.error as Error).name === 'InvalidPayloadError')).toBe(true)
    expect(watcher.isWatching('memory', 'a')).toBe(true)
    await watcher.stop()
  })

  it('reports an onEvent that throws, and keeps reading the task', async () => {
    const memory = createMemoryProvider()
    memory.set('a', 'pending')
    const events: TaskWatcherEvent[] = []
    let throws = 1
    const watcher = createTaskWatcher({
      providers: [{ adapter: memory.adapter, budget: { requestsPerSecond: 10 } }],
      onEvent: (event) => {
        events.push(event)
        if (event.type === 'change' && throws-- > 0) throw new Error('dashboard down')
      },
    })
    watcher.watch('memory', 'a')
    await vi.advanceTimersByTimeAsync(3000)
    memory.set('a', 'completed')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(
      events.map((event) =>
        event.type === 'change' ? event.task.status : `${(event.error as InvalidArgumentError).argument}`,
      ),
    ).toEqual(['pending', 'onEvent', 'completed'])
    expect(watcher.isWatching('memory', 'a')).toBe(false)
  })

  it('takes tasks added and removed while it runs; a removed task is not read again', async () => {
    const memory = createMemoryProvider()
    for (const id of ids(3)) memory.set(id, 'running')
    const watcher = createTaskWatcher({
      providers: [{ adapter: memory.adapter, budget: { requestsPerSecond: 10 } }],
      onEvent: () => undefined,
    })
    watcher.watch('memory', 't0')
    await vi.advanceTimersByTimeAsync(2500)
    expect(watcher.watch('memory', 't1')).toBe(true)
    expect(watcher.watch('memory', 't1')).toBe(false)
    expect(watcher.unwatch('memory', 't0')).toBe(true)
    const t0Reads = memory.reads.filter((read) => read.id === 't0').length
    await vi.advanceTimersByTimeAsync(20_000)
    expect(memory.reads.filter((read) => read.id === 't0').length).toBe(t0Reads)
    expect(memory.reads.filter((read) => read.id === 't1').length).toBeGreaterThan(3)
    expect(watcher.size).toBe(1)
    await watcher.stop()
  })

  it('stops on stop(), on its signal and with await using: no read after, the read in flight cancelled, iteration ended', async () => {
    const memory = createMemoryProvider()
    memory.set('a', 'running')
    memory.latencyMs = 500
    const controller = new AbortController()
    const watcher = createTaskWatcher({
      providers: [{ adapter: memory.adapter, budget: { requestsPerSecond: 10 } }],
      signal: controller.signal,
    })
    watcher.watch('memory', 'a')
    const seen: TaskWatcherEvent[] = []
    const iterated = (async () => {
      for await (const event of watcher) seen.push(event)
    })()
    await vi.advanceTimersByTimeAsync(1200)
    controller.abort()
    await vi.advanceTimersByTimeAsync(0)
    await iterated
    expect(watcher.stopped).toBe(true)
    expect(seen).toHaveLength(1)
    const reads = memory.reads.length
    await vi.advanceTimersByTimeAsync(20_000)
    expect(memory.reads.length).toBe(reads)
    expect(watcher.watch('memory', 'b')).toBe(false)

    let outside: { readonly stopped: boolean } | undefined
    {
      await using disposed = createTaskWatcher({
        providers: [{ adapter: memory.adapter, budget: { requestsPerSecond: 10 } }],
        onEvent: () => undefined,
      })
      disposed.watch('memory', 'a')
      await vi.advanceTimersByTimeAsync(100)
      outside = disposed
    }
    expect(outside?.stopped).toBe(true)
  })

  it('refuses bad options at creation, naming the option', () => {
    const { adapter } = createMemoryProvider()
    const argumentOf = (make: () => unknown) => {
      try {
        make()
      } catch (error) {
        expect(InvalidArgumentError.is(error)).toBe(true)
        return (error as InvalidArgumentError).argument
      }
      throw new Error('no error')
    }
    expect(argumentOf(() => createTaskWatcher({ providers: [] }))).toBe('providers')
    expect(argumentOf(() => createTaskWatcher({ providers: [{ adapter, budget: { requestsPerSecond: 0 } }] }))).toBe(
      'providers[0].budget.requestsPerSecond',
    )
    expect(
      argumentOf(() =>
        createTaskWatcher({ providers: [{ adapter, budget: { requestsPerSecond: 5, concurrency: 1.5 } }] }),
      ),
    ).toBe('providers[0].budget.concurrency')
    expect(
      argumentOf(() =>
        createTaskWatcher({
          providers: [
            { adapter, budget: { requestsPerSecond: 5 } },
            { adapter, budget: { requestsPerSecond: 5 } },
          ],
        }),
      ),
    ).toBe('providers[1]')
    // The memory adapter cannot list.
    expect(
      argumentOf(() =>
        createTaskWatcher({ providers: [{ adapter, budget: { requestsPerSecond: 5 }, batch: { pageSize: 50 } }] }),
      ),
    ).toBe('providers[0].batch')
    expect(
      argumentOf(() =>
        createTaskWatcher({ providers: [{ adapter, budget: { requestsPerSecond: 5 } }], intervalMs: -1 }),
      ),
    ).toBe('intervalMs')
    const watcher = createTaskWatcher({ providers: [{ adapter, budget: { requestsPerSecond: 5 } }], onEvent: () => {} })
    expect(argumentOf(() => watcher.watch('nobody', 'a'))).toBe('provider')
    expect(argumentOf(() => watcher.watch('memory', ''))).toBe('id')
    expect(argumentOf(() => watcher[Symbol.asyncIterator]())).toBe('onEvent')
    void watcher.stop()
  })
})
