import {
  type CallOptions,
  defineAdapter,
  InvalidArgumentError,
  InvalidPayloadError,
  isTerminal,
  type ListQuery,
  ProviderApiError,
  type TaskAdapter,
  TaskNotWaitingError,
  UnsupportedOperationError,
  validateTaskAnswer,
} from '@taskbridge/core'
import {
  type AdapterHttpOptions,
  type Auth,
  checkBaseUrl,
  checkHeaderValueOption,
  checkOptionsObject,
  checkStringOption,
  createHttpClient,
  listPages,
  loadOptionalSetting,
  matchesListQuery,
  parsePayload,
} from '@taskbridge/provider-utils'
import { MCP_PROVIDER, type McpTaskForm, type McpTaskMetadata, type McpTaskResult, parseMcpTask } from './map.js'
import { createTaskNotifier } from './notifications.js'
import { type McpAnswer, mcpInputResponses } from './request.js'
import { McpTaskPageSchema } from './schema.js'
import { createMcpSession, type McpSession, type RpcAnswer } from './session.js'
import { followTask } from './stream.js'

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

/** What {@link McpAdapter.startTask} takes: a tool call, run as a task. */
export interface McpStartInput {
  /** The tool's name. */
  tool: string
  /** The tool's arguments. */
  arguments?: Record<string, unknown>
  /** How long the server should keep the task, in ms (2025-11-25 form; the extension's server decides alone). */
  ttlMs?: number
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

const ANSWER_2025 =
  'the 2025-11-25 form has no tasks/update: its input requests arrive on the tasks/result stream, which this adapter does not answer'

/** A URL as the HTTP client's base and the path of its last segment. */
function splitUrl(url: string): { base: string; path: string } {
  const parsed = new URL(url)
  const cut = parsed.pathname.lastIndexOf('/')
  return { base: `${parsed.origin}${parsed.pathname.slice(0, cut)}`, path: parsed.pathname.slice(cut) || '/' }
}

/** `Authorization: Bearer` with the given token or `MCP_TOKEN`, read per request; nothing when there is neither. */
function tokenHeader(provider: string, token: string | undefined): Auth {
  const read = () =>
    checkHeaderValueOption(provider, 'token (MCP_TOKEN)', loadOptionalSetting({ value: token, envVar: 'MCP_TOKEN' }))
  return {
    headers(): Record<string, string> {
      const current = read()
      return current ? { authorization: `Bearer ${current}` } : {}
    },
    secrets: () => [read()],
  }
}

function checkForm(provider: string, value: unknown): McpTaskForm | undefined {
  if (value === undefined || value === '2025-11-25' || value === 'extension') return value
  throw new InvalidArgumentError({ provider, argument: 'form', message: 'form must be "2025-11-25" or "extension"' })
}

function checkStartInput(provider: string, input: McpStartInput): void {
  if (typeof input?.tool !== 'string' || input.tool.trim() === '') {
    throw new InvalidArgumentError({ provider, argument: 'tool', message: 'startTask: tool is required' })
  }
  const { arguments: args, ttlMs } = input
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    throw new InvalidArgumentError({
      provider,
      argument: 'arguments',
      message: 'startTask: arguments must be an object',
    })
  }
  if (ttlMs !== undefined && !(Number.isSafeInteger(ttlMs) && ttlMs > 0)) {
    throw new InvalidArgumentError({
      provider,
      argument: 'ttlMs',
      message: 'startTask: ttlMs must be a positive integer',
    })
  }
}

/** Reads a task of the server's form: the extension inlines the result, 2025-11-25 reads it with `tasks/result`. */
async function readTask(session: McpSession, id: string, call: CallOptions): Promise<McpTaskResult> {
  const { form } = await session.server(call)
  const answer = await session.call('tasks/get', { taskId: id }, { ...call, taskId: id, retry: true })
  const task = parseMcpTask(answer.result, answer.source)
  if (form === 'extension' || !isTerminal(task.status) || task.providerStatus === 'cancelled') return task
  // tasks/result answers once the task has ended (before, it blocks), so only an ended task's is read.
  let result: RpcAnswer
  try {
    result = await session.call('tasks/result', { taskId: id }, { ...call, taskId: id, retry: true })
  } catch (error) {
    // A task that failed without a tool result (an error in the server) has none to read.
    if (task.providerStatus === 'failed' && ProviderApiError.is(error)) return task
    throw error
  }
  return parseMcpTask({ task: answer.result, result: result.result }, result.source)
}

/** The task a `tools/call` answer created: the 2025-11-25 `{task}`, or the extension's `resultType: "task"`. */
function createdTask(provider: string, answer: RpcAnswer): McpTaskResult {
  const result = answer.result as { task?: unknown; resultType?: unknown } | null
  const created = result?.task !== undefined || result?.resultType === 'task'
  if (created) return parseMcpTask(result?.task !== undefined ? { task: result.task } : result, answer.source)
  throw new InvalidPayloadError({
    provider,
    ...answer.source,
    raw: answer.result,
    message:
      'The MCP server ran the tool at once and answered with its result, not a task (is its taskSupport forbidden?)',
  })
}

