import { isTerminal, type Task, type TaskOutput, type TaskReason, type TaskStatus } from '@taskbridge/core'
import {
  createPayloadParser,
  createStatusMapper,
  createTaskParser,
  fromIsoString,
  type PayloadParser,
  type StatusMapper,
  type TaskFields,
  type TaskParser,
} from '@taskbridge/provider-utils'
import * as z from 'zod/mini'
import { mcpRequestOf } from './request.js'
import {
  type McpContent,
  type McpInitializeResult,
  McpInitializeResultSchema,
  type McpTaskPagePayload,
  McpTaskPageSchema,
  type McpTaskPayload,
  McpTaskSchema,
  type McpTaskWithResultPayload,
  McpTaskWithResultSchema,
  type McpToolResult,
} from './schema.js'

/** The adapter's provider name. */
export const MCP_PROVIDER = 'mcp'

/**
 * The two wire forms of MCP tasks: the 2025-11-25 specification's and the
 * `io.modelcontextprotocol/tasks` extension's.
 */
export type McpTaskForm = '2025-11-25' | 'extension'

/**
 * MCP task statuses (the same five in both forms) and what they mean in
 * taskbridge. A `completed` task whose tool result says `isError: true` is
 * `failed` (see {@link parseMcpTask}); a status added later maps to `unknown`.
 */
export const MCP_STATUS_TABLE: Readonly<Record<string, TaskStatus>> = Object.freeze({
  working: 'running',
  input_required: 'waiting_for_input',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
})

/** The {@link TaskReason} of each MCP status that has one. */
export const MCP_REASON_TABLE: Readonly<Record<string, TaskReason>> = Object.freeze({
  input_required: 'input',
  failed: 'failed',
})

/** Maps an MCP status to a {@link TaskStatus} (`unknown` for one not in {@link MCP_STATUS_TABLE}). */
export const mapMcpStatus: StatusMapper = createStatusMapper({ ...MCP_STATUS_TABLE })

/**
 * The extras an MCP Task keeps in `metadata`; each is present only when the
 * payload has it. A type, not an interface, so it stays assignable to
 * `Task`'s default metadata.
 */
export type McpTaskMetadata = {
  /** The wire form of the payload: `extension` when it carries `ttlMs`, `pollIntervalMs` or `resultType`. */
  form?: McpTaskForm
  /** The server's message about the task: its progress, the question of an `input_required` task, why it failed. */
  statusMessage?: string
  /** How long the server keeps the task after its creation, in ms (absent when unlimited). */
  ttlMs?: number
  /** How often the server asks to be polled, in ms; `streamTask` (and so `watchTask`) polls at this pace. */
  pollIntervalMs?: number
  /** What an `input_required` task waits for: the server-to-client requests by key (extension form). */
  inputRequests?: Record<string, unknown>
  /** The tool result's `isError`: true when the tool ran but reported a failure. */
  isError?: boolean
  /** The tool result's content items as received (text, images, resources). */
  content?: McpContent[]
}

/** An MCP task in the provider-neutral model, with its typed extras. */
export type McpTaskResult = Task<McpTaskMetadata>

const hasOwn = (table: object, key: string) => Object.hasOwn(table, key)

/** The form a task payload speaks: the extension's fields end in `Ms`, and its answers carry `resultType`. */
export function taskFormOf(task: McpTaskPayload): McpTaskForm {
  const extension = ['ttlMs', 'pollIntervalMs', 'resultType'].some((field) => task[field] !== undefined)
  return extension ? 'extension' : '2025-11-25'
}

function textOf(content: readonly McpContent[] | null | undefined): string | undefined {
  const texts = (content ?? []).flatMap((item) =>
    item.type === 'text' && typeof item.text === 'string' ? [item.text] : [],
  )
  return texts.length ? texts.join('\n\n') : undefined
}

/**
 * The output of a tool result: its `structuredContent` as json when there is
 * some, else its text items as text when all items are text, else the
 * content items as received (`data`).
 */
function toOutput(result: McpToolResult | null | undefined): TaskOutput | undefined {
  if (!result) return undefined
  if (result.structuredContent) return { format: 'json', value: result.structuredContent }
  const content = result.content ?? []
  if (content.length === 0) return undefined
  if (content.every((item) => item.type === 'text')) return { format: 'text', value: textOf(content) ?? '' }
  return { format: 'data', value: content }
}

