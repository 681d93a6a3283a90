import { randomUUID } from 'node:crypto'
import type { InMemoryTaskMessageQueue } from '@modelcontextprotocol/sdk/experimental/tasks'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { resolveClock } from '../toolkit/clock.js'
import type { EmulatorReply, EmulatorRequest } from '../toolkit/server.js'
import { MCP_EMULATOR_ROUTES, MCP_EMULATOR_TOOL, type McpEmulator, type McpEmulatorOptions, replyOf } from './http.js'
import { serveMcpEmulator } from './serve.js'
import { ClockedTaskStore, type McpEmulatorOutcome } from './store.js'

const OUTCOMES = ['completed', 'tool-error', 'failed', 'input'] as const

/**
 * The SDK's classes, loaded when an MCP emulator starts: importing the
 * testkit for another emulator does not load the MCP SDK and its dependencies.
 */
async function loadSdk() {
  const [tasks, mcp, http, z] = await Promise.all([
    import('@modelcontextprotocol/sdk/experimental/tasks'),
    import('@modelcontextprotocol/sdk/server/mcp.js'),
    import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'),
    import('zod'),
  ])
  return {
    InMemoryTaskMessageQueue: tasks.InMemoryTaskMessageQueue,
    McpServer: mcp.McpServer,
    Transport: http.WebStandardStreamableHTTPServerTransport,
    z,
  }
}

type Sdk = Awaited<ReturnType<typeof loadSdk>>

/** One MCP server and its transport per session, as the SDK's examples and server-everything run them. */
interface Session {
  server: McpServer
  transport: WebStandardStreamableHTTPServerTransport
}

/** An SDK server with the scripted task tool, its tasks in the shared store. */
function createServer(sdk: Sdk, store: ClockedTaskStore, queue: InMemoryTaskMessageQueue): McpServer {
  const { z } = sdk
  const server = new sdk.McpServer(
    { name: 'taskbridge MCP emulator', version: '1.0.0' },
    {
      capabilities: { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
      taskStore: store,
      taskMessageQueue: queue,
    },
  )
  server.experimental.tasks.registerToolTask(
    MCP_EMULATOR_TOOL,
    {
      description:
        'Writes an emulated report as a task: working, a progress message after 1 s, its outcome after 3 s on the emulator clock.',
      inputSchema: { topic: z.string().optional(), outcome: z.enum(OUTCOMES).optional() },
      execution: { taskSupport: 'required' },
    },
    {
      createTask: async (args, extra) => {
        const ttl = extra.taskRequestedTtl ?? 3_600_000
        const task = await extra.taskStore.createTask({ ttl, pollInterval: store.pollInterval })
        store.script(task.taskId, (args.outcome ?? 'completed') as McpEmulatorOutcome)
        return { task }
      },
      getTask: (_args, extra) => extra.taskStore.getTask(extra.taskId),
      getTaskResult: (_args, extra) => extra.taskStore.getTaskResult(extra.taskId) as Promise<CallToolResult>,
    },
  )
  return server
}

/** The request as a web Request for the SDK's transport (its body already parsed). */
function webRequest(request: EmulatorRequest, url: string): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value)
  }
  const body = request.method === 'POST' ? request.text : undefined
  return new Request(`${url}${request.path}`, { method: request.method, headers, body, signal: request.signal })
}

/**
 * Starts an emulator of an MCP server with tasks in the 2025-11-25 form on
 * 127.0.0.1, made with the official `@modelcontextprotocol/sdk` 1.x server
 * (`McpServer`, `registerToolTask`, `WebStandardStreamableHTTPServerTransport`):
 * Streamable HTTP at `/mcp`, one session per `initialize`, a bearer token.
 * Its tool `emulated-report` runs as a task: working, a progress message after
 * 1 s and its outcome after 3 s on the emulator's clock: completed with a text
 * and structured answer, or, by its `outcome` argument, a tool error
 * (`isError`), failed, or input_required. Tasks belong to their session, as
 * with the SDK's store; those `createTask` seeds belong to none.
 *
 * @example
 * ```ts
 * await using server = await startMcpEmulator()
 * const adapter = createMcpAdapter({ url: server.mcpUrl, token: server.token })
 * const { id } = await adapter.startTask({ tool: server.toolName })
 * server.clock.advance(3000)
 * ```
 */
export async function startMcpEmulator(options: McpEmulatorOptions = {}): Promise<McpEmulator> {
  const clock = resolveClock(options.clock)
  const store = new ClockedTaskStore(clock, {
    pageSize: options.listPageSize ?? 10,
    pollInterval: options.pollIntervalMs ?? 1000,
  })
  const sdk = await loadSdk()
  const queue = new sdk.InMemoryTaskMessageQueue()
  const sessions = new Map<string, Session>()
  let origin = ''

  const open = async (): Promise<Session> => {
    const server = createServer(sdk, store, queue)
    const transport: WebStandardStreamableHTTPServerTransport = new sdk.Transport({
      sessionIdGenerator: randomUUID,
      enableJsonResponse: (options.answers ?? 'json') === 'json',
      onsessioninitialized: (id) => void sessions.set(id, { server, transport }),
      onsessionclosed: (id) => void sessions.delete(id),
    })
    await server.connect(transport)
    return { server, transport }
  }

  const serve = async (request: EmulatorRequest): Promise<EmulatorReply> => {
    const id = request.headers['mcp-session-id']
    const known = typeof id === 'string' ? sessions.get(id) : undefined
    if (typeof id === 'string' && !known) {
      const rpcId = (request.body as { id?: unknown } | undefined)?.id ?? null
      return { status: 404, body: { jsonrpc: '2.0', id: rpcId, error: { code: -32001, message: 'Session not found' } } }
    }
    const session = known ?? (await open())
    const response = await session.transport.handleRequest(webRequest(request, origin), { parsedBody: request.body })
    return replyOf(response, request.signal)
  }

  const closeSessions = async () => {
    const open = [...sessions.values()]
    sessions.clear()
    await Promise.all(open.map(({ server: mcp }) => mcp.close()))
  }
  const { updateTask: _update, answerTask: _answer, ...routeNames } = MCP_EMULATOR_ROUTES
  const emulator = await serveMcpEmulator({
    name: 'startMcpEmulator',
    clock,
    options,
    store,
    serve,
    methods: {
      [MCP_EMULATOR_ROUTES.taskResult]: 'tasks/result',
      [MCP_EMULATOR_ROUTES.listTasks as string]: 'tasks/list',
    },
    routes: routeNames,
    dropSessions: () => void closeSessions(),
  })
  origin = emulator.url

  const closeServer = emulator.close
  const close = async () => {
    await closeSessions()
    await closeServer()
  }
  return Object.assign(emulator, { close, [Symbol.asyncDispose]: close })
}
