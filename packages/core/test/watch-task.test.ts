import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  defineAdapter,
  InvalidArgumentError,
  InvalidPayloadError,
  ProviderConnectionError,
  type Task,
  TimeoutError,
  type WatchTaskOptions,
  waitForTask,
  watchTask,
} from '../src/index.js'
import { makeTask, rejectionOf, untilAborted } from './support.js'

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds))
const state = (status: Task['status'], providerStatus: string, second: number) =>
  makeTask({ status, providerStatus, updatedAt: at(second) })
const pending = state('pending', 'PENDING', 0)
const running = state('running', 'RUNNING', 1)
const waiting = state('waiting_for_input', 'PAUSED', 2)
const completed = state('completed', 'COMPLETED', 3)

/** What the provider has now, changed by the test; reads and stream subscriptions are counted. */
function provider(initial: Task) {
  let current = initial
  const log = { reads: 0, subscriptions: 0, closedStreams: 0 }
  return {
    log,
    set: (task: Task) => {
      current = task
    },
    get: () => current,
    getTask: async () => {
      log.reads += 1
      return current
    },
  }
}

/** A push stream the test drives: `push` sends a state, `cut` fails the stream, `close` ends it cleanly. */
function pushStream() {
  type Event = { task: Task } | { error: Error } | { end: true }
  let waiting: ((event: Event) => void) | undefined
  const queue: Event[] = []
  const send = (event: Event) => {
    if (waiting) {
      const deliver = waiting
      waiting = undefined
      deliver(event)
    } else queue.push(event)
  }
  return {
    push: (task: Task) => send({ task }),
    cut: () => send({ error: new ProviderConnectionError({ provider: 'memory', message: 'stream reset' }) }),
    close: () => send({ end: true }),
    async *subscribe(signal: AbortSignal | undefined): AsyncGenerator<Task> {
      for (;;) {
        const event =
          queue.shift() ??
          (await Promise.race([new Promise<Event>((resolve) => (waiting = resolve)), untilAborted(signal)]))
        if ('end' in event) return
        if ('error' in event) throw event.error
        yield event.task
      }
    },
  }
}

function streamingAdapter(source: ReturnType<typeof provider>, stream: ReturnType<typeof pushStream>) {
  return defineAdapter({
    provider: 'memory',
    getTask: source.getTask,
    async *streamTask(_id, { signal }) {
      source.log.subscriptions += 1
      try {
        yield* stream.subscribe(signal)
      } finally {
        source.log.closedStreams += 1
      }
    },
  })
}

const fast: WatchTaskOptions = { intervalMs: 1000, backoffFactor: 1, jitter: 0 }

/** Collects what the watch yields, letting the fake clock run so waits pass. */
async function collect(watch: AsyncIterable<Task>, steps: ((seen: Task[]) => void)[] = []): Promise<string[]> {
  const seen: Task[] = []
  for await (const task of watch) {
    seen.push(task)
    steps[seen.length - 1]?.(seen)
  }
  return seen.map((task) => task.status)
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0, shouldAdvanceTime: false })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('watchTask: polling', () => {
  it('yields the first state and each change once, and ends after the terminal one', async () => {
    const source = provider(pending)
    const adapter = defineAdapter({ provider: 'memory', getTask: source.getTask })
    const watch = collect(watchTask(adapter, 'task-1', fast), [() => source.set(running), () => source.set(completed)])
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await watch).toEqual(['pending', 'running', 'completed'])
    // Polls that saw nothing new were not reported.
    expect(source.log.reads).toBeGreaterThanOrEqual(3)
  })

  it('checks its options at once, before any request', () => {
    const source = provider(pending)
    const adapter = defineAdapter({ provider: 'memory', getTask: source.getTask })
    expect(() => watchTask(adapter, 'task-1', { intervalMs: 0 })).toThrow(InvalidArgumentError)
    expect(source.log.reads).toBe(0)
  })

  it('times out with a TimeoutError holding the last task', async () => {
    const source = provider(running)
    const adapter = defineAdapter({ provider: 'memory', getTask: source.getTask })
    const result = rejectionOf(collect(watchTask(adapter, 'task-1', { ...fast, timeoutMs: 5000 })))
    await vi.advanceTimersByTimeAsync(6000)
    const error = await result
    expect(TimeoutError.is(error)).toBe(true)
    expect(error).toMatchObject({ timeoutMs: 5000, lastTask: running })
    expect((error as Error).message).toContain('watchTask: task task-1 did not finish within 5000 ms')
  })
})

