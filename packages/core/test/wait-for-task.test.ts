import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  defineAdapter,
  InvalidArgumentError,
  ProviderConnectionError,
  RateLimitError,
  type Task,
  TaskNotFoundError,
  TimeoutError,
  type WaitForTaskOptions,
  waitForTask,
} from '../src/index.js'
import { makeTask, rejectionOf, untilAborted } from './support.js'

/** One scripted answer of getTask: a task, an error to throw, or a request that only ends when aborted. */
type Step = Task | Error | 'hang'

interface Poll {
  /** The fake clock's time when getTask was called. */
  at: number
  signal: AbortSignal | undefined
}

/** An in-memory adapter whose getTask answers with `steps` in order (the last one repeats) and records each poll. */
function scriptedAdapter(steps: Step[]) {
  const polls: Poll[] = []
  const adapter = defineAdapter({
    provider: 'memory',
    getTask: async (_id, { signal }) => {
      const step = steps[Math.min(polls.length, steps.length - 1)]
      polls.push({ at: Date.now(), signal })
      if (step === undefined || step === 'hang') return untilAborted(signal)
      if (step instanceof Error) throw step
      return step
    },
  })
  return { adapter, polls, times: () => polls.map((poll) => poll.at) }
}

const running = (overrides: Partial<Task> = {}) =>
  makeTask({ status: 'running', providerStatus: 'RUNNING', ...overrides })
const completed = (overrides: Partial<Task> = {}) =>
  makeTask({ status: 'completed', providerStatus: 'COMPLETED', ...overrides })
const connectionError = () =>
  new ProviderConnectionError({ provider: 'memory', message: 'reset', systemCode: 'ECONNRESET' })

/** Polls every `intervalMs` exactly: no growth, no jitter. */
const steady: WaitForTaskOptions = { intervalMs: 1000, backoffFactor: 1, jitter: 0 }

beforeEach(() => {
  vi.useFakeTimers({ now: 0 })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('waitForTask: schedule', () => {
  it('grows the wait by backoffFactor up to maxIntervalMs', async () => {
    const done = completed()
    const { adapter, times } = scriptedAdapter([running(), running(), running(), running(), running(), done])

    const result = waitForTask(adapter, 'task-1', {
      intervalMs: 1000,
      backoffFactor: 2,
      maxIntervalMs: 5000,
      jitter: 0,
    })
    await vi.advanceTimersByTimeAsync(17_000)

    expect(times()).toEqual([0, 1000, 3000, 7000, 12_000, 17_000])
    await expect(result).resolves.toBe(done)
  })

  it('starts at 1000 ms and doubles up to 6000 ms by default', async () => {
    const { adapter, times } = scriptedAdapter([...Array.from({ length: 6 }, () => running()), completed()])

    const result = waitForTask(adapter, 'task-1', { jitter: 0 })
    await vi.advanceTimersByTimeAsync(25_100)

    const at = times()
    const gaps = at.slice(1).map((time, index) => time - (at[index] ?? 0))
    const expected = [1000, 2000, 4000, 6000, 6000, 6000]
    expect(gaps).toHaveLength(expected.length)
    gaps.forEach((gap, index) => {
      expect(Math.abs(gap - (expected[index] ?? 0)), `wait ${index + 1}`).toBeLessThan(1)
    })
    await expect(result).resolves.toMatchObject({ status: 'completed' })
  })

  it('takes up to 20% off each wait by default (jitter 0.2)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1)
    const { adapter, times } = scriptedAdapter([running(), completed()])

    const result = waitForTask(adapter, 'task-1')
    await vi.advanceTimersByTimeAsync(800)

    expect(times()).toEqual([0, 800])
    await expect(result).resolves.toMatchObject({ status: 'completed' })
  })

  it('takes the jitter share off the wait at most', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1)
    const { adapter, times } = scriptedAdapter([running(), running(), completed()])

    const result = waitForTask(adapter, 'task-1', { ...steady, jitter: 0.5 })
    await vi.advanceTimersByTimeAsync(1000)

    expect(times()).toEqual([0, 500, 1000])
    await expect(result).resolves.toMatchObject({ status: 'completed' })
  })
})

describe('waitForTask: when it stops', () => {
  it('resolves with the first terminal task, failed included, and polls no more', async () => {
    const failed = makeTask({ status: 'failed', providerStatus: 'FAILED', error: { message: 'tool crashed' } })
    const { adapter, polls } = scriptedAdapter([makeTask({ status: 'pending' }), running(), failed, completed()])

    const result = waitForTask(adapter, 'task-1', steady)
    await vi.advanceTimersByTimeAsync(2000)

    await expect(result).resolves.toBe(failed)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(polls).toHaveLength(3)
  })

  it('stops when until says so', async () => {
    const waiting = makeTask({ status: 'waiting_for_input', providerStatus: 'paused' })
    const { adapter, polls } = scriptedAdapter([running(), waiting, completed()])

    const result = waitForTask(adapter, 'task-1', { ...steady, until: (task) => task.status === 'waiting_for_input' })
    await vi.advanceTimersByTimeAsync(1000)

    await expect(result).resolves.toBe(waiting)
    expect(polls).toHaveLength(2)
  })
})

