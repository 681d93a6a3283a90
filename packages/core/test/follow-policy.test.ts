import { describe, expect, it } from 'vitest'
import {
  compareTaskStates,
  FOLLOW_DEFAULTS,
  type FollowState,
  InvalidArgumentError,
  InvalidPayloadError,
  isChange,
  isStale,
  type NextStepOptions,
  nextStep,
  ProviderConnectionError,
  RateLimitError,
  resolveFollowOptions,
  startFollowing,
  summaryKey,
  type Task,
  TaskNotFoundError,
  taskSnapshot,
} from '../src/index.js'
import { makeTask, thrownBy } from './support.js'

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms)
const running = (ms?: number, overrides: Partial<Task> = {}) =>
  makeTask({
    status: 'running',
    providerStatus: 'RUNNING',
    ...(ms === undefined ? {} : { updatedAt: at(ms) }),
    ...overrides,
  })
const completed = (ms?: number, overrides: Partial<Task> = {}) =>
  makeTask({
    status: 'completed',
    providerStatus: 'COMPLETED',
    ...(ms === undefined ? {} : { updatedAt: at(ms) }),
    ...overrides,
  })

const policy = (overrides: Partial<NextStepOptions> = {}): NextStepOptions => ({
  ...FOLLOW_DEFAULTS,
  jitter: 0,
  id: 'task-1',
  mode: 'once',
  ...overrides,
})
const connectionError = () => new ProviderConnectionError({ provider: 'memory', message: 'refused' })

describe('compareTaskStates: what is news', () => {
  it('takes the first state, a later updatedAt, and a new status at the same updatedAt', () => {
    expect(compareTaskStates(undefined, running(5))).toBe('news')
    expect(compareTaskStates(running(5), running(6))).toBe('news')
    expect(compareTaskStates(running(5), completed(5))).toBe('news')
    expect(compareTaskStates(running(5), running(5, { providerStatus: 'IN_PROGRESS' }))).toBe('news')
    expect(compareTaskStates(running(5), running(5, { reason: 'input' }))).toBe('news')
    expect(compareTaskStates(completed(5), completed(5, { output: { format: 'text', value: 'done' } }))).toBe('news')
  })

  it('never takes an older state, the same state, a non-terminal state after a terminal one, or another task', () => {
    expect(compareTaskStates(running(5), completed(4))).toBe('older')
    expect(compareTaskStates(running(5), running(5))).toBe('same')
    expect(compareTaskStates(completed(5), running(9))).toBe('older')
    expect(compareTaskStates(completed(5), running())).toBe('older')
    expect(compareTaskStates(running(5), running(6, { id: 'other' }))).toBe('foreign')
    expect(compareTaskStates(undefined, running(6, { id: 'other' }), 'task-1')).toBe('foreign')
  })

  it('compares by fields when the new state has no updatedAt, and takes a first updatedAt as news', () => {
    expect(compareTaskStates(running(5), running())).toBe('same')
    expect(compareTaskStates(running(), running(5))).toBe('news')
    expect(compareTaskStates(running(5), makeTask({ status: 'paused', providerStatus: 'PAUSED' }))).toBe('news')
  })

  it('compares snapshots (as a webhook store keeps them) with the same rule; output presence only when both say', () => {
    const stored = { status: 'running', providerStatus: 'RUNNING', updatedAt: at(5).getTime() }
    expect(compareTaskStates(stored, taskSnapshot(running(5)))).toBe('same')
    expect(compareTaskStates(stored, taskSnapshot(completed(5)))).toBe('news')
    expect(taskSnapshot(running(undefined, { updatedAt: new Date(Number.NaN) })).updatedAt).toBeUndefined()
    expect(isChange(running(5), running(4))).toBe(false)
    expect(isStale(running(5), running(4))).toBe(true)
  })

  it('gives a task and its snapshot the same summary key, and follows on from a snapshot as from the task', () => {
    for (const task of [running(5), running()]) expect(summaryKey(taskSnapshot(task))).toBe(summaryKey(task))
    const options = policy()
    const state: FollowState = { ...startFollowing(options), seen: taskSnapshot(running(5)) }

    expect(nextStep({ type: 'read', task: running(5) }, state, options)).toMatchObject({
      type: 'wait',
      news: undefined,
    })
    expect(nextStep({ type: 'read', task: running(6) }, state, options)).toMatchObject({ news: running(6) })
  })
})

describe('nextStep: after a read', () => {
  it('reports news, waits the interval, and grows it up to maxIntervalMs', () => {
    const options = policy({ intervalMs: 1000, maxIntervalMs: 3000 })
    let state: FollowState = startFollowing(options)
    const waits: number[] = []
    for (const task of [running(1), running(1), running(2), running(2)]) {
      const step = nextStep({ type: 'read', task }, state, options)
      if (step.type !== 'wait') throw new Error(`expected a wait, got ${step.type}`)
      waits.push(step.waitMs)
      state = step.state
    }
    expect(waits).toEqual([1000, 2000, 3000, 3000])
    expect(state.seen?.updatedAt).toEqual(at(2))
  })

  it('takes jitter off the wait with the random number it is given', () => {
    const step = nextStep({ type: 'read', task: running(1) }, startFollowing(policy()), {
      ...policy({ jitter: 0.5 }),
      random: () => 0.5,
    })
    expect(step).toMatchObject({ type: 'wait', waitMs: 750 })
  })

  it('stops at a terminal state (or `until`), but not at one older than what was reported', () => {
    const options = policy()
    const first = nextStep({ type: 'read', task: running(5) }, startFollowing(options), options)
    expect(nextStep({ type: 'read', task: completed(4) }, first.state, options)).toMatchObject({
      type: 'wait',
      news: undefined,
    })
    expect(nextStep({ type: 'read', task: completed(6) }, first.state, options)).toMatchObject({ type: 'stop' })
    const untilRunning = { ...options, until: (task: Task) => task.status === 'running' }
    expect(nextStep({ type: 'read', task: running(1) }, startFollowing(options), untilRunning).type).toBe('stop')
  })

  it('treats an answer about another task as a reported retryable failure', () => {
    const options = policy({ mode: 'long-lived' })
    const step = nextStep({ type: 'read', task: running(1, { id: 'other' }) }, startFollowing(options), options)
    expect(step.type).toBe('wait')
    expect(InvalidPayloadError.is(step.type === 'wait' && step.problem)).toBe(true)
    expect(step.state).toMatchObject({ seen: undefined, consecutiveErrors: 1 })
  })
})