describe('watchTask: a push stream', () => {
  it('listens instead of polling, and never reports an older state after a newer one', async () => {
    const source = provider(pending)
    const stream = pushStream()
    const adapter = streamingAdapter(source, stream)
    expect(adapter.capabilities.stream).toBe(true)
    const watch = collect(watchTask(adapter, 'task-1', fast))
    stream.push(pending)
    stream.push(running)
    stream.push(pending) // a late delivery of an older state
    stream.push(running) // the same state again
    stream.push(completed)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(await watch).toEqual(['pending', 'running', 'completed'])
    expect(source.log.reads).toBe(0)
    expect(source.log.closedStreams).toBe(1)
  })

  it('falls back to polling when the stream is cut, missing nothing and repeating nothing', async () => {
    const source = provider(pending)
    const stream = pushStream()
    const watch = collect(watchTask(streamingAdapter(source, stream), 'task-1', fast))
    stream.push(pending)
    stream.push(running)
    await vi.advanceTimersByTimeAsync(0)
    // While the stream is down the task moves on twice.
    source.set(waiting)
    stream.cut()
    await vi.advanceTimersByTimeAsync(0)
    source.set(completed)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await watch).toEqual(['pending', 'running', 'waiting_for_input', 'completed'])
    expect(source.log.subscriptions).toBe(1)
    expect(source.log.reads).toBeGreaterThanOrEqual(2)
  })

  it('subscribes again when the stream closes before the task has ended, after one read', async () => {
    const source = provider(running)
    const stream = pushStream()
    const watch = collect(watchTask(streamingAdapter(source, stream), 'task-1', fast))
    stream.push(running)
    await vi.advanceTimersByTimeAsync(0)
    source.set(waiting)
    stream.close()
    await vi.advanceTimersByTimeAsync(0)
    stream.push(waiting) // the new subscription sends the current state again: not repeated
    stream.push(completed)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(await watch).toEqual(['running', 'waiting_for_input', 'completed'])
    expect(source.log.subscriptions).toBe(2)
    expect(source.log.reads).toBe(1)
  })

  it('polls after streams that keep closing with nothing new', async () => {
    const source = provider(running)
    const stream = pushStream()
    const watch = collect(watchTask(streamingAdapter(source, stream), 'task-1', fast))
    for (let i = 0; i < 5; i++) stream.close()
    await vi.advanceTimersByTimeAsync(10_000)
    // The read before the second stream brought the first state; three more streams with nothing new, then polling.
    expect(source.log.subscriptions).toBe(5)
    source.set(completed)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await watch).toEqual(['running', 'completed'])
    expect(source.log.subscriptions).toBe(5)
  })

  it('polls when asked not to stream', async () => {
    const source = provider(completed)
    const stream = pushStream()
    expect(await collect(watchTask(streamingAdapter(source, stream), 'task-1', { ...fast, stream: false }))).toEqual([
      'completed',
    ])
    expect(source.log.subscriptions).toBe(0)
  })

  it('closes the stream when the consumer stops early', async () => {
    const source = provider(pending)
    const stream = pushStream()
    stream.push(pending)
    for await (const task of watchTask(streamingAdapter(source, stream), 'task-1', fast)) {
      expect(task.status).toBe('pending')
      break
    }
    expect(source.log.closedStreams).toBe(1)
  })

  it('waits between resubscribes when every short stream brings a newer state (no hot loop)', async () => {
    let subscriptions = 0
    // Each stream sends one newer state and closes; after 200 it has nothing new, so even a loop ends.
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: async () => state('running', 'RUNNING', Math.min(subscriptions, 200)),
      async *streamTask() {
        subscriptions += 1
        yield state('running', 'RUNNING', Math.min(subscriptions, 200))
      },
    })
    const controller = new AbortController()
    const watch = rejectionOf(collect(watchTask(adapter, 'task-1', { signal: controller.signal })))
    await vi.advanceTimersByTimeAsync(10_000)
    controller.abort()
    await watch
    // Waits of 1, 2, 4 s (less jitter) before the resubscribes: a handful in 10 s, not hundreds.
    expect(subscriptions).toBeLessThanOrEqual(6)
  })

  it('never yields a state of another task, from the stream or from a read, and gives up on a provider that only answers with others', async () => {
    const other = makeTask({ id: 'other-task', status: 'completed', providerStatus: 'COMPLETED' })
    const stream = pushStream()
    const source = provider(other)
    const seen: string[] = []
    const watch = rejectionOf(
      collect(watchTask(streamingAdapter(source, stream), 'task-1', { ...fast, maxConsecutiveErrors: 2 }), [
        (tasks) => seen.push(...tasks.map((task) => task.id)),
      ]),
    )
    stream.push(other)
    stream.push(running)
    stream.cut()
    await vi.advanceTimersByTimeAsync(10_000)
    const error = await watch
    expect(seen).toEqual(['task-1'])
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as Error).message).toContain('asked for task task-1, the provider answered with task other-task')
  })

  it('is what waitForTask follows: onUpdate sees each change, the result is the last', async () => {
    const source = provider(pending)
    const stream = pushStream()
    const seen: string[] = []
    const result = waitForTask(streamingAdapter(source, stream), 'task-1', {
      ...fast,
      onUpdate: (task) => seen.push(task.status),
    })
    stream.push(pending)
    stream.push(running)
    stream.push(completed)
    await vi.advanceTimersByTimeAsync(0)
    expect(await result).toMatchObject({ status: 'completed' })
    expect(seen).toEqual(['pending', 'running', 'completed'])
    expect(source.log.reads).toBe(0)
  })
})
