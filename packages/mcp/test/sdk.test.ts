import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { CallToolResultSchema, CreateTaskResultSchema } from '@modelcontextprotocol/sdk/types.js'
import { TaskNotFoundError } from '@taskbridge/core'
import { rejectionOf } from '@taskbridge/testkit'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createMcpAdapter, type McpAdapter } from '../src/index.js'
import { SDK_SLOW_TOOL, SDK_TOOL, type SdkServer, startSdkServer } from './sdk-server.js'

// The official SDK on both ends: its server, and its own client beside the
// adapter. The adapter joins the client's session, since tasks belong to the
// session that created them; for every state the two read the same task.
describe('the adapter and the official SDK client agree on an SDK server’s tasks', () => {
  let server: SdkServer
  let client: Client
  let transport: StreamableHTTPClientTransport
  let adapter: McpAdapter
  beforeAll(async () => {
    server = await startSdkServer()
    client = new Client({ name: 'sdk-client', version: '1.0.0' })
    transport = new StreamableHTTPClientTransport(new URL(server.url))
    await client.connect(transport)
    adapter = createMcpAdapter({ url: server.url, sessionId: transport.sessionId })
  })
  afterAll(async () => {
    await client.close()
    await server.close()
  })

  async function start(tool = SDK_TOOL): Promise<string> {
    const created = await client.request(
      { method: 'tools/call', params: { name: tool, arguments: {}, task: { ttl: 60_000 } } },
      CreateTaskResultSchema,
    )
    return created.task.taskId
  }

  /** Both clients' view of the task: the SDK's status, and the adapter's Task. */
  async function bothRead(id: string) {
    const [sdk, task] = await Promise.all([client.experimental.tasks.getTask(id), adapter.getTask(id)])
    expect(task.providerStatus).toBe(sdk.status)
    expect(task.updatedAt?.toISOString()).toBe(new Date(sdk.lastUpdatedAt).toISOString())
    expect(task.metadata.pollIntervalMs).toBe(sdk.pollInterval)
    return { sdk, task }
  }

  it('working, input_required, working again and completed with the tool’s result', async () => {
    const id = await start()
    const store = server.stores.get(id)
    expect((await bothRead(id)).task).toMatchObject({
      status: 'running',
      metadata: { form: '2025-11-25', ttlMs: 60_000 },
    })
    await store?.updateTaskStatus(id, 'input_required', 'Which city?')
    const waiting = (await bothRead(id)).task
    expect(waiting).toMatchObject({
      status: 'waiting_for_input',
      reason: 'input',
      request: { kind: 'input', message: 'Which city?' },
    })
    await store?.updateTaskStatus(id, 'working', 'Forecasting')
    expect((await bothRead(id)).task.status).toBe('running')
    await store?.storeTaskResult(id, 'completed', { content: [{ type: 'text', text: 'Sunny' }] })
    const done = (await bothRead(id)).task
    const result = await client.experimental.tasks.getTaskResult(id, CallToolResultSchema)
    expect(done).toMatchObject({ status: 'completed', output: { format: 'text', value: 'Sunny' } })
    expect(done.metadata.content).toEqual(result.content)
  })

  it('completed with isError: the SDK says completed, the adapter failed', async () => {
    const id = await start()
    await server.stores.get(id)?.storeTaskResult(id, 'completed', {
      content: [{ type: 'text', text: 'No such city' }],
      isError: true,
    })
    const { sdk, task } = await bothRead(id)
    expect(sdk.status).toBe('completed')
    expect(task).toMatchObject({ status: 'failed', reason: 'failed', error: { message: 'No such city' } })
  })

  it('failed, with a result and without one', async () => {
    const withResult = await start()
    await server.stores.get(withResult)?.storeTaskResult(withResult, 'failed', {
      content: [{ type: 'text', text: 'Crashed' }],
      isError: true,
    })
    expect((await bothRead(withResult)).task).toMatchObject({ status: 'failed', error: { message: 'Crashed' } })
    const bare = await start()
    await server.stores.get(bare)?.updateTaskStatus(bare, 'failed', 'Out of memory')
    expect((await bothRead(bare)).task).toMatchObject({ status: 'failed', error: { message: 'Out of memory' } })
  })

  it('cancelled by the adapter; cancelling again returns it unchanged, as the SDK refuses', async () => {
    const id = await start()
    expect((await adapter.cancelTask(id)).status).toBe('cancelled')
    expect((await bothRead(id)).sdk.status).toBe('cancelled')
    const refusal = await rejectionOf(client.experimental.tasks.cancelTask(id))
    expect(String(refusal)).toMatch(/Cannot cancel task in terminal status/)
    expect((await adapter.cancelTask(id)).providerStatus).toBe('cancelled')
  })

  it('lists the session’s tasks over pages of ten', async () => {
    const ids = [await start()]
    while (ids.length < 12) ids.push(await start())
    const listed = []
    for await (const task of adapter.listTasks()) listed.push(task.id)
    expect(listed).toEqual(expect.arrayContaining(ids))
    expect((await client.experimental.tasks.listTasks()).tasks).toHaveLength(10)
  })

  it('streamTask reads the task as soon as the server notifies a change, not at its next poll a minute later', async () => {
    // Its own session: the SDK client holds its session's one stream.
    const own = createMcpAdapter({ url: server.url })
    const { id } = await own.startTask({ tool: SDK_SLOW_TOOL })
    const seen: string[] = []
    const watched = (async () => {
      for await (const task of own.streamTask(id)) seen.push(task.status)
    })()
    const limit = { timeout: 20_000, interval: 10 }
    // The server sends notifications only to an open stream: wait for the adapter's, beside the SDK client's.
    const open = () =>
      server.streams.filter((stream) => stream.headersSent && !stream.writableEnded && !stream.destroyed)
    await vi.waitFor(() => expect(open()).toHaveLength(2), limit)
    await vi.waitFor(() => expect(seen).toEqual(['running']), limit)
    await server.stores.get(id)?.updateTaskStatus(id, 'input_required', 'Which city?')
    await vi.waitFor(() => expect(seen).toEqual(['running', 'waiting_for_input']), limit)
    await server.stores.get(id)?.storeTaskResult(id, 'completed', { content: [{ type: 'text', text: 'Sunny' }] })
    await watched
    expect(seen).toEqual(['running', 'waiting_for_input', 'completed'])
    // The stream closes with the last task followed.
    await vi.waitFor(() => expect(open()).toHaveLength(1), limit)
  })

  it('another session sees none of them: TaskNotFoundError', async () => {
    const id = await start()
    const elsewhere = createMcpAdapter({ url: server.url })
    const error = await rejectionOf(elsewhere.getTask(id))
    expect(TaskNotFoundError.is(error)).toBe(true)
    expect(String(error)).toMatch(/-32602/)
  })
})