describe('nextStep: after a failure', () => {
  it('gives up at once on an error that is not retryable', () => {
    const error = new TaskNotFoundError({ provider: 'memory', taskId: 'task-1', message: 'gone' })
    const options = policy({ mode: 'long-lived' })
    expect(nextStep({ type: 'failed', error }, startFollowing(options), options)).toMatchObject({
      type: 'give-up',
      error,
    })
  })

  it('once: waits out maxConsecutiveErrors retryable failures, 429s included, and gives up on the next', () => {
    const options = policy({ maxConsecutiveErrors: 2 })
    let state: FollowState = startFollowing(options)
    const failures = [connectionError(), new RateLimitError({ provider: 'memory', message: '429' }), connectionError()]
    const types = failures.map((error) => {
      const step = nextStep({ type: 'failed', error }, state, options)
      state = step.state
      return step.type
    })
    expect(types).toEqual(['wait', 'pause', 'give-up'])
  })

  it('long-lived: reports the failure a one-shot follower gives up on, once, keeps backing off, and starts over after a read', () => {
    const options = policy({ mode: 'long-lived', maxConsecutiveErrors: 2, intervalMs: 1000, maxIntervalMs: 4000 })
    let state: FollowState = startFollowing(options)
    const seen: [string, number, boolean][] = []
    const outcomes = [
      ...Array.from({ length: 5 }, () => ({ type: 'failed' as const, error: connectionError() })),
      { type: 'read' as const, task: running(1) },
      ...Array.from({ length: 3 }, () => ({ type: 'failed' as const, error: connectionError() })),
    ]
    for (const outcome of outcomes) {
      const step = nextStep(outcome, state, options)
      if (step.type !== 'wait') throw new Error(`expected a wait, got ${step.type}`)
      seen.push([outcome.type, step.waitMs, step.problem !== undefined])
      state = step.state
    }
    expect(seen).toEqual([
      ['failed', 1000, false],
      ['failed', 2000, false],
      ['failed', 4000, true],
      ['failed', 4000, false],
      ['failed', 4000, false],
      ['read', 4000, false],
      ['failed', 4000, false],
      ['failed', 4000, false],
      ['failed', 4000, true],
    ])
  })

  it('pauses for Retry-After (or rateLimitPauseMs), capped at the timer limit; a lone follower waits at least its own wait', () => {
    const options = policy({ intervalMs: 2000, rateLimitPauseMs: 500 })
    const start = startFollowing(options)
    const asked = new RateLimitError({ provider: 'memory', message: '429', retryAfterMs: 7000 })
    expect(nextStep({ type: 'failed', error: asked }, start, options)).toMatchObject({
      type: 'pause',
      pauseMs: 7000,
      waitMs: 7000,
    })
    const silent = new RateLimitError({ provider: 'memory', message: '429' })
    expect(nextStep({ type: 'failed', error: silent }, start, options)).toMatchObject({
      type: 'pause',
      pauseMs: 500,
      waitMs: 2000,
    })
    const huge = new RateLimitError({ provider: 'memory', message: '429', retryAfterMs: 3e9 })
    expect(nextStep({ type: 'failed', error: huge }, start, options)).toMatchObject({ pauseMs: 2 ** 31 - 1 })
  })
})

describe('nextStep: after a stream ended', () => {
  it('resubscribes after a growing wait even when every stream brought news, and polls after three idle ones', () => {
    const options = policy({ intervalMs: 1000, maxIntervalMs: 4000 })
    let state: FollowState = startFollowing(options)
    const steps: string[] = []
    for (const changed of [true, true, true, false, false, false]) {
      const step = nextStep({ type: 'stream-ended', changed }, state, options)
      steps.push(step.type === 'resubscribe' ? `resubscribe ${step.waitMs}` : step.type)
      state = step.state
    }
    expect(steps).toEqual([
      'resubscribe 1000',
      'resubscribe 2000',
      'resubscribe 4000',
      'resubscribe 4000',
      'resubscribe 4000',
      'poll',
    ])
  })
})

describe('resolveFollowOptions', () => {
  it('applies the defaults and names a bad option', () => {
    expect(resolveFollowOptions({}, 'x')).toEqual(FOLLOW_DEFAULTS)
    expect(resolveFollowOptions({ jitter: 0, intervalMs: 5 }, 'x')).toMatchObject({ jitter: 0, intervalMs: 5 })
    const bad = [{ intervalMs: 0 }, { jitter: 1.5 }, { maxConsecutiveErrors: 1.5 }, { backoffFactor: Number.NaN }]
    for (const options of bad) {
      const error = thrownBy(() => resolveFollowOptions(options, 'watchTask', 'memory'))
      expect(InvalidArgumentError.is(error)).toBe(true)
      expect((error as InvalidArgumentError).argument).toBe(Object.keys(options)[0])
      expect((error as Error).message).toContain('watchTask: ')
    }
  })
})