describe('waitForTask: onUpdate', () => {
  it('reports the first task, then only changes of status, providerStatus or updatedAt', async () => {
    const first = running({ updatedAt: new Date(1000) })
    const newerUpdate = running({ updatedAt: new Date(2000) })
    const newProviderStatus = running({ providerStatus: 'RUNNING_TOOLS', updatedAt: new Date(2000) })
    const newStatus = makeTask({ status: 'paused', providerStatus: 'RUNNING_TOOLS', updatedAt: new Date(2000) })
    const done = completed({ updatedAt: new Date(3000) })
    const { adapter, polls } = scriptedAdapter([
      first,
      running({ updatedAt: new Date(1000) }),
      running({ updatedAt: new Date(1000) }),
      newerUpdate,
      running({ updatedAt: new Date(2000) }),
      newProviderStatus,
      running({ providerStatus: 'RUNNING_TOOLS', updatedAt: new Date(2000) }),
      newStatus,
      done,
    ])
    const onUpdate = vi.fn()

    const result = waitForTask(adapter, 'task-1', { ...steady, onUpdate })
    await vi.advanceTimersByTimeAsync(8000)

    await expect(result).resolves.toBe(done)
    expect(polls).toHaveLength(9)
    expect(onUpdate.mock.calls.map(([task]) => task)).toEqual([first, newerUpdate, newProviderStatus, newStatus, done])
    expect(onUpdate.mock.calls[0]?.[0]).toBe(first)
  })
})

describe('waitForTask: errors', () => {
  it('waits as long as a RateLimitError asks before the next poll', async () => {
    const { adapter, times } = scriptedAdapter([
      running(),
      new RateLimitError({ provider: 'memory', message: 'slow down', retryAfterMs: 7000 }),
      completed(),
    ])

    const result = waitForTask(adapter, 'task-1', { intervalMs: 1000, backoffFactor: 2, jitter: 0 })
    await vi.advanceTimersByTimeAsync(7999)
    expect(times()).toEqual([0, 1000])
    await vi.advanceTimersByTimeAsync(1)

    expect(times()).toEqual([0, 1000, 8000])
    await expect(result).resolves.toMatchObject({ status: 'completed' })
  })

  it('waits out retryable errors and goes on polling', async () => {
    const { adapter, times } = scriptedAdapter([running(), connectionError(), connectionError(), completed()])

    const result = waitForTask(adapter, 'task-1', steady)
    await vi.advanceTimersByTimeAsync(3000)

    expect(times()).toEqual([0, 1000, 2000, 3000])
    await expect(result).resolves.toMatchObject({ status: 'completed' })
  })

  it('waits at most setTimeout’s limit for a Retry-After beyond it, instead of polling in a loop', async () => {
    const huge = new RateLimitError({ provider: 'memory', message: 'slow down', retryAfterMs: 3e9 })
    const { adapter, polls } = scriptedAdapter([huge, completed()])

    const result = rejectionOf(waitForTask(adapter, 'task-1', { ...steady, timeoutMs: 10_000 }))
    await vi.advanceTimersByTimeAsync(10_000)

    expect(TimeoutError.is(await result)).toBe(true)
    expect(polls).toHaveLength(1)
  })

  it('counts 429s like any retryable error: waits each Retry-After out, and throws the next one past maxConsecutiveErrors', async () => {
    const limited = () => new RateLimitError({ provider: 'memory', message: 'slow down', retryAfterMs: 100 })
    const last = limited()
    const { adapter, polls } = scriptedAdapter([limited(), connectionError(), last, completed()])

    const result = rejectionOf(waitForTask(adapter, 'task-1', { ...steady, maxConsecutiveErrors: 2 }))
    await vi.advanceTimersByTimeAsync(10_000)

    expect(await result).toBe(last)
    expect(polls).toHaveLength(3)
  })

  it('throws the last error when more than maxConsecutiveErrors come in a row', async () => {
    const last = connectionError()
    const { adapter, polls } = scriptedAdapter([running(), connectionError(), connectionError(), last])

    const result = rejectionOf(waitForTask(adapter, 'task-1', { ...steady, maxConsecutiveErrors: 2 }))
    await vi.advanceTimersByTimeAsync(3000)

    expect(await result).toBe(last)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(polls).toHaveLength(4)
  })

  it('allows three retryable errors in a row by default', async () => {
    const last = connectionError()
    const { adapter, polls } = scriptedAdapter([connectionError(), connectionError(), connectionError(), last])

    const result = rejectionOf(waitForTask(adapter, 'task-1', steady))
    await vi.advanceTimersByTimeAsync(3000)

    expect(await result).toBe(last)
    expect(polls).toHaveLength(4)
  })

  it('counts only errors in a row: a task in between starts the count again', async () => {
    const { adapter, polls } = scriptedAdapter([connectionError(), running(), connectionError(), completed()])

    const result = waitForTask(adapter, 'task-1', { ...steady, maxConsecutiveErrors: 1 })
    await vi.advanceTimersByTimeAsync(3000)

    await expect(result).resolves.toMatchObject({ status: 'completed' })
    expect(polls).toHaveLength(4)
  })

  it('throws an error that is not retryable at once', async () => {
    const notFound = new TaskNotFoundError({ provider: 'memory', message: 'no such task', taskId: 'task-1' })
    const { adapter, polls } = scriptedAdapter([running(), notFound, completed()])

    const result = rejectionOf(waitForTask(adapter, 'task-1', steady))
    await vi.advanceTimersByTimeAsync(1000)

    expect(await result).toBe(notFound)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(polls).toHaveLength(2)
  })
})

