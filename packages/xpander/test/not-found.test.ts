import { ProviderApiError, TaskNotFoundError } from '@taskbridge/core'
import { type EmulatorServer, startEmulatorServer } from '@taskbridge/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createXpanderAdapter } from '../src/index.js'

// A server without routes answers 404 to everything, as a wrong base URL
// does, with xpander's error body.
let server: EmulatorServer
beforeAll(async () => {
  server = await startEmulatorServer({ routes: [], errorBody: (_status, message) => ({ detail: message }) })
})
afterAll(() => server.close())

const adapter = () => createXpanderAdapter({ apiKey: 'xpander-key-0123456789', baseUrl: server.url, retry: false })

async function drain(tasks: AsyncIterable<unknown>): Promise<void> {
  for await (const _task of tasks);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => expect.fail('expected a failure'),
    (error: Error) => error,
  )
}

describe('xpander: what a 404 means', () => {
  it('a 404 on the list route is a ProviderApiError naming the route template, not TaskNotFoundError', async () => {
    const error = await failure(drain(adapter().listTasks({})))
    expect(TaskNotFoundError.is(error)).toBe(false)
    expect(ProviderApiError.is(error)).toBe(true)
    expect(error).toMatchObject({ name: 'ProviderApiError', status: 404, retryable: false })
    expect(error.message).toMatch(
      /^\[xpander\] GET \/tasks answered 404 Not Found: No route for GET \/tasks \(no such route/,
    )
    expect(error.message).toContain('no such route or resource')
  })

  it('a 404 on a task route is TaskNotFoundError carrying the id', async () => {
    const error = await failure(adapter().getTask('t-0123'))
    expect(TaskNotFoundError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 404, taskId: 't-0123', retryable: false })
    expect(error.message).toMatch(/^\[xpander\] GET \/tasks\/t-0123 answered 404 Not Found/)
  })
})
