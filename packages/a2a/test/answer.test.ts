import { type A2AEmulator, startA2AEmulator } from '@taskbridge/testkit'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createA2AAdapter, parseA2ATask } from '../src/index.js'

describe('A2A: what a waiting task asks', () => {
  it('reads an input-required status message as an input request', () => {
    const message = { messageId: 'm1', role: 'ROLE_AGENT', parts: [{ text: 'Which quarter?' }] }
    const task = parseA2ATask({ id: 't1', contextId: 'c1', status: { state: 'TASK_STATE_INPUT_REQUIRED', message } })

    expect(task.request).toEqual({ kind: 'input', message: 'Which quarter?', metadata: { message } })
  })

  it('reads the link of an auth-required message (v1.0 url part, v0.3 file uri) as the URL to act on', () => {
    const v1 = parseA2ATask({
      id: 't1',
      status: {
        state: 'TASK_STATE_AUTH_REQUIRED',
        message: { parts: [{ text: 'Sign in first.' }, { url: 'https://auth.example/login?state=x' }] },
      },
    })
    const v03 = parseA2ATask({
      kind: 'task',
      id: 't2',
      contextId: 'c2',
      status: {
        state: 'auth-required',
        message: { kind: 'message', parts: [{ kind: 'file', file: { uri: 'https://auth.example/v03' } }] },
      },
    })

    expect(v1.request).toMatchObject({
      kind: 'auth',
      message: 'Sign in first.',
      url: 'https://auth.example/login?state=x',
    })
    expect(v03.request).toMatchObject({ kind: 'auth', url: 'https://auth.example/v03' })
  })

  it('has no request for a task that does not wait', () => {
    expect(parseA2ATask({ id: 't1', status: { state: 'TASK_STATE_WORKING' } }).request).toBeUndefined()
  })
})

describe('A2A: answering a waiting task', () => {
  let agent: A2AEmulator
  beforeAll(async () => {
    agent = await startA2AEmulator()
  })
  afterEach(() => agent.reset())
  afterAll(() => agent.close())

  it('waiting → answered → running → completed, the answer a message on the task id and context', async () => {
    const adapter = createA2AAdapter({ agentCardUrl: agent.agentCardUrl, apiKey: agent.apiKey })
    const id = agent.createWaitingTask()

    const waiting = await adapter.getTask(id)
    const answered = await adapter.answerTask(id, { approved: true, data: { quarter: 'Q3' } })
    agent.clock.advance(1000)
    const running = await adapter.getTask(id)
    agent.clock.advance(3000)
    await expect
      .poll(async () => (await adapter.getTask(id)).status, { timeout: 20_000, interval: 10 })
      .toBe('completed')

    expect(waiting).toMatchObject({ status: 'waiting_for_input', reason: 'input', request: { kind: 'input' } })
    expect(answered.status).toBe('running')
    expect(running.status).toBe('running')
    const sent = agent.requests.find((request) => request.route === 'startTask')?.body as {
      params: { message: { taskId: string; contextId: string; parts: unknown[] } }
    }
    expect(sent.params.message).toMatchObject({
      taskId: id,
      contextId: waiting.metadata.contextId,
      parts: [{ text: 'Approved' }, { data: { quarter: 'Q3', approved: true } }],
    })
  })
})
