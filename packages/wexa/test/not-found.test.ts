import { ProviderApiError, TaskNotFoundError } from '@taskbridge/core'
import { type EmulatorServer, startEmulatorServer } from '@taskbridge/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWexaAdapter } from '../src/index.js'

// A server without routes answers 404 to everything, as a wrong base URL does.
let server: EmulatorServer
beforeAll(async () => {
  server = await startEmulatorServer({ routes: [] })
})
afterAll(() => server.close())

const adapter = () =>
  createWexaAdapter({ apiKey: 'wexa-key-0123456789', projectId: 'p1', baseUrl: server.url, retry: false })

async function drain(tasks: AsyncIterable<unknown>): Promise<void> {
  for await (const _task of tasks);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => expect.fail('expected a failure'),
    (error: Error) => error,
  )
}

describe('wexa: what a 404 means', () => {
  it('a 404 on the list route is a ProviderApiError naming the route template, not TaskNotFoundError', async () => {
    const error = await failure(drain(adapter().listTasks({})))
    expect(TaskNotFoundError.is(error)).toBe(false)
    expect(ProviderApiError.is(error)).toBe(true)
    expect(error).toMatchObject({ name: 'ProviderApiError', status: 404, retryable: false })
    expect(error.message).toMatch(/^\[wexa\] GET \/tasks\/\{projectID\} answered 404 Not Found: /)
    expect(error.message).toContain('no such route or resource')
  })

  it('a 404 on a task route is TaskNotFoundError carrying the id', async () => {
    const error = await failure(adapter().getTask('6805e3a97d3775bffdb87608'))
    expect(TaskNotFoundError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 404, taskId: '6805e3a97d3775bffdb87608', retryable: false })
    expect(error.message).toMatch(/^\[wexa\] GET \/task\/6805e3a97d3775bffdb87608 answered 404 Not Found/)
  })
})
