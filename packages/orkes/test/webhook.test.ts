// Orkes status notifications into a real server: node:http (through
// toNodeListener) and Hono. The bodies are workflow summaries as the
// emulator's search serves them, which is the shape the status listener posts.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createWebhookHandler, InvalidPayloadError, type Task, toNodeListener } from '@taskbridge/core'
import { type OrkesEmulator, startOrkesEmulator, thrownBy } from '@taskbridge/testkit'
import { Hono } from 'hono'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createOrkesWorkflowAdapter, parseOrkesWebhook, parseOrkesWorkflowWebhook } from '../src/index.js'

let emulator: OrkesEmulator
let server: Server | undefined

beforeAll(async () => {
  emulator = await startOrkesEmulator()
})
afterEach(async () => {
  emulator.reset()
  const running = server
  if (running) await new Promise((resolve) => running.close(resolve))
  server = undefined
})
afterAll(async () => {
  await emulator.close()
})

/** The workflow's summary as Orkes serves it, plus the notification's `event`. */
async function notificationOf(workflowId: string, event: string): Promise<Record<string, unknown>> {
  const token = await (
    await fetch(`${emulator.baseUrl}/api/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ keyId: emulator.keyId, keySecret: emulator.keySecret }),
    })
  ).json()
  const search = await fetch(`${emulator.baseUrl}/api/workflow/search?size=1000`, {
    headers: { 'x-authorization': (token as { token: string }).token },
  })
  const { results } = (await search.json()) as { results: Record<string, unknown>[] }
  const summary = results.find((result) => result.workflowId === workflowId)
  if (!summary) throw new Error(`no summary for ${workflowId}`)
  return { ...summary, event }
}

async function listen(handler: (request: Request) => Promise<Response>): Promise<string> {
  server = createServer(toNodeListener(handler))
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/orkes`
}

const deliver = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('Orkes notifications', () => {
  it('parses a workflow summary into the same Task the adapter reads, with the event kept', async () => {
    const id = emulator.workflowHarness().createTask('COMPLETED')
    const notification = await notificationOf(id, 'COMPLETED')
    const task = parseOrkesWorkflowWebhook(notification, { provider: 'flows' })
    const read = await createOrkesWorkflowAdapter({
      serverUrl: emulator.baseUrl,
      keyId: emulator.keyId,
      keySecret: emulator.keySecret,
    }).getTask(id)
    expect(task).toMatchObject({
      id,
      adapter: 'flows',
      provider: 'flows',
      status: 'completed',
      providerStatus: 'COMPLETED',
    })
    expect(task.metadata.event).toBe('COMPLETED')
    expect(task.input).toEqual(read.input)
    expect(task.updatedAt).toEqual(read.updatedAt)
    expect(task.raw).toEqual(notification)
  })

  it('refuses a body that is neither a task nor a workflow, keeping it', () => {
    const error = thrownBy(() => parseOrkesWebhook({ hello: 'world' }))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as InvalidPayloadError).raw).toEqual({ hello: 'world' })
  })

  it('yields one change per delivery in a node:http server, however often and in whatever order they arrive', async () => {
    const changes: Task[] = []
    const url = await listen(
      createWebhookHandler({ parse: parseOrkesWebhook, onChange: (task) => void changes.push(task) }),
    )
    const id = emulator.workflowHarness().createTask()
    const running = await notificationOf(id, 'RUNNING')
    emulator.clock.advance(60_000)
    const ended = await notificationOf(id, 'COMPLETED')
    expect(ended.status).toBe('COMPLETED')

    for (const body of [running, running, ended, running, ended]) expect((await deliver(url, body)).status).toBe(200)
    expect(changes.map((task) => task.providerStatus)).toEqual(['RUNNING', 'COMPLETED'])
    expect((await deliver(url, { hello: 'world' })).status).toBe(400)
  })

  it('works as a Hono route', async () => {
    const changes: string[] = []
    const handler = createWebhookHandler({
      parse: parseOrkesWebhook,
      onChange: (task) => void changes.push(task.status),
    })
    const app = new Hono().post('/hooks/orkes', (c) => handler(c.req.raw))
    const id = emulator.workflowHarness().createTask('FAILED')
    const body = JSON.stringify(await notificationOf(id, 'FAILED'))
    const request = () =>
      new Request('http://app.local/hooks/orkes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
    expect((await app.fetch(request())).status).toBe(200)
    expect((await app.fetch(request())).status).toBe(200)
    expect(changes).toEqual(['failed'])
  })
})
