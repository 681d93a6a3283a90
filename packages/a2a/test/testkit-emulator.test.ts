import { AuthenticationError, type Task } from '@taskbridge/core'
import { A2A_EMULATOR_ANSWER, type A2AEmulator, rejectionOf, startA2AEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createA2AAdapter } from '../src/index.js'

// @taskbridge/testkit's A2A emulator, the one `taskbridge emulate` and the demo run.
runAdapterContract<A2AEmulator>({
  name: 'a2a (testkit A2A emulator)',
  startEmulator: () => startA2AEmulator(),
  createAdapter: (emulator) =>
    createA2AAdapter({ agentCardUrl: emulator.agentCardUrl, apiKey: emulator.apiKey, retry: { backoffLimitMs: 20 } }),
  startInput: () => ({ text: 'Summarise the report' }),
})

describe('the adapter against the testkit A2A emulator', () => {
  let agent: A2AEmulator
  const waitLimit = { timeout: 20_000, interval: 10 }
  beforeAll(async () => {
    agent = await startA2AEmulator()
  })
  afterEach(() => {
    agent.reset()
    delete process.env.A2A_AGENT_CARD_URL
    delete process.env.A2A_API_KEY
  })
  afterAll(() => agent.close())
  const adapter = () => createA2AAdapter({ agentCardUrl: agent.agentCardUrl, apiKey: agent.apiKey })

  it('finds the agent from A2A_AGENT_CARD_URL and A2A_API_KEY', async () => {
    process.env.A2A_AGENT_CARD_URL = agent.agentCardUrl
    process.env.A2A_API_KEY = agent.apiKey
    const task = await createA2AAdapter().getTask(agent.createTask('TASK_STATE_COMPLETED'))
    expect(task.status).toBe('completed')
  })

  it('reaches the JSON-RPC endpoint as baseUrl, without the card', async () => {
    const direct = createA2AAdapter({ baseUrl: agent.jsonRpcUrl, apiKey: agent.apiKey })
    expect((await direct.getTask(agent.createTask())).status).toBe('running')
  })

  it('starts a task that moves on the clock to completed, with the answer as output', async () => {
    const started = await adapter().startTask({ text: 'Summarise the report' })
    expect(started.status).toBe('pending')
    agent.clock.advance(1000)
    await vi.waitFor(async () => expect((await adapter().getTask(started.id)).status).toBe('running'), waitLimit)
    agent.clock.advance(2000)
    await vi.waitFor(async () => expect((await adapter().getTask(started.id)).status).toBe('completed'), waitLimit)
    expect(JSON.stringify((await adapter().getTask(started.id)).output)).toContain(A2A_EMULATOR_ANSWER)
  })

  it('asks for input when the message is a question', async () => {
    const started = await adapter().startTask({ text: 'Which quarter?' })
    agent.clock.advance(3000)
    await vi.waitFor(async () => expect((await adapter().getTask(started.id)).reason).toBe('input'), waitLimit)
  })

  it('starts once for two starts with one idempotency key: the key is the messageId, and both give one task', async () => {
    expect(adapter().capabilities.idempotentStart).toBe(true)
    const first = await adapter().startTask({ text: 'Summarise the report' }, { idempotencyKey: 'report-7' })
    const second = await adapter().startTask({ text: 'Summarise the report' }, { idempotencyKey: 'report-7' })
    const other = await adapter().startTask({ text: 'Summarise the report' })

    expect(second.id).toBe(first.id)
    expect(other.id).not.toBe(first.id)
    const sent = agent.requests.filter((request) => request.route === agent.routes.startTask)
    const messageIds = sent.map((request) => (request.body as { params: { message: { messageId: string } } }).params)
    expect(messageIds.map((params) => params.message.messageId).slice(0, 2)).toEqual(['report-7', 'report-7'])
  })

  it('cancels a working task', async () => {
    const started = await adapter().startTask({ text: 'Summarise the report' })
    expect((await adapter().cancelTask(started.id)).status).toBe('cancelled')
    expect(agent.providerStatusOf(started.id)).toBe('TASK_STATE_CANCELED')
  })

  it('streams a task over its subscription to completed', async () => {
    const started = await adapter().startTask({ text: 'Summarise the report' })
    const seen: Task[] = []
    const streamed = (async () => {
      for await (const task of adapter().streamTask(started.id)) seen.push(task)
    })()
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0), waitLimit)
    agent.clock.advance(3000)
    await streamed
    expect(seen.at(-1)?.status).toBe('completed')
  })

  it('a wrong key gives AuthenticationError, never quoting it', async () => {
    const wrongKey = 'a2a-wrong-key-4711'
    const error = await rejectionOf(
      createA2AAdapter({ agentCardUrl: agent.agentCardUrl, apiKey: wrongKey }).getTask(agent.createTask()),
    )
    expect(AuthenticationError.is(error)).toBe(true)
    expect(JSON.stringify(error) + String(error)).not.toContain(wrongKey)
  })
})
