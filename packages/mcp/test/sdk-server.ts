// A server written only with the official @modelcontextprotocol/sdk 1.x:
// McpServer with its own InMemoryTaskStore and message queue, served by its
// node Streamable HTTP transport (SSE answers, one session per initialize)
// on 127.0.0.1. Its tool's tasks are moved by the test through the SDK's own
// request task store, as a tool's background work would move them.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { InMemoryTaskMessageQueue, InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import type { RequestTaskStore } from '@modelcontextprotocol/sdk/shared/protocol.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'

export const SDK_TOOL = 'scripted'

/** A running SDK server, and the task stores its tasks were created with, by task id. */
export interface SdkServer {
  url: string
  stores: Map<string, RequestTaskStore>
  close(): Promise<void>
}

function mcpServer(store: InMemoryTaskStore, queue: InMemoryTaskMessageQueue, stores: SdkServer['stores']) {
  const server = new McpServer(
    { name: 'sdk-only server', version: '1.0.0' },
    {
      capabilities: { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
      taskStore: store,
      taskMessageQueue: queue,
    },
  )
  server.experimental.tasks.registerToolTask(
    SDK_TOOL,
    { description: 'A task the test moves', execution: { taskSupport: 'required' } },
    {
      createTask: async (extra) => {
        const task = await extra.taskStore.createTask({ ttl: 60_000, pollInterval: 250 })
        stores.set(task.taskId, extra.taskStore)
        return { task }
      },
      getTask: (extra) => extra.taskStore.getTask(extra.taskId),
      getTaskResult: (extra) => extra.taskStore.getTaskResult(extra.taskId) as Promise<CallToolResult>,
    },
  )
  return server
}

export async function startSdkServer(): Promise<SdkServer> {
  const store = new InMemoryTaskStore()
  const queue = new InMemoryTaskMessageQueue()
  const stores: SdkServer['stores'] = new Map()
  const sessions = new Map<string, { server: McpServer; transport: StreamableHTTPServerTransport }>()
  const http = createServer(async (request, response) => {
    const id = request.headers['mcp-session-id']
    let session = typeof id === 'string' ? sessions.get(id) : undefined
    if (!session) {
      const server = mcpServer(store, queue, stores)
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (sessionId) => void sessions.set(sessionId, { server, transport }),
      })
      await server.connect(transport)
      session = { server, transport }
    }
    await session.transport.handleRequest(request, response)
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    stores,
    async close() {
      await Promise.all([...sessions.values()].map(({ server }) => server.close()))
      store.cleanup()
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
