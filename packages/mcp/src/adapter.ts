import {
  type CallOptions,
  defineAdapter,
  InvalidArgumentError,
  type ListQuery,
  type TaskAdapter,
} from '@taskbridge/core'
import {
  type AdapterHttpOptions,
  checkBaseUrl,
  checkHeaderValueOption,
  checkOptionsObject,
  checkStringOption,
  createHttpClient,
  loadOptionalSetting,
} from '@taskbridge/provider-utils'
import { MCP_PROVIDER, type McpTaskForm, type McpTaskMetadata } from './map.js'
import { mcpErrorMessage } from './mcp-error.js'
import { createTaskNotifier } from './notifications.js'
import { ANSWER_2025, mcpOperations } from './operations.js'
import { checkForm, type McpStartInput, splitUrl, tokenHeader } from './options.js'
import type { McpAnswer } from './request.js'
import { createMcpSession } from './session.js'
import { USER_AGENT } from './version.js'

export type { McpStartInput } from './options.js'

/** Options of {@link createMcpAdapter}. */
export interface McpAdapterOptions<Name extends string = typeof MCP_PROVIDER> extends AdapterHttpOptions {
  /** The adapter's name, carried by its tasks and used by `createTaskClient`. Default `mcp`. */
  name?: Name
  /**
   * The server's Streamable HTTP endpoint, such as `https://tools.example.com/mcp`.
   * Default: the `MCP_URL` environment variable, read when the adapter is
   * created; with neither, the first call throws an `InvalidArgumentError`.
   */
  url?: string | undefined
  /** A bearer token for the server. Default: the `MCP_TOKEN` environment variable. */
  token?: string | undefined
  /** Speak this form whatever the server advertises. Default: the extension when the server names it, else 2025-11-25. */
  form?: McpTaskForm
  /**
   * Join this existing session (its `Mcp-Session-Id`) instead of starting one:
   * MCP servers keep each task in the session that created it. See {@link McpAdapter.sessionId}.
   */
  sessionId?: string | undefined
}

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
function openSession(provider: string, form: McpTaskForm | undefined, options: McpAdapterOptions<string>) {
  const { name: _name, url: givenUrl, token, form: _form, sessionId, ...http } = options
  // The environment can point the adapter at another server (an emulator, a proxy) without code changes.
  const url = loadOptionalSetting({ value: checkStringOption(provider, 'url', givenUrl), envVar: 'MCP_URL' })
  const endpoint =
    url === undefined
      ? undefined
      : splitUrl(checkBaseUrl(url, { provider, allowInsecureHttp: options.allowInsecureHttp, argument: 'url' }).href)
  checkHeaderValueOption(provider, 'token', token)
  const missingUrl = () =>
    new InvalidArgumentError({
      provider,
      argument: 'url',
      message: 'Missing required option `url`: pass it to the adapter or set the MCP_URL environment variable',
    })
  const client = createHttpClient({
    ...http,
    provider,
    baseUrl: () => {
      if (!endpoint) throw missingUrl()
      return endpoint.base
    },
    auth: tokenHeader(provider, token),
    errors: { message: mcpErrorMessage },
    userAgent: USER_AGENT,
  })
  const session = createMcpSession({
    provider,
    http: client,
    path: endpoint?.path ?? '/',
    form,
    sessionId: checkStringOption(provider, 'sessionId', sessionId),
    clientVersion: CLIENT_VERSION,
    timeoutMs: options.timeoutMs,
  })
  const connect = (call: CallOptions) => {
    if (!endpoint) throw missingUrl()
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
  const options = checkOptionsObject(MCP_PROVIDER, given)
  const provider = (checkStringOption(MCP_PROVIDER, 'name', options.name) ?? MCP_PROVIDER) as Name
  const form = checkForm(provider, options.form)
  const { session, connect } = openSession(provider, form, options)
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
