// The adapter against the official-SDK server's own agent runs: every state
// its tasks go through, read by the adapter and by the SDK's own client,
// a watch over a subscription, and push notifications sent by the SDK.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { taskStateToJSON } from '@a2a-js/sdk'
import { ClientFactory } from '@a2a-js/sdk/client'
import { AuthenticationError, isTerminal, type Task, TaskNotFoundError, watchTask } from '@taskbridge/core'
import { rejectionOf } from '@taskbridge/testkit'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  A2A_STATUS_TABLE,
  type A2AAdapter,
  type A2AStreamEvent,
  type A2ATaskResult,
  createA2AAdapter,
  mergeA2AUpdate,
  readA2APushNotification,
} from '../src/index.js'
import { type A2AHarness, startA2AHarness } from './harness.js'

const waitLimit = { timeout: 20_000, interval: 20 }

let harness: A2AHarness
beforeAll(async () => {
  harness = await startA2AHarness()
}, 30_000)
afterAll(async () => {
  await harness.close()
})

const adapterFor = (version: '1.0' | '0.3', binding: 'JSONRPC' | 'HTTP+JSON' = 'JSONRPC') =>
  createA2AAdapter({ agentCardUrl: harness.agentCardUrl, apiKey: harness.apiKey, protocolVersion: version, binding })

/** The SDK's own client, reading the same server. */
async function sdkState(id: string): Promise<string> {
  const client = await new ClientFactory().createFromUrl(harness.sdk.origin)
  const task = await client.getTask(
    { id, historyLength: 0, tenant: '' },
    { serviceParameters: { 'x-api-key': harness.apiKey } },
  )
  return taskStateToJSON(task.status?.state ?? 0)
}

/** The task once it is in one of `states` (the agent runs on the server's own time). */
function settled(adapter: A2AAdapter, id: string, states: readonly string[]): Promise<A2ATaskResult> {
  return vi.waitFor(async () => {
    const task = await adapter.getTask(id)
    expect(states).toContain(task.providerStatus)
    return task
  }, waitLimit)
}

const V03 = {
  TASK_STATE_SUBMITTED: 'submitted',
  TASK_STATE_WORKING: 'working',
  TASK_STATE_INPUT_REQUIRED: 'input-required',
  TASK_STATE_AUTH_REQUIRED: 'auth-required',
  TASK_STATE_COMPLETED: 'completed',
  TASK_STATE_FAILED: 'failed',
  TASK_STATE_CANCELED: 'canceled',
  TASK_STATE_REJECTED: 'rejected',
} as const
type V1State = keyof typeof V03

/** What each message asks, the state the agent leaves its task in, and its mapping. */
const RUNS: readonly [script: string, state: V1State, status: Task['status'], reason: Task['reason']][] = [
  ['answer', 'TASK_STATE_COMPLETED', 'completed', undefined],
  ['ask', 'TASK_STATE_INPUT_REQUIRED', 'waiting_for_input', 'input'],
  ['login', 'TASK_STATE_AUTH_REQUIRED', 'waiting_for_input', 'auth'],
  ['fail', 'TASK_STATE_FAILED', 'failed', 'failed'],
  ['reject', 'TASK_STATE_REJECTED', 'failed', 'rejected'],
]

