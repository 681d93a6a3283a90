// An MCP session over Streamable HTTP: `initialize` and
// `notifications/initialized` once, then every request a POST of one
// JSON-RPC message carrying the session id, answered as JSON or as an SSE
// stream that holds the response among notifications.
import { type CallOptions, ProviderApiError } from '@taskbridge/core'
import type { HttpClient, HttpResponse, PayloadSource } from '@taskbridge/provider-utils'
import { readAnswer } from './answer.js'
import { type McpTaskForm, parseMcpInitializeResult } from './map.js'
import { jsonRpcResult } from './mcp-error.js'
import type { McpInitializeResult } from './schema.js'

/** The protocol version the adapter asks for: the first with tasks. */
export const MCP_PROTOCOL_VERSION = '2025-11-25'

/** The tasks extension's identifier, in capabilities and in each request's `_meta`. */
export const MCP_TASKS_EXTENSION = 'io.modelcontextprotocol/tasks'

const CLIENT_CAPABILITIES_META = 'io.modelcontextprotocol/clientCapabilities'
const SESSION_HEADER = 'mcp-session-id'
const ACCEPT = 'application/json, text/event-stream'
/** The HTTP client's default time limit of one attempt. */
const DEFAULT_TIMEOUT_MS = 30_000

/** What the server said it can do, read from its `initialize` answer. */
export interface McpServerInfo {
  form: McpTaskForm
  protocolVersion: string
  capabilities: McpInitializeResult['capabilities']
  /** 2025-11-25 form: `tasks.list` is advertised. */
  list: boolean
}

/** A JSON-RPC result and where it came from. */
export interface RpcAnswer {
  result: unknown
  source: PayloadSource
}

/** Options of one call. */
export interface RpcCallOptions extends CallOptions {
  /** The task the call is about: `TaskNotFoundError` names it, and the extension form routes by it (`Mcp-Name`). */
  taskId?: string | undefined
  /** Resend after a transient failure: only for reads. */
  retry?: boolean
}

/** A session with one MCP server. */
export interface McpSession {
  /** What the server can do; initializes the session on first use. */
  server(call: CallOptions): Promise<McpServerInfo>
  /** Sends one request and returns its result; a dropped session is renewed once. */
  call(method: string, params: Record<string, unknown>, options: RpcCallOptions): Promise<RpcAnswer>
  /** The current `Mcp-Session-Id`, when the server gave one. */
  id(): string | undefined
  /** Opens the session's own event stream (a GET) for the server's notifications; `undefined` without a session. */
  listen(signal: AbortSignal): Promise<HttpResponse | undefined>
}

/** Options of {@link createMcpSession}. */
export interface McpSessionOptions {
  provider: string
  http: HttpClient
  /** The MCP endpoint's path on the client's base URL. */
  path: string
  /** Use this form whatever the server advertises. */
  form?: McpTaskForm | undefined
  /** An existing session to join instead of initializing one. */
  sessionId?: string | undefined
  clientVersion: string
  /** The adapter's time limit of one attempt, which also bounds the wait for an answer on an open stream. */
  timeoutMs?: number | undefined
}

/** The form the server advertises: the extension when its capabilities name it, else the 2025-11-25 `tasks`. */
function formOf(capabilities: McpInitializeResult['capabilities']): McpTaskForm {
  return capabilities.extensions && Object.hasOwn(capabilities.extensions, MCP_TASKS_EXTENSION)
    ? 'extension'
    : '2025-11-25'
}

/** Whether the server dropped the session: 404 (the specification), or a 400 that says the session is unknown. */
function isSessionGone(error: unknown): boolean {
  if (!ProviderApiError.is(error)) return false
  if (error.status === 404) return true
  return error.status === 400 && /session/i.test(error.message)
}

