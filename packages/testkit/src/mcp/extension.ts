import { resolveClock } from '../toolkit/clock.js'
import type { EmulatorReply, EmulatorRequest } from '../toolkit/server.js'
import { MCP_EMULATOR_ROUTES, MCP_EMULATOR_TOOL, type McpEmulator, type McpEmulatorOptions } from './http.js'
import { serveMcpEmulator } from './serve.js'
import { ClockedTaskStore, type McpEmulatorOutcome } from './store.js'

/** The extension's identifier. */
const EXTENSION = 'io.modelcontextprotocol/tasks'
const CLIENT_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities'
const OUTCOMES: readonly string[] = ['completed', 'tool-error', 'failed', 'input']

interface RpcRequest {
  id?: string | number | null
  method?: string
  params?: { taskId?: unknown; name?: unknown; arguments?: { outcome?: unknown }; _meta?: Record<string, unknown> }
}

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message)
  }
}

/** Whether the request declares the extension in its `_meta`, as the extension asks of every request. */
function declaresExtension(request: RpcRequest): boolean {
  const declared = request.params?._meta?.[CLIENT_CAPABILITIES] as { extensions?: Record<string, unknown> } | undefined
  return declared?.extensions?.[EXTENSION] !== undefined
}

/**
 * Starts an emulator of an MCP server that speaks the
 * `io.modelcontextprotocol/tasks` extension (SEP-2663) on 127.0.0.1: no
 * TypeScript SDK has it yet, so this small server is written from the
 * extension's specification. Streamable HTTP at `/mcp` without sessions;
 * `tools/call` of the scripted tool answers `resultType: "task"`; `tasks/get`
 * inlines the result, error or `inputRequests`; `tasks/update` answers the
 * question; `tasks/cancel` acknowledges; there is no `tasks/list` or
 * `tasks/result`. A request that does not declare the extension in its
 * `_meta` gets -32021; one about a task must name it in `Mcp-Name`. Its tool
 * moves on the emulator's clock as `startMcpEmulator`'s does, and a tool error
 * is `completed` with `isError: true`, as the extension says.
 *
 * @example
 * ```ts
 * await using server = await startMcpExtensionEmulator()
 * const adapter = createMcpAdapter({ url: server.mcpUrl, token: server.token })
 * const { id } = await adapter.startTask({ tool: server.toolName, arguments: { outcome: 'input' } })
 * ```
 */
export async function startMcpExtensionEmulator(options: McpEmulatorOptions = {}): Promise<McpEmulator> {
  const clock = resolveClock(options.clock)
  const store = new ClockedTaskStore(clock, { pageSize: 10, pollInterval: options.pollIntervalMs ?? 1000 })

  /** The task as `tasks/get` shows it: the extension's field names, and its result, error or questions inlined. */
  const detailed = (taskId: string) => {
    const stored = store.peek(taskId)
    if (!stored) throw new RpcError(-32602, 'Failed to retrieve task: Task not found')
    const { ttl, pollInterval, ...task } = stored.task
    const inline =
      task.status === 'completed'
        ? { result: stored.result }
        : task.status === 'failed'
          ? { error: { code: -32603, message: task.statusMessage ?? 'The task failed' } }
          : task.status === 'input_required'
            ? { inputRequests: stored.inputRequests ?? {} }
            : {}
    return { ...task, ttlMs: ttl, pollIntervalMs: pollInterval, ...inline }
  }

  const taskIdOf = (request: RpcRequest, headers: EmulatorRequest['headers']): string => {
    const taskId = request.params?.taskId
    if (typeof taskId !== 'string') throw new RpcError(-32602, 'params.taskId is required')
    if (headers['mcp-name'] !== taskId) throw new RpcError(-32602, 'The Mcp-Name header must be the taskId')
    if (!store.peek(taskId)) throw new RpcError(-32602, 'Failed to retrieve task: Task not found')
    return taskId
  }

  const methods: Record<string, (request: RpcRequest, headers: EmulatorRequest['headers']) => Promise<unknown>> = {
    initialize: async () => ({
      protocolVersion: '2025-11-25',
      capabilities: { tools: {}, extensions: { [EXTENSION]: {} } },
      serverInfo: { name: 'taskbridge MCP extension emulator', version: '1.0.0' },
    }),
    'tools/call': async (request) => {
      if (!declaresExtension(request)) {
        throw new RpcError(-32021, 'Missing required client capability', {
          requiredCapabilities: { extensions: { [EXTENSION]: {} } },
        })
      }
      if (request.params?.name !== MCP_EMULATOR_TOOL) throw new RpcError(-32602, 'Unknown tool')
      const asked = request.params.arguments?.outcome
      const outcome = (
        typeof asked === 'string' && OUTCOMES.includes(asked) ? asked : 'completed'
      ) as McpEmulatorOutcome
      const task = await store.createTask({ ttl: 3_600_000 }, request.id ?? 0, { method: 'tools/call' })
      store.script(task.taskId, outcome)
      return { resultType: 'task', ...detailed(task.taskId) }
    },
    'tasks/get': async (request, headers) => ({ resultType: 'complete', ...detailed(taskIdOf(request, headers)) }),
    'tasks/update': async (request, headers) => {
      const responses = (request.params as { inputResponses?: unknown }).inputResponses
      if (typeof responses !== 'object' || responses === null) throw new RpcError(-32602, 'inputResponses is required')
      store.answer(taskIdOf(request, headers), undefined, responses as Record<string, unknown>)
      return { resultType: 'complete' }
    },
    'tasks/cancel': async (request, headers) => {
      const taskId = taskIdOf(request, headers)
      const status = store.peek(taskId)?.task.status
      if (status === 'working' || status === 'input_required') {
        await store.updateTaskStatus(taskId, 'cancelled', 'Cancelled by the client')
      }
      return { resultType: 'complete' }
    },
  }

  const serve = async (request: EmulatorRequest): Promise<EmulatorReply> => {
    const message = (request.body ?? {}) as RpcRequest
    if (message.id === undefined || message.id === null) return { status: 202 }
    const id = message.id
    const handler = Object.hasOwn(methods, message.method ?? '') ? methods[message.method as string] : undefined
    try {
      if (!handler) throw new RpcError(-32601, `Method not found: ${message.method}`)
      if (message.method !== 'initialize' && message.method !== 'tools/call' && !declaresExtension(message)) {
        throw new RpcError(-32021, 'Missing required client capability')
      }
      return { status: 200, body: { jsonrpc: '2.0', id, result: await handler(message, request.headers) } }
    } catch (error) {
      if (!(error instanceof RpcError)) throw error
      const failure = { code: error.code, message: error.message, ...(error.data ? { data: error.data } : {}) }
      return { status: 200, body: { jsonrpc: '2.0', id, error: failure } }
    }
  }

  const { taskResult: _result, listTasks: _list, ...routeNames } = MCP_EMULATOR_ROUTES
  const emulator = await serveMcpEmulator({
    name: 'startMcpExtensionEmulator',
    clock,
    options,
    store,
    serve,
    methods: { [MCP_EMULATOR_ROUTES.updateTask]: 'tasks/update' },
    routes: routeNames,
    // Stateless: it keeps no sessions to drop.
    dropSessions: () => {},
  })
  return Object.assign(emulator, { createWaitingTask: () => store.seed('input_required') })
}
