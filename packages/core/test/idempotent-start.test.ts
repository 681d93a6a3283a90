import { describe, expect, it } from 'vitest'
import {
  defineAdapter,
  InvalidArgumentError,
  ProviderConnectionError,
  type StartCallOptions,
  TimeoutError,
  UnsupportedOperationError,
} from '../src/index.js'
import { makeTask, rejectionOf } from './support.js'

/** An adapter whose start records the options it was given, or fails with `failure`. */
function starter(idempotentStart: boolean, failure?: unknown) {
  const calls: StartCallOptions[] = []
  const adapter = defineAdapter({
    provider: 'memory',
    idempotentStart,
    unsupportedReasons: { idempotentStart: 'memory keeps no keys' },
    getTask: async (id) => makeTask({ id }),
    startTask: async (_input: unknown, options) => {
      calls.push(options)
      if (failure !== undefined) throw failure
      return makeTask({ id: 'started' })
    },
  })
  return { adapter, calls }
}

const timedOut = () =>
  new TimeoutError({
    provider: 'memory',
    method: 'POST',
    url: 'http://127.0.0.1/start',
    timeoutMs: 50,
    retryable: true,
    message: 'POST /start timed out after 50 ms',
  })

describe('startTask with an idempotencyKey', () => {
  it('says in its capabilities whether it honours a key', () => {
    expect(starter(true).adapter.capabilities.idempotentStart).toBe(true)
    expect(starter(false).adapter.capabilities.idempotentStart).toBe(false)
    const withoutStart = defineAdapter({ provider: 'memory', idempotentStart: true, getTask: async () => makeTask() })
    expect(withoutStart.capabilities.idempotentStart).toBe(false)
  })

  it('hands the key to an adapter that honours it', async () => {
    const { adapter, calls } = starter(true)

    await adapter.startTask({}, { idempotencyKey: 'order-42' })

    expect(calls[0]?.idempotencyKey).toBe('order-42')
  })

  it('refuses a key the adapter cannot honour before starting anything, and names the way out', async () => {
    const { adapter, calls } = starter(false)

    const error = await rejectionOf(adapter.startTask({}, { idempotencyKey: 'order-42' }))

    expect(UnsupportedOperationError.is(error)).toBe(true)
    expect(error).toMatchObject({ operation: 'startTask', retryable: false })
    expect((error as Error).message).toContain('memory keeps no keys')
    expect((error as Error).message).toContain('startWithoutIdempotency: true')
    expect(calls).toHaveLength(0)
  })

  it('starts without the key when the caller opts out', async () => {
    const { adapter, calls } = starter(false)

    await adapter.startTask({}, { idempotencyKey: 'order-42', startWithoutIdempotency: true })

    expect(calls).toHaveLength(1)
    expect(calls[0]).not.toHaveProperty('idempotencyKey')
    expect(calls[0]).not.toHaveProperty('startWithoutIdempotency')
  })

  it.each([
    ['empty', ''],
    ['blank', '  '],
    ['holding a control character', 'a\nb'],
    ['longer than 1024 characters', 'k'.repeat(1025)],
    ['not a string', 42],
  ])('refuses a key that is %s', async (_problem, key) => {
    const { adapter, calls } = starter(true)

    const error = await rejectionOf(adapter.startTask({}, { idempotencyKey: key as string }))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument: 'idempotencyKey' })
    expect(calls).toHaveLength(0)
  })
})

describe('startTask that may have started the work', () => {
  it('is not retryable after a timeout without a key, and says why', async () => {
    const error = await rejectionOf(starter(true, timedOut()).adapter.startTask({}))

    expect(TimeoutError.is(error)).toBe(true)
    expect(error).toMatchObject({ retryable: false, timeoutMs: 50, method: 'POST', provider: 'memory' })
    expect((error as Error).message).toMatch(/^\[memory\] POST \/start timed out after 50 ms\. The start may have/)
    expect((error as Error).message).toContain('without an idempotencyKey')
    expect((error as Error).cause).toBeInstanceOf(TimeoutError)
  })

  it('stays retryable after a timeout when the key was sent', async () => {
    const error = await rejectionOf(starter(true, timedOut()).adapter.startTask({}, { idempotencyKey: 'k' }))

    expect(error).toMatchObject({ name: 'TimeoutError', retryable: true })
  })

  it('is not retryable when the key was dropped by startWithoutIdempotency', async () => {
    const error = await rejectionOf(
      starter(false, timedOut()).adapter.startTask({}, { idempotencyKey: 'k', startWithoutIdempotency: true }),
    )

    expect(error).toMatchObject({ name: 'TimeoutError', retryable: false })
  })

  it('is not retryable when the connection broke after the request left', async () => {
    const reset = new ProviderConnectionError({ provider: 'memory', systemCode: 'ECONNRESET', message: 'reset' })

    const error = await rejectionOf(starter(true, reset).adapter.startTask({}))

    expect(error).toMatchObject({ name: 'ProviderConnectionError', systemCode: 'ECONNRESET', retryable: false })
  })

  it('stays retryable when the connection was refused: nothing was sent', async () => {
    const refused = new ProviderConnectionError({ provider: 'memory', systemCode: 'ECONNREFUSED', message: 'refused' })

    const error = await rejectionOf(starter(true, refused).adapter.startTask({}))

    expect(error).toBe(refused)
  })
})