/** Creates the session; nothing is sent until the first call. */
export function createMcpSession(options: McpSessionOptions): McpSession {
  const { provider, http, path } = options
  let nextId = 0
  let sessionId = options.sessionId
  let info: McpServerInfo | undefined
  let connecting: Promise<McpServerInfo> | undefined

  /** One POST of a JSON-RPC message; `undefined` id for a notification. */
  async function post(message: Record<string, unknown>, call: RpcCallOptions, headers: Record<string, string>) {
    return http.request(path, {
      ...call,
      method: 'POST',
      headers: {
        accept: ACCEPT,
        ...(sessionId ? { [SESSION_HEADER]: sessionId } : {}),
        ...headers,
        ...call.headers,
      },
      json: { jsonrpc: '2.0', ...message },
      retry: call.retry ?? false,
      responseType: 'events',
      // A 404 here is a dropped session, not a missing task: the JSON-RPC error says that.
      isNotFound: () => false,
    })
  }

  async function request(method: string, params: Record<string, unknown>, call: RpcCallOptions, extra = {}) {
    nextId += 1
    const id = nextId
    const version: Record<string, string> = info ? { 'mcp-protocol-version': info.protocolVersion } : {}
    const response = await post({ id, method, params }, call, { ...version, ...extra })
    const timeoutMs = call.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const { message, source } = await readAnswer(response, id, { provider, taskId: call.taskId, timeoutMs })
    const result = jsonRpcResult(message, { provider, taskId: call.taskId, ...source })
    return { result, source, response }
  }

  async function initialize(call: CallOptions): Promise<McpServerInfo> {
    sessionId = undefined
    const answer = await request(
      'initialize',
      {
        protocolVersion: MCP_PROTOCOL_VERSION,
        capabilities: { extensions: { [MCP_TASKS_EXTENSION]: {} } },
        clientInfo: { name: 'taskbridge', version: options.clientVersion },
      },
      { ...call, retry: true },
    )
    const result = parseMcpInitializeResult(answer.result, answer.source)
    sessionId = answer.response.headers.get(SESSION_HEADER) ?? undefined
    const server: McpServerInfo = {
      form: options.form ?? formOf(result.capabilities),
      protocolVersion: result.protocolVersion,
      capabilities: result.capabilities,
      list: result.capabilities.tasks?.list !== undefined && result.capabilities.tasks?.list !== null,
    }
    const version = { 'mcp-protocol-version': server.protocolVersion }
    const sent = await post({ method: 'notifications/initialized' }, { ...call, retry: true }, version)
    // Answered 202 with no body; a server may still open a stream, which nothing here reads.
    await sent.events?.return(undefined)
    return server
  }

  async function server(call: CallOptions): Promise<McpServerInfo> {
    if (info) return info
    if (sessionId !== undefined && !connecting) {
      // Joining a session another client began: its answers are not read again, so nothing is known of the server.
      info = { form: options.form ?? '2025-11-25', protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, list: true }
      return info
    }
    connecting ??= initialize(call).finally(() => {
      connecting = undefined
    })
    info = await connecting
    return info
  }

  /** The extension form declares the extension in every request's `_meta`, and names the task in `Mcp-Name`. */
  function shaped(form: McpTaskForm, method: string, params: Record<string, unknown>, taskId: string | undefined) {
    if (form !== 'extension') return { params, headers: {} }
    const meta = (params._meta as Record<string, unknown> | undefined) ?? {}
    const declared = { ...meta, [CLIENT_CAPABILITIES_META]: { extensions: { [MCP_TASKS_EXTENSION]: {} } } }
    const headers: Record<string, string> = { 'mcp-method': method }
    if (taskId !== undefined) headers['mcp-name'] = taskId
    return { params: { ...params, _meta: declared }, headers }
  }

  async function call(method: string, params: Record<string, unknown>, each: RpcCallOptions): Promise<RpcAnswer> {
    for (let attempt = 0; ; attempt += 1) {
      const { form } = await server(each)
      const shape = shaped(form, method, params, each.taskId)
      try {
        const { result, source } = await request(method, shape.params, each, shape.headers)
        return { result, source }
      } catch (error) {
        if (attempt > 0 || !sessionId || !isSessionGone(error)) throw error
        // The server forgot the session: start a new one and send again (tasks of the old one stay behind).
        info = undefined
        sessionId = undefined
      }
    }
  }

  async function listen(signal: AbortSignal): Promise<HttpResponse | undefined> {
    if (!info || sessionId === undefined) return undefined
    return http.request(path, {
      signal,
      headers: {
        accept: 'text/event-stream',
        [SESSION_HEADER]: sessionId,
        'mcp-protocol-version': info.protocolVersion,
      },
      responseType: 'events',
      retry: false,
      isNotFound: () => false,
    })
  }

  return { server, call, id: () => sessionId, listen }
}
