// What both MCP emulators share: their options, route names and harness
// parts, the JSON-RPC method routes on one endpoint, and the answer a web
// `Response` (the SDK's transport speaks Request/Response) becomes.
import type { EmulatorHarness, HarnessRoutes } from '../contract/harness.js'
import type { EmulatorClockOption } from '../toolkit/clock.js'
import { applyTaskFault, type Fault, UNKNOWN_STATUS_VALUE } from '../toolkit/faults.js'
import type { EmulatorReply, EmulatorRequest, EmulatorServer, RouteDefinition } from '../toolkit/server.js'

/** Options of `startMcpEmulator` and `startMcpExtensionEmulator`. */
export interface McpEmulatorOptions {
  /**
   * How tasks advance: `'virtual'` (the default; only with `clock.advance`),
   * `'real-time'`, `{ realTime: { speed } }` (real time, `speed` times faster),
   * or a clock you made.
   */
  clock?: EmulatorClockOption
  /** The port on 127.0.0.1 to listen on. Default: a free one the system picks. */
  port?: number
  /** Answers browsers' CORS preflights, for a web page that calls the emulator. Default false. */
  cors?: boolean
  /** The bearer token the server accepts. Default: a new random token per start. */
  token?: string
  /** How the 2025-11-25 server answers a POST: one JSON body, or an SSE stream (the SDK's default). Default `json`. */
  answers?: 'json' | 'sse'
  /** Tasks per `tasks/list` page (2025-11-25 form). Default 10, as the SDK's in-memory store. */
  listPageSize?: number
  /** The `pollInterval` new tasks ask for, in ms. Default 1000, as the SDK's in-memory store. */
  pollIntervalMs?: number
}

/** A running MCP emulator: the HTTP server and the contract harness. */
export interface McpEmulator extends EmulatorServer, EmulatorHarness {
  /** The Streamable HTTP endpoint: `<url>/mcp`. */
  readonly mcpUrl: string
  /** The bearer token to give the adapter. It stays the same after `invalidateCredentials()`, which makes it refused. */
  readonly token: string
  /** The name of the scripted task tool. */
  readonly toolName: string
  /** Forgets every session, as a restarted server does: the next request with an old session id gets 404. */
  dropSessions(): void
}

/** The scripted task tool every MCP emulator serves: `{ topic?, outcome? }`. */
export const MCP_EMULATOR_TOOL = 'emulated-report'

/** The route names of the MCP emulators: one per JSON-RPC method (`jsonRpc` for the others). */
export const MCP_EMULATOR_ROUTES: HarnessRoutes & {
  initialize: string
  taskResult: string
  updateTask: string
  jsonRpc: string
} = {
  initialize: 'initialize',
  getTask: 'getTask',
  taskResult: 'taskResult',
  listTasks: 'listTasks',
  startTask: 'startTask',
  streamTask: 'getTask',
  cancelTask: 'cancelTask',
  answerTask: 'updateTask',
  updateTask: 'updateTask',
  jsonRpc: 'jsonRpc',
}

/** The path of the emulators' Streamable HTTP endpoint. */
export const MCP_PATH = '/mcp'

/** The task of a JSON-RPC answer, its `result`; an error answer as it is. */
function resultTask(body: unknown): unknown {
  const { result } = (body ?? {}) as { result?: unknown }
  return result === undefined ? body : result
}

/** A payload fault on a JSON-RPC answer changes the task in its `result`. */
function faultTaskResult(body: unknown, fault: Fault): unknown {
  const { result } = body as { result?: object }
  if (typeof result !== 'object' || result === null) return body
  const task =
    fault.type === 'unknown-status'
      ? { ...result, status: fault.value ?? UNKNOWN_STATUS_VALUE }
      : applyTaskFault(result, fault, 'status')
  return { ...(body as object), result: task }
}

/** The routes of one endpoint told apart by JSON-RPC method, all served by `handler`. */
export function methodRoutes(
  handler: (request: EmulatorRequest) => Promise<EmulatorReply>,
  methods: Record<string, string>,
): RouteDefinition[] {
  const methodOf = (request: EmulatorRequest) => (request.body as { method?: unknown } | undefined)?.method
  const task = { get: resultTask, applyFault: faultTaskResult }
  return [
    ...Object.entries(methods).map(([name, method]) => ({
      name,
      method: 'POST' as const,
      path: MCP_PATH,
      matches: (request: EmulatorRequest) => methodOf(request) === method,
      ...(name === 'getTask' || name === 'cancelTask' ? { task } : {}),
      handler,
    })),
    { name: MCP_EMULATOR_ROUTES.jsonRpc, method: 'POST', path: MCP_PATH, handler },
    { name: 'listen', method: 'GET', path: MCP_PATH, handler },
    { name: 'endSession', method: 'DELETE', path: MCP_PATH, handler },
  ]
}

/** The 401 of a request without the token. */
export function bearerCheck(accepted: () => string) {
  return (request: EmulatorRequest): EmulatorReply | undefined =>
    request.headers.authorization === `Bearer ${accepted()}`
      ? undefined
      : { status: 401, body: { error: 'invalid_token', error_description: 'The bearer token is not valid' } }
}

/** A web Response as the emulator's reply: an SSE stream as events, any other body parsed. */
export async function replyOf(response: Response, signal: AbortSignal): Promise<EmulatorReply> {
  const headers: Record<string, string> = {}
  const session = response.headers.get('mcp-session-id')
  if (session) headers['mcp-session-id'] = session
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('text/event-stream') && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true })
    async function* events(): AsyncGenerator<string> {
      try {
        for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value
      } finally {
        await reader.cancel().catch(() => {})
      }
    }
    return { status: response.status, events: events(), headers }
  }
  const text = await response.text()
  if (text === '') return { status: response.status, headers }
  return { status: response.status, body: JSON.parse(text), headers }
}