/** Why a failed task failed: the status message, the extension's error, or the tool's own text. */
function toFailure(task: McpTaskPayload, result: McpToolResult | null | undefined) {
  const message = task.statusMessage || task.error?.message || textOf(result?.content) || `The task is ${task.status}`
  if (task.error) return { message, code: String(task.error.code), details: task.error }
  return { message, code: result?.isError ? 'isError' : task.status }
}

const nonNegative = (value: number | null | undefined) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined

/** The Task fields of one MCP task and the result that goes with it (inlined or read apart). */
function toTask(task: McpTaskPayload, separateResult?: McpToolResult | null): TaskFields<McpTaskMetadata> {
  const result = task.result ?? separateResult
  const toolFailed = task.status === 'completed' && result?.isError === true
  const status: TaskStatus = toolFailed ? 'failed' : mapMcpStatus(task.status)
  const reason = toolFailed
    ? 'failed'
    : hasOwn(MCP_REASON_TABLE, task.status)
      ? MCP_REASON_TABLE[task.status]
      : undefined
  const updatedAt = fromIsoString(task.lastUpdatedAt)
  return {
    id: task.taskId,
    providerStatus: task.status,
    status,
    reason,
    request: mcpRequestOf(task),
    output: toOutput(result),
    error: status === 'failed' ? toFailure(task, result) : undefined,
    createdAt: fromIsoString(task.createdAt),
    updatedAt,
    // Inferred: a task's last update is the one that ended it.
    finishedAt: isTerminal(status) ? updatedAt : undefined,
    metadata: {
      form: taskFormOf(task),
      statusMessage: task.statusMessage || undefined,
      ttlMs: nonNegative(task.ttlMs ?? task.ttl),
      pollIntervalMs: nonNegative(task.pollIntervalMs ?? task.pollInterval),
      inputRequests: task.inputRequests && Object.keys(task.inputRequests).length ? task.inputRequests : undefined,
      isError: typeof result?.isError === 'boolean' ? result.isError : undefined,
      content: result?.content?.length ? result.content : undefined,
    },
  }
}

/**
 * Turns one MCP task into a {@link Task} without any request: a Task object
 * of either form (the extension's `tasks/get` answer inlines its result), a
 * 2025-11-25 `CreateTaskResult` (`{task}`), or `{task, result}` for a task
 * whose result was read with `tasks/result`. The parsed JSON or its text.
 * Throws `InvalidPayloadError` (keeping the payload as `raw`) when it is not
 * an MCP task.
 *
 * @example
 * ```ts
 * const task = parseMcpTask({
 *   task: { taskId: 't1', status: 'completed', createdAt: '2026-01-01T00:00:00Z', lastUpdatedAt: '2026-01-01T00:00:05Z', ttl: 60000 },
 *   result: { content: [{ type: 'text', text: 'No such city' }], isError: true },
 * })
 * task.status // 'failed'
 * task.error?.message // 'No such city'
 * ```
 */
export const parseMcpTask: TaskParser<McpTaskPayload | McpTaskWithResultPayload, McpTaskMetadata> = createTaskParser<
  McpTaskPayload | McpTaskWithResultPayload,
  McpTaskMetadata
>({
  provider: MCP_PROVIDER,
  what: 'MCP task',
  schema: z.union([McpTaskSchema, McpTaskWithResultSchema]),
  statuses: mapMcpStatus,
  toTask: (payload) =>
    typeof payload.taskId === 'string'
      ? toTask(payload as McpTaskPayload)
      : toTask((payload as McpTaskWithResultPayload).task, (payload as McpTaskWithResultPayload).result),
})

/** Reads a page of `tasks/list` (the JSON-RPC `result`). */
export const parseMcpTaskPage: PayloadParser<McpTaskPagePayload> = createPayloadParser({
  provider: MCP_PROVIDER,
  what: 'MCP task list',
  schema: McpTaskPageSchema,
})

/** Reads the `result` of `initialize`: the server's protocol version and capabilities. */
export const parseMcpInitializeResult: PayloadParser<McpInitializeResult> = createPayloadParser({
  provider: MCP_PROVIDER,
  what: 'MCP initialize result',
  schema: McpInitializeResultSchema,
})
