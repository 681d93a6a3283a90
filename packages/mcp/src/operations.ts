// The adapter's operations over one session, in whichever form the server speaks.
import {
  type CallOptions,
  InvalidPayloadError,
  isTerminal,
  type ListQuery,
  ProviderApiError,
  TaskNotWaitingError,
  UnsupportedOperationError,
  validateTaskAnswer,
} from '@taskbridge/core'
import { listPages, matchesListQuery } from '@taskbridge/provider-utils'
import { type McpTaskResult, parseMcpTask, parseMcpTaskPage } from './map.js'
import type { TaskNotifier } from './notifications.js'
import { checkStartInput, type McpStartInput } from './options.js'
import { type McpAnswer, mcpInputResponses } from './request.js'
import type { McpServerInfo, McpSession, RpcAnswer } from './session.js'
import { followTask } from './stream.js'

/** Why the 2025-11-25 form cannot be answered. */
export const ANSWER_2025 =
  'the 2025-11-25 form has no tasks/update: its input requests arrive on the tasks/result stream, which this adapter does not answer'

/** What the operations work with. */
export interface McpConnection {
  provider: string
  session: McpSession
  /** The server's answer to `initialize`, the session opened on first use. */
  connect(call: CallOptions): Promise<McpServerInfo>
  notifier: TaskNotifier
}

/** Reads a task of the server's form: the extension inlines the result, 2025-11-25 reads it with `tasks/result`. */
async function readTask({ session, connect }: McpConnection, id: string, call: CallOptions): Promise<McpTaskResult> {
  const { form } = await connect(call)
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

/** Calls a tool as a task. Not retried unasked: a resend would start a second task. */
async function startTask(connection: McpConnection, input: McpStartInput, call: CallOptions) {
  checkStartInput(connection.provider, input)
  const server = await connection.connect(call)
  const params: Record<string, unknown> = { name: input.tool, arguments: input.arguments ?? {} }
  if (server.form === '2025-11-25') params.task = input.ttlMs === undefined ? {} : { ttl: input.ttlMs }
  return createdTask(connection.provider, await connection.session.call('tools/call', params, call))
}

async function cancelTask(connection: McpConnection, id: string, call: CallOptions) {
  const server = await connection.connect(call)
  const answer = await connection.session.call('tasks/cancel', { taskId: id }, { ...call, taskId: id })
  // The extension acknowledges a cancel with an empty result: the task is read after it.
  if (server.form === 'extension') return readTask(connection, id, call)
  return parseMcpTask(answer.result, answer.source)
}

/**
 * Answers a waiting task with `tasks/update`. The extension acknowledges any
 * update, even for a task that no longer waits, so the task is read first and
 * its own request keys answered.
 */
async function answerTask(connection: McpConnection, id: string, answer: McpAnswer, call: CallOptions) {
  const { provider, session } = connection
  const server = await connection.connect(call)
  if (server.form !== 'extension') {
    throw new UnsupportedOperationError({ provider, operation: 'answerTask', message: `answerTask: ${ANSWER_2025}` })
  }
  const task = await readTask(connection, id, call)
  if (task.status !== 'waiting_for_input') throw TaskNotWaitingError.forTask({ ...task, provider })
  const inputResponses = mcpInputResponses(task.metadata.inputRequests ?? {}, answer)
  await session.call('tasks/update', { taskId: id, inputResponses }, { ...call, taskId: id })
  return readTask(connection, id, call)
}

/** An answer is core's, or `inputResponses` given as an object. */
function validateAnswer(answer: McpAnswer): string | undefined {
  if (answer.inputResponses === undefined) return validateTaskAnswer(answer)
  return typeof answer.inputResponses === 'object' && answer.inputResponses !== null
    ? undefined
    : 'answer.inputResponses must be an object'
}

async function* listTasks(
  connection: McpConnection,
  query: ListQuery,
  call: CallOptions,
): AsyncGenerator<McpTaskResult, void, undefined> {
  const { provider, session } = connection
  const server = await connection.connect(call)
  if (server.form === 'extension' || !server.list) {
    const why = server.form === 'extension' ? ' (the tasks extension has none)' : ''
    throw new UnsupportedOperationError({
      provider,
      operation: 'listTasks',
      message: `listTasks: the MCP server does not offer tasks/list${why}`,
    })
  }
  let cursor: string | undefined
  let ended = false
  const tasks = listPages(async () => {
    if (ended) return { tasks: [] }
    const answer = await session.call('tasks/list', cursor ? { cursor } : {}, { ...call, retry: true })
    const page = parseMcpTaskPage(answer.result, answer.source)
    cursor = page.nextCursor || undefined
    ended = cursor === undefined
    return { tasks: page.tasks.map((task) => parseMcpTask(task, answer.source)) }
  })
  for await (const task of tasks) if (matchesListQuery(task, query)) yield task
}

/** The operations of `createMcpAdapter`, for `defineAdapter`. */
export interface McpOperations {
  getTask(id: string, call: CallOptions): Promise<McpTaskResult>
  startTask(input: McpStartInput, call: CallOptions): Promise<McpTaskResult>
  cancelTask(id: string, call: CallOptions): Promise<McpTaskResult>
  streamTask(id: string, call: CallOptions): AsyncGenerator<McpTaskResult, void, undefined>
  answerTask(id: string, answer: McpAnswer, call: CallOptions): Promise<McpTaskResult>
  validateAnswer(answer: McpAnswer): string | undefined
  listTasks(query: ListQuery, call: CallOptions): AsyncGenerator<McpTaskResult, void, undefined>
}

/** The operations over one connection. */
export function mcpOperations(connection: McpConnection): McpOperations {
  const getTask = (id: string, call: CallOptions) => readTask(connection, id, call)
  return {
    getTask,
    startTask: (input: McpStartInput, call: CallOptions) => startTask(connection, input, call),
    cancelTask: (id: string, call: CallOptions) => cancelTask(connection, id, call),
    // The 2025-11-25 form's status notifications come on the session's stream; the extension's need a subscription request.
    async *streamTask(id: string, call: CallOptions) {
      const server = await connection.connect(call)
      yield* followTask(getTask, id, call, server.form === '2025-11-25' ? connection.notifier : undefined)
    },
    answerTask: (id: string, answer: McpAnswer, call: CallOptions) => answerTask(connection, id, answer, call),
    validateAnswer,
    listTasks: (query: ListQuery, call: CallOptions) => listTasks(connection, query, call),
  }
}
