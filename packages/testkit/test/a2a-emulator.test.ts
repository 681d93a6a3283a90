import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { A2A_EMULATOR_ANSWER, type A2AEmulator, startA2AEmulator } from '../src/index.js'

// The emulator's wire format, read with fetch as any A2A client would; the
// adapter's own tests against it are in packages/a2a (testkit cannot depend on it).
let agent: A2AEmulator
beforeAll(async () => {
  agent = await startA2AEmulator()
})
afterEach(() => agent.reset())
afterAll(() => agent.close())

const waitLimit = { timeout: 20_000, interval: 10 }

function rpc(method: string, params: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(agent.jsonRpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'a2a-version': '1.0', 'x-api-key': agent.apiKey, ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', id: 7, method, params }),
  })
}

function message(text: string) {
  return { message: { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text }] } }
}

async function send(text: string): Promise<string> {
  const answer = await (
    await rpc('SendMessage', { ...message(text), configuration: { returnImmediately: true } })
  ).json()
  return answer.result.task.id
}

async function stateOf(id: string): Promise<string> {
  return (await (await rpc('GetTask', { id })).json()).result.status.state
}

describe('the A2A emulator', () => {
  it('serves its card without a key: JSON-RPC v1.0, streaming, an x-api-key scheme', async () => {
    const response = await fetch(agent.agentCardUrl)
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(response.headers.get('etag')).toMatch(/^W\/"/)
    const card = await response.json()
    expect(card.supportedInterfaces).toEqual([
      expect.objectContaining({ url: agent.jsonRpcUrl, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }),
    ])
    expect(card.capabilities.streaming).toBe(true)
    expect(card.securitySchemes.apiKey.scheme.value).toMatchObject({ location: 'header', name: 'x-api-key' })
  })

  it('refuses a call without the key with 401', async () => {
    const response = await rpc('GetTask', { id: agent.createTask() }, { 'x-api-key': 'wrong' })
    expect(response.status).toBe(401)
  })

  it('moves a task on its clock: submitted, working after 1 s, completed with an artifact after 3 s', async () => {
    const id = await send('Summarise the report')
    expect(await stateOf(id)).toBe('TASK_STATE_SUBMITTED')
    agent.clock.advance(1000)
    await vi.waitFor(async () => expect(await stateOf(id)).toBe('TASK_STATE_WORKING'), waitLimit)
    agent.clock.advance(2000)
    await vi.waitFor(async () => expect(await stateOf(id)).toBe('TASK_STATE_COMPLETED'), waitLimit)
    const task = (await (await rpc('GetTask', { id })).json()).result
    expect(task.artifacts[0].parts[0].text).toBe(A2A_EMULATOR_ANSWER)
    expect(agent.providerStatusOf(id)).toBe('TASK_STATE_COMPLETED')
  })

  it('asks for input when the message is a question', async () => {
    const id = await send('Which quarter should the report cover?')
    agent.clock.advance(3000)
    await vi.waitFor(async () => expect(await stateOf(id)).toBe('TASK_STATE_INPUT_REQUIRED'), waitLimit)
  })

  it('cancels a working task', async () => {
    const id = await send('Summarise the report')
    const answer = await (await rpc('CancelTask', { id })).json()
    expect(answer.result.status.state).toBe('TASK_STATE_CANCELED')
    expect(agent.providerStatusOf(id)).toBe('TASK_STATE_CANCELED')
  })

  it('streams a message as SSE data frames, ending with the completed task', async () => {
    const response = await rpc('SendStreamingMessage', message('Summarise the report'))
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    agent.clock.advance(3000)
    const frames = (await response.text()).split('\n\n').filter((frame) => frame !== '')
    expect(frames.every((frame) => frame.startsWith('data: '))).toBe(true)
    const events = frames.map((frame) => JSON.parse(frame.slice('data: '.length)))
    expect(events[0]).toMatchObject({
      jsonrpc: '2.0',
      id: 7,
      result: { task: { status: { state: 'TASK_STATE_SUBMITTED' } } },
    })
    expect(events.at(-1)).toMatchObject({ result: { statusUpdate: { status: { state: 'TASK_STATE_COMPLETED' } } } })
  })

  it('answers a subscription it cannot start as plain JSON-RPC, not a stream', async () => {
    const response = await rpc('SubscribeToTask', { id: agent.unknownTaskId() })
    expect(response.headers.get('content-type')).toContain('application/json')
    expect((await response.json()).error).toMatchObject({ code: expect.any(Number) })
  })

  it('records the calls by JSON-RPC method, for faults and request counts', async () => {
    agent.faults.inject('getTask', { type: 'status', status: 503 })
    expect((await rpc('GetTask', { id: agent.createTask() })).status).toBe(503)
    expect(agent.requests.map((request) => request.route)).toEqual(['getTask'])
  })
})