/**
 * Creates the adapter for the tasks of any Model Context Protocol server over
 * Streamable HTTP, in the 2025-11-25 form or the `io.modelcontextprotocol/tasks`
 * extension, whichever the server advertises. It opens a session on the first
 * call. `startTask` calls a tool as a task and returns without waiting; get,
 * list (2025-11-25 form), cancel, and `streamTask`, which polls at the pace
 * the server asks for (so `watchTask` does too). MCP has no pause or resume.
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
  })
  const session = createMcpSession({
    provider,
    http: client,
    path: endpoint?.path ?? '/',
    form,
    sessionId: checkStringOption(provider, 'sessionId', sessionId),
    clientVersion: CLIENT_VERSION,
  })
  const connected = (call: CallOptions) => {
    if (!endpoint) throw missingUrl()
    return session.server(call)
  }
  const notifier = createTaskNotifier(provider, session)
  const getTask = async (id: string, call: CallOptions) => {
    await connected(call)
    return readTask(session, id, call)
  }

  const adapter = defineAdapter({
    provider,
    unsupportedReasons: {
      pauseTask: 'MCP tasks have no pause',
      resumeTask: 'MCP tasks have no resume; answer an input_required task with answerTask',
      ...(form === 'extension' ? { listTasks: 'the io.modelcontextprotocol/tasks extension has no tasks/list' } : {}),
      ...(form === '2025-11-25' ? { answerTask: ANSWER_2025 } : {}),
    },
    getTask,
    // Not retried unasked: a resend would start a second task.
    async startTask(input: McpStartInput, call) {
      checkStartInput(provider, input)
      const server = await connected(call)
      const params: Record<string, unknown> = { name: input.tool, arguments: input.arguments ?? {} }
      if (server.form === '2025-11-25') params.task = input.ttlMs === undefined ? {} : { ttl: input.ttlMs }
      return createdTask(provider, await session.call('tools/call', params, call))
    },
    async cancelTask(id, call) {
      const server = await connected(call)
      const answer = await session.call('tasks/cancel', { taskId: id }, { ...call, taskId: id })
      // The extension acknowledges a cancel with an empty result: the task is read after it.
      if (server.form === 'extension') return readTask(session, id, call)
      return parseMcpTask(answer.result, answer.source)
    },
    // The 2025-11-25 form's status notifications come on the session's stream; the extension's need a subscription request.
    async *streamTask(id, call) {
      const server = await connected(call)
      yield* followTask(getTask, id, call, server.form === '2025-11-25' ? notifier : undefined)
    },
    // The extension acknowledges any tasks/update, even for a task that no
    // longer waits: the task is read first, and its own request keys answered.
    ...(form === '2025-11-25'
      ? {}
      : {
          async answerTask(id: string, answer: McpAnswer, call: CallOptions) {
            const server = await connected(call)
            if (server.form !== 'extension') {
              throw new UnsupportedOperationError({
                provider,
                operation: 'answerTask',
                message: `answerTask: ${ANSWER_2025}`,
              })
            }
            const task = await readTask(session, id, call)
            if (task.status !== 'waiting_for_input') throw TaskNotWaitingError.forTask({ ...task, provider })
            const inputResponses = mcpInputResponses(task.metadata.inputRequests ?? {}, answer)
            await session.call('tasks/update', { taskId: id, inputResponses }, { ...call, taskId: id })
            return readTask(session, id, call)
          },
          validateAnswer: (answer: McpAnswer) =>
            answer.inputResponses === undefined
              ? validateTaskAnswer(answer)
              : typeof answer.inputResponses === 'object' && answer.inputResponses !== null
                ? undefined
                : 'answer.inputResponses must be an object',
        }),
    ...(form === 'extension'
      ? {}
      : {
          async *listTasks(query: ListQuery, call: CallOptions) {
            const server = await connected(call)
            if (server.form === 'extension' || !server.list) {
              throw new UnsupportedOperationError({
                provider,
                operation: 'listTasks',
                message: `listTasks: the MCP server does not offer tasks/list${server.form === 'extension' ? ' (the tasks extension has none)' : ''}`,
              })
            }
            let cursor: string | undefined
            let ended = false
            const tasks = listPages(async () => {
              if (ended) return { tasks: [] }
              const answer = await session.call('tasks/list', cursor ? { cursor } : {}, { ...call, retry: true })
              const page = parsePayload(McpTaskPageSchema, answer.result, {
                provider,
                what: 'MCP task list',
                ...answer.source,
              })
              cursor = page.nextCursor || undefined
              ended = cursor === undefined
              return { tasks: page.tasks.map((task) => parseMcpTask(task, answer.source)) }
            })
            for await (const task of tasks) if (matchesListQuery(task, query)) yield task
          },
        }),
  })

  return Object.freeze({ ...adapter, sessionId: () => session.id() })
}
