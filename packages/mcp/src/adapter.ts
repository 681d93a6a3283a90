import { type CallOptions, defineAdapter, type ListQuery, type TaskAdapter } from '@taskbridge/core'
import { createHttpClient, type ResolvedOptions } from '@taskbridge/provider-utils'
import { MCP_PROVIDER, type McpTaskMetadata } from './map.js'
import { mcpErrorMessage } from './mcp-error.js'
import { createTaskNotifier } from './notifications.js'
import { ANSWER_2025, mcpOperations } from './operations.js'
import { type McpAdapterOptions, type McpStartInput, resolveMcpOptions, splitUrl, tokenHeader } from './options.js'
import type { McpAnswer } from './request.js'
import { createMcpSession } from './session.js'
import { USER_AGENT } from './version.js'

export type { McpAdapterOptions, McpStartInput } from './options.js'

/**
 * The MCP adapter: `startTask` calls a tool as a task, `answerTask` answers an
 * `input_required` task of the extension form (`tasks/update`); tasks carry
 * {@link McpTaskMetadata}.
 */
export type McpAdapter<Name extends string = typeof MCP_PROVIDER> = TaskAdapter<
  Name,
  ListQuery,
  McpStartInput,
  McpTaskMetadata,
  McpAnswer
> & {
  /**
   * The session the adapter's tasks belong to (`Mcp-Session-Id`), once the
   * first call opened it; `undefined` before, or for a server without sessions.
   * A task can be followed later only from the same session: keep the adapter,
   * or pass this to `createMcpAdapter({ sessionId })` while the server keeps it.
   */
  sessionId(): string | undefined
}

const CLIENT_VERSION = '0.0.0'

/** The HTTP client and the session the options describe; `connect` says a missing URL at the first call. */
function openSession(provider: string, resolved: ResolvedOptions<McpAdapterOptions<string>>) {
  const { name: _name, url, token, form, sessionId, ...http } = resolved.options
  const endpoint = url === undefined ? undefined : splitUrl(new URL(url).href)
  // Without a URL, require throws the error that names the option and MCP_URL.
  const reachable = () => endpoint ?? splitUrl(resolved.require('url'))
  const client = createHttpClient({
    ...http,
    provider,
    baseUrl: () => reachable().base,
    auth: tokenHeader(token),
    errors: { message: mcpErrorMessage },
    userAgent: USER_AGENT,
  })
  const session = createMcpSession({
    provider,
    http: client,
    path: endpoint?.path ?? '/',
    form,
    sessionId,
    clientVersion: CLIENT_VERSION,
    timeoutMs: resolved.options.timeoutMs,
  })
  const connect = (call: CallOptions) => {
    reachable()
    return session.server(call)
  }
  return { session, connect }
}

/**
 * Creates the adapter for the tasks of any Model Context Protocol server over
 * Streamable HTTP, in the 2025-11-25 form or the `io.modelcontextprotocol/tasks`
 * extension, whichever the server advertises. It opens a session on the first
 * call. `startTask` calls a tool as a task and returns without waiting; get,
 * list (2025-11-25 form), cancel, answer (extension form), and `streamTask`,
 * which reads the task at the pace the server asks for and on its status
 * notifications (so `watchTask` does too). MCP has no pause or resume.
 *
 * Tasks belong to the session that created them: follow a task with the same
 * adapter, or with `createMcpAdapter({ sessionId })` while the server keeps it.
 *
 * Every option is checked now against one strict schema, with an
 * `InvalidArgumentError` naming `createMcpAdapter` and the option; the
 * environment variables (`MCP_ENV_VARS`) are read now too.
 *
 * @example
 * ```ts
 * const mcp = createMcpAdapter({ url: 'https://tools.example.com/mcp', token: process.env.MCP_TOKEN })
 * const started = await mcp.startTask({ tool: 'simulate-research-query', arguments: { topic: 'tides' } })
 * const done = await waitForTask(mcp, started.id)
 * ```
 */
export function createMcpAdapter<const Name extends string = typeof MCP_PROVIDER>(
  given?: McpAdapterOptions<Name>,
): McpAdapter<NoInfer<Name>> {
  const resolved = resolveMcpOptions(given)
  const provider = (resolved.options.name ?? MCP_PROVIDER) as Name
  const { form } = resolved.options
  const { session, connect } = openSession(provider, resolved)
  const operations = mcpOperations({ provider, session, connect, notifier: createTaskNotifier(provider, session) })

  const { getTask, startTask, cancelTask, streamTask, answerTask, validateAnswer, listTasks } = operations
  const adapter = defineAdapter({
    provider,
    unsupportedReasons: {
      pauseTask: 'MCP tasks have no pause',
      idempotentStart: 'MCP has no idempotency key for a tool call: a repeated start starts a second task',
      resumeTask: 'MCP tasks have no resume; answer an input_required task with answerTask',
      ...(form === 'extension' ? { listTasks: 'the io.modelcontextprotocol/tasks extension has no tasks/list' } : {}),
      ...(form === '2025-11-25' ? { answerTask: ANSWER_2025 } : {}),
    },
    getTask,
    startTask,
    cancelTask,
    streamTask,
    // A pinned form leaves out what it does not have, so the capabilities say so.
    ...(form === '2025-11-25' ? {} : { answerTask, validateAnswer }),
    ...(form === 'extension' ? {} : { listTasks }),
  })

  return Object.freeze({ ...adapter, sessionId: () => session.id() })
}
