import { ProviderApiError, TaskNotFoundError } from '@taskbridge/core'
import { type EmulatorServer, startEmulatorServer } from '@taskbridge/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createA2AAdapter } from '../src/index.js'

// A server without routes answers 404 to everything, as a wrong URL does.
let server: EmulatorServer
beforeAll(async () => {
  server = await startEmulatorServer({ routes: [] })
})
afterAll(() => server.close())

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => expect.fail('expected a failure'),
    (error: Error) => error,
  )
}

describe('a2a: what a 404 means', () => {
  it('a 404 for the agent card is a ProviderApiError naming the card route, not TaskNotFoundError', async () => {
    const adapter = createA2AAdapter({ agentCardUrl: `${server.url}/.well-known/agent-card.json`, retry: false })
    const error = await failure(adapter.getTask('task-1'))
    expect(TaskNotFoundError.is(error)).toBe(false)
    expect(ProviderApiError.is(error)).toBe(true)
    expect(error).toMatchObject({ name: 'ProviderApiError', status: 404, retryable: false })
    expect(error.message).toMatch(/^\[a2a\] GET \/.well-known\/agent-card.json answered 404 Not Found: /)
  })

  it('a 404 from the JSON-RPC endpoint is a ProviderApiError: an unknown task is a JSON-RPC error, not a 404', async () => {
    const adapter = createA2AAdapter({ baseUrl: `${server.url}/rpc`, binding: 'JSONRPC', retry: false })
    const error = await failure(adapter.getTask('task-1'))
    expect(TaskNotFoundError.is(error)).toBe(false)
    expect(error).toMatchObject({ name: 'ProviderApiError', status: 404 })
    expect(error.message).toMatch(/^\[a2a\] POST \/rpc answered 404 Not Found/)
  })

  it('a 404 on the HTTP+JSON task route is TaskNotFoundError carrying the id', async () => {
    const adapter = createA2AAdapter({ baseUrl: server.url, binding: 'HTTP+JSON', retry: false })
    const error = await failure(adapter.getTask('task-1'))
    expect(TaskNotFoundError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 404, taskId: 'task-1', retryable: false })
    expect(error.message).toMatch(/^\[a2a\] GET \/tasks\/task-1 answered 404 Not Found/)
  })
})