for (const version of ['1.0', '0.3'] as const) {
  const name = (state: V1State) => (version === '1.0' ? state : V03[state])

  describe(`every state the SDK server produces, over JSON-RPC v${version}`, () => {
    it.each(RUNS)(
      'a %s run ends in %s: %s, reason %s, as the SDK client reads it',
      async (script, state, status, reason) => {
        const adapter = adapterFor(version)
        const started = await adapter.startTask({ text: script })
        const task = await settled(adapter, started.id, [name(state)])
        expect(task).toMatchObject({ status, providerStatus: name(state), parentId: started.parentId })
        expect(task.reason).toBe(reason)
        expect(task.metadata.protocolVersion).toBe(version)
        const seen = await sdkState(task.id)
        expect(seen).toBe(state)
        expect(A2A_STATUS_TABLE[seen]).toBe(task.status)
      },
    )

    it('a run is submitted when started, working while it waits, then completed with its artifacts as output', async () => {
      const adapter = adapterFor(version)
      const started = await adapter.startTask({ text: 'run' })
      expect(started).toMatchObject({ status: 'pending', providerStatus: name('TASK_STATE_SUBMITTED'), input: 'run' })
      const working = await settled(adapter, started.id, [name('TASK_STATE_WORKING')])
      expect(working.status).toBe('running')
      expect(await sdkState(started.id)).toBe('TASK_STATE_WORKING')
      harness.sdk.openGates()
      const done = await settled(adapter, started.id, [name('TASK_STATE_COMPLETED')])
      expect(done.output).toEqual({
        format: 'data',
        value: expect.arrayContaining([expect.objectContaining({ text: 'The answer is 42.' })]),
      })
      expect(done.finishedAt).toBeInstanceOf(Date)
      expect(await sdkState(started.id)).toBe('TASK_STATE_COMPLETED')
    })

    it('a failed run has the agent’s message as its error', async () => {
      const adapter = adapterFor(version)
      const failed = await settled(adapter, (await adapter.startTask({ text: 'fail' })).id, [name('TASK_STATE_FAILED')])
      expect(failed.error).toEqual({ message: 'The model did not answer.', code: name('TASK_STATE_FAILED') })
    })

    it('cancelling a running task: canceled for the adapter and the SDK client', async () => {
      const adapter = adapterFor(version)
      const started = await adapter.startTask({ text: 'hang' })
      await settled(adapter, started.id, [name('TASK_STATE_WORKING')])
      const cancelled = await adapter.cancelTask(started.id)
      expect(cancelled).toMatchObject({ status: 'cancelled', providerStatus: name('TASK_STATE_CANCELED') })
      expect(await sdkState(started.id)).toBe('TASK_STATE_CANCELED')
    })

    it('watchTask follows a run over the subscription to completed', async () => {
      const adapter = adapterFor(version)
      const started = await adapter.startTask({ text: 'run' })
      await settled(adapter, started.id, [name('TASK_STATE_WORKING')])
      const before = harness.requests.length
      const statuses: string[] = []
      let last: Task | undefined
      for await (const task of watchTask(adapter, started.id, { timeoutMs: 20_000 })) {
        statuses.push(task.status)
        last = task
        if (task.status === 'running') harness.sdk.openGates()
      }
      expect(statuses[0]).toBe('running')
      expect(statuses.at(-1)).toBe('completed')
      expect(last?.output?.format).toBe('data')
      const routes = harness.requests.slice(before).map((request) => request.route)
      expect(routes).toContain('streamTask')
      // Every change came over the subscription: no polling.
      expect(routes.filter((route) => route === 'getTask')).toHaveLength(0)
    })
  })
}

describe('HTTP+JSON v1.0', () => {
  it('reads, lists and subscribes like JSON-RPC', async () => {
    const adapter = adapterFor('1.0', 'HTTP+JSON')
    const started = await adapter.startTask({ text: 'login' })
    const task = await settled(adapter, started.id, ['TASK_STATE_AUTH_REQUIRED'])
    expect(task.reason).toBe('auth')
    const listed: Task[] = []
    for await (const item of adapter.listTasks({ pageSize: 2, limit: 5 })) listed.push(item)
    expect(listed.length).toBeGreaterThan(0)
    // Past the 100 the SDK server allows: the adapter asks for 100.
    const large: Task[] = []
    for await (const item of adapter.listTasks({ pageSize: 500, limit: 3 })) large.push(item)
    expect(large.length).toBeGreaterThan(0)
    const run = await adapter.startTask({ text: 'run' })
    await settled(adapter, run.id, ['TASK_STATE_WORKING'])
    const seen: string[] = []
    for await (const change of adapter.streamTask(run.id)) {
      seen.push(change.providerStatus)
      if (change.status === 'running') harness.sdk.openGates()
      if (isTerminal(change.status)) break
    }
    expect(seen.at(-1)).toBe('TASK_STATE_COMPLETED')
  })
})