describe('waitForTask: timeout and abort', () => {
  it('throws TimeoutError at timeoutMs and aborts the poll in flight', async () => {
    const lastSeen = running({ updatedAt: new Date(1000) })
    const { adapter, polls } = scriptedAdapter([running(), lastSeen, 'hang'])

    const result = rejectionOf(waitForTask(adapter, 'task-1', { ...steady, timeoutMs: 2500 }))
    await vi.advanceTimersByTimeAsync(2499)
    expect(polls).toHaveLength(3)
    expect(polls[2]?.signal?.aborted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)

    expect(polls[2]?.signal?.aborted).toBe(true)
    const error = await result
    expect(TimeoutError.is(error)).toBe(true)
    expect(error).toMatchObject({ provider: 'memory', timeoutMs: 2500 })
    expect((error as TimeoutError).lastTask).toBe(lastSeen)
  })

  it('aborts the poll in flight at timeoutMs also when the caller passed a signal', async () => {
    const { adapter, polls } = scriptedAdapter(['hang'])
    const controller = new AbortController()

    const result = rejectionOf(waitForTask(adapter, 'task-1', { ...steady, timeoutMs: 500, signal: controller.signal }))
    await vi.advanceTimersByTimeAsync(500)

    expect(polls[0]?.signal?.aborted).toBe(true)
    expect(TimeoutError.is(await result)).toBe(true)
    expect(controller.signal.aborted).toBe(false)
  })

  it('throws TimeoutError when the limit falls between two polls', async () => {
    const { adapter, polls } = scriptedAdapter([running()])

    const result = rejectionOf(waitForTask(adapter, 'task-1', { ...steady, timeoutMs: 1500 }))
    await vi.advanceTimersByTimeAsync(1500)

    const error = await result
    expect(TimeoutError.is(error)).toBe(true)
    expect(error).toMatchObject({ timeoutMs: 1500, lastTask: running() })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(polls).toHaveLength(2)
  })

  it('rejects with the abort reason, not a TimeoutError, and polls no more', async () => {
    const { adapter, polls } = scriptedAdapter([running()])
    const controller = new AbortController()
    const reason = new Error('the user closed the page')

    const result = rejectionOf(
      waitForTask(adapter, 'task-1', { ...steady, timeoutMs: 60_000, signal: controller.signal }),
    )
    await vi.advanceTimersByTimeAsync(1500)
    controller.abort(reason)

    expect(await result).toBe(reason)
    await vi.advanceTimersByTimeAsync(120_000)
    expect(polls).toHaveLength(2)
  })

  it('aborts the poll in flight when the caller aborts', async () => {
    const { adapter, polls } = scriptedAdapter(['hang'])
    const controller = new AbortController()

    const result = rejectionOf(waitForTask(adapter, 'task-1', { ...steady, signal: controller.signal }))
    await vi.advanceTimersByTimeAsync(0)
    controller.abort()

    expect(await result).toBe(controller.signal.reason)
    expect(polls[0]?.signal?.aborted).toBe(true)
  })

  it('times out even when the adapter ignores its signal', async () => {
    const adapter = defineAdapter({ provider: 'memory', getTask: () => new Promise<Task>(() => {}) })

    const result = rejectionOf(waitForTask(adapter, 'task-1', { ...steady, timeoutMs: 500 }))
    await vi.advanceTimersByTimeAsync(500)

    expect(TimeoutError.is(await result)).toBe(true)
  })

  it('does not poll at all when the signal is already aborted', async () => {
    const { adapter, polls } = scriptedAdapter([completed()])
    const reason = new Error('too late')

    await expect(waitForTask(adapter, 'task-1', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason)
    expect(polls).toEqual([])
  })
})

describe('waitForTask: options', () => {
  it.each<[string, WaitForTaskOptions]>([
    ['intervalMs', { intervalMs: -1 }],
    ['intervalMs', { intervalMs: 0 }],
    ['backoffFactor', { backoffFactor: 0.5 }],
    ['jitter', { jitter: 2 }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['timeoutMs', { timeoutMs: 2 ** 31 }],
  ])('rejects a bad %s before polling', async (argument, options) => {
    const { adapter, polls } = scriptedAdapter([completed()])

    const error = await rejectionOf(waitForTask(adapter, 'task-1', options))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument, provider: 'memory' })
    expect(polls).toEqual([])
  })
})
