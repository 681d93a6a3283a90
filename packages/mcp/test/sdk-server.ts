// A server written only with the official @modelcontextprotocol/sdk 1.x:
// McpServer with its own InMemoryTaskStore and message queue, served by its
// node Streamable HTTP transport (SSE answers, one session per initialize)
// on 127.0.0.1. Its tool's tasks are moved by the test through the SDK's own
// request task store, as a tool's background work would move them.
import { randomUUID } from 'node:crypto'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { InMemoryTaskMessageQueue, InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import type { RequestTaskStore } from '@modelcontextprotocol/sdk/shared/protocol.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'

export const SDK_TOOL = 'scripted'
/** The same tool, asking to be polled once a minute: what it shows must come from notifications. */
export const SDK_SLOW_TOOL = 'scripted-slow'

/** A running SDK server, and the task stores its tasks were created with, by task id. */
export interface SdkServer {
  url: string
  stores: Map<string, RequestTaskStore>
  /** The responses of the sessions' event streams (GET), to see when one is open. */
  streams: ServerResponse[]
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
  for (const [name, pollInterval] of [
    [SDK_TOOL, 250],
    [SDK_SLOW_TOOL, 60_000],
  ] as const) {
    server.experimental.tasks.registerToolTask(
      name,
      { description: 'A task the test moves', execution: { taskSupport: 'required' } },
      {
        createTask: async (extra) => {
          const task = await extra.taskStore.createTask({ ttl: 60_000, pollInterval })
          stores.set(task.taskId, extra.taskStore)
          return { task }
        },
        getTask: (extra) => extra.taskStore.getTask(extra.taskId),
        getTaskResult: (extra) => extra.taskStore.getTaskResult(extra.taskId) as Promise<CallToolResult>,
      },
    )
  }
  return server
}

export async function startSdkServer(): Promise<SdkServer> {
  const store = new InMemoryTaskStore()
  const queue = new InMemoryTaskMessageQueue()
  const stores: SdkServer['stores'] = new Map()
  const streams: ServerResponse[] = []
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
    if (request.method === 'GET') streams.push(response)
    await session.transport.handleRequest(request, response)
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    stores,
    streams,
    async close() {
      await Promise.all([...sessions.values()].map(({ server }) => server.close()))
      store.cleanup()
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
