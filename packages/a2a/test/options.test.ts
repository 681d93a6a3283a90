import { inspect } from 'node:util'
import {
  AuthenticationError,
  InvalidArgumentError,
  InvalidPayloadError,
  UnsupportedOperationError,
} from '@taskbridge/core'
import { rejectionOf, thrownBy } from '@taskbridge/testkit'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type A2AAdapterOptions, createA2AAdapter } from '../src/index.js'
import { type A2AHarness, startA2AHarness } from './harness.js'

const SECRET = 'a2a-option-secret-4711'

let harness: A2AHarness
beforeAll(async () => {
  harness = await startA2AHarness()
}, 30_000)
afterEach(() => {
  harness.reset()
  delete process.env.A2A_API_KEY
})
afterAll(async () => {
  await harness.close()
})

// The contract's options section (test/contract.test.ts) covers every option's
// type, unknown keys and the variables; this is A2A's own rule.
describe('createA2AAdapter checks its options when created', () => {
  it.each([['agentCardUrl', { agentCardUrl: 'https://a/card.json', baseUrl: `https://a/rpc/${SECRET}` }]])(
    'refuses a bad %s, never quoting a secret',
    (argument, options) => {
      const error = thrownBy(() => createA2AAdapter(options as A2AAdapterOptions))
      expect(InvalidArgumentError.is(error)).toBe(true)
      expect(error).toMatchObject({ argument })
      expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error, { depth: 5 })}`).not.toContain(SECRET)
    },
  )
})

describe('credentials and interfaces', () => {
  it('sends the key in the header the card names, read from A2A_API_KEY', async () => {
    process.env.A2A_API_KEY = harness.apiKey
    const adapter = createA2AAdapter({ agentCardUrl: harness.agentCardUrl, binding: 'JSONRPC' })
    await adapter.getTask(harness.createTask('completed'))
    const [card, call] = harness.requests
    expect(card?.headers['x-api-key']).toBeUndefined()
    expect(call?.headers['x-api-key']).toBe(harness.apiKey)
    expect(call?.headers.authorization).toBeUndefined()
    expect(call?.headers['a2a-version']).toBe('1.0')
  })

  it('does not send a token the card asks for no bearer scheme', async () => {
    const adapter = createA2AAdapter({ agentCardUrl: harness.agentCardUrl, apiKey: harness.apiKey, token: SECRET })
    await adapter.getTask(harness.createTask())
    expect(harness.requests.at(-1)?.headers.authorization).toBeUndefined()
  })

  it('without a key the server’s 401 is an AuthenticationError', async () => {
    const adapter = createA2AAdapter({ agentCardUrl: harness.agentCardUrl })
    expect(AuthenticationError.is(await rejectionOf(adapter.getTask(harness.createTask())))).toBe(true)
  })

  it('talks to a baseUrl directly with the key in x-api-key, and has no list on v0.3', async () => {
    const baseUrl = harness.agentCardUrl.replace('/.well-known/agent-card.json', '/a2a/jsonrpc')
    const adapter = createA2AAdapter({ baseUrl, apiKey: harness.apiKey, protocolVersion: '0.3' })
    const task = await adapter.getTask(harness.createTask('input-required'))
    expect(task).toMatchObject({ providerStatus: 'input-required', reason: 'input' })
    expect(harness.requests.map((request) => request.route)).toEqual(['getTask'])
    expect(adapter.capabilities.list).toBe(false)
    const error = await rejectionOf(adapter.listTasks()[Symbol.asyncIterator]().next())
    expect(UnsupportedOperationError.is(error)).toBe(true)
    expect(String(error)).toContain('v0.3 has no ListTasks')
  })

  it('refuses a card that names no interface it speaks', async () => {
    const adapter = createA2AAdapter({
      agentCardUrl: harness.agentCardUrl,
      apiKey: harness.apiKey,
      binding: 'HTTP+JSON',
      protocolVersion: '0.3',
    })
    const error = await rejectionOf(adapter.getTask('t1'))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(harness.requests.map((request) => request.route)).toEqual(['agentCard'])
  })
})