describe('subscriptions that fail, over each binding', () => {
  const bindings = [
    ['1.0', 'JSONRPC'],
    ['0.3', 'JSONRPC'],
    ['1.0', 'HTTP+JSON'],
  ] as const

  it.each(bindings)(
    'v%s %s: a wrong key is an AuthenticationError that does not show the key',
    async (version, binding) => {
      const apiKey = `wrong-key-${crypto.randomUUID()}`
      const adapter = createA2AAdapter({
        agentCardUrl: harness.agentCardUrl,
        apiKey,
        protocolVersion: version,
        binding,
      })
      const error = await rejectionOf(adapter.streamTask('any-task')[Symbol.asyncIterator]().next())
      expect(AuthenticationError.is(error)).toBe(true)
      expect(JSON.stringify(error)).not.toContain(apiKey)
      expect(String(error)).not.toContain(apiKey)
    },
  )

  it.each(bindings)('v%s %s: an unknown task is a TaskNotFoundError naming it', async (version, binding) => {
    const error = await rejectionOf(
      adapterFor(version, binding).streamTask('no-such-task')[Symbol.asyncIterator]().next(),
    )
    expect(TaskNotFoundError.is(error)).toBe(true)
    expect(error).toMatchObject({ taskId: 'no-such-task' })
  })
})

/** A webhook on loopback that hands each delivery to the test as a WHATWG Request. */
async function startWebhook(): Promise<{ url: string; deliveries: Request[]; close(): Promise<void> }> {
  const deliveries: Request[] = []
  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const headers = new Headers()
      for (const [key, value] of Object.entries(incoming.headers))
        if (typeof value === 'string') headers.set(key, value)
      deliveries.push(
        new Request(`http://127.0.0.1${incoming.url}`, { method: 'POST', headers, body: Buffer.concat(chunks) }),
      )
      response.writeHead(200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/a2a-hook`,
    deliveries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

for (const version of ['1.0', '0.3'] as const) {
  describe(`push notifications sent by the SDK server (v${version})`, () => {
    it('checks each delivery’s token and merges it into the last known task, ending where getTask is', async () => {
      const webhook = await startWebhook()
      try {
        const adapter = adapterFor(version)
        const token = `push-token-${version}-${crypto.randomUUID()}`
        const started = await adapter.startTask({ text: 'run', pushNotification: { url: webhook.url, token } })
        await settled(adapter, started.id, [version === '1.0' ? 'TASK_STATE_WORKING' : 'working'])
        harness.sdk.openGates()
        const done = await settled(adapter, started.id, [version === '1.0' ? 'TASK_STATE_COMPLETED' : 'completed'])
        await vi.waitFor(async () => {
          const kinds = await Promise.all(
            webhook.deliveries.map(
              async (delivery) => (await readA2APushNotification(delivery.clone(), { token })).kind,
            ),
          )
          // v1.0 sends each StreamResponse; v0.3 sends the whole task every time.
          if (version === '1.0') expect(kinds).toEqual(expect.arrayContaining(['artifact-update', 'status-update']))
          else expect(kinds.every((kind) => kind === 'task')).toBe(true)
          const final = await readA2APushNotification(webhook.deliveries.at(-1)?.clone() as Request, { token })
          expect(mergeA2AUpdate(started, final).status).toBe('completed')
        }, waitLimit)
        let last: A2ATaskResult = started
        const events: A2AStreamEvent[] = []
        for (const delivery of webhook.deliveries)
          events.push(await readA2APushNotification(delivery.clone(), { token }))
        for (const event of events) last = mergeA2AUpdate(last, event)
        expect(last).toMatchObject({ id: started.id, status: 'completed', output: done.output })
        const forged = webhook.deliveries[0]?.clone() as Request
        const refused = await rejectionOf(readA2APushNotification(forged, { token: `${token}-other` }))
        expect(AuthenticationError.is(refused)).toBe(true)
        expect(String(refused)).not.toContain(token)
      } finally {
        await webhook.close()
      }
    })
  })
}
