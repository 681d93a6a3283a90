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
import { type A2AAgentCard, A2AAgentCardSchema } from './card.js'
import { a2aRequestOf } from './request.js'
import {
  type A2AArtifact,
  type A2AMessage,
  type A2APart,
  type A2ATaskPagePayload,
  A2ATaskPageSchema,
  type A2ATaskPayload,
  A2ATaskSchema,
} from './schema.js'

/** The adapter's provider name. */
export const A2A_PROVIDER = 'a2a'

/** The protocol versions the adapter speaks. */
export type A2AProtocolVersion = '1.0' | '0.3'

/**
 * A2A task states and what they mean in taskbridge: the v1.0 names
 * (`TASK_STATE_*`) and the v0.3 ones. `TASK_STATE_UNSPECIFIED`, v0.3's
 * `unknown` and any state added later map to `unknown`, the state kept in
 * `providerStatus`.
 */
export const A2A_STATUS_TABLE: Readonly<Record<string, TaskStatus>> = Object.freeze({
  TASK_STATE_SUBMITTED: 'pending',
  TASK_STATE_WORKING: 'running',
  TASK_STATE_INPUT_REQUIRED: 'waiting_for_input',
  TASK_STATE_AUTH_REQUIRED: 'waiting_for_input',
  TASK_STATE_COMPLETED: 'completed',
  TASK_STATE_FAILED: 'failed',
  TASK_STATE_CANCELED: 'cancelled',
  TASK_STATE_REJECTED: 'failed',
  submitted: 'pending',
  working: 'running',
  'input-required': 'waiting_for_input',
  'auth-required': 'waiting_for_input',
  completed: 'completed',
  failed: 'failed',
  canceled: 'cancelled',
  rejected: 'failed',
})

/** The {@link TaskReason} of each A2A state that has one: why the task waits or did not succeed. */
export const A2A_REASON_TABLE: Readonly<Record<string, TaskReason>> = Object.freeze({
  TASK_STATE_INPUT_REQUIRED: 'input',
  TASK_STATE_AUTH_REQUIRED: 'auth',
  TASK_STATE_FAILED: 'failed',
  TASK_STATE_REJECTED: 'rejected',
  'input-required': 'input',
  'auth-required': 'auth',
  failed: 'failed',
  rejected: 'rejected',
})

/** Maps an A2A state to a {@link TaskStatus} (`unknown` for one not in {@link A2A_STATUS_TABLE}). */
export const mapA2AStatus: StatusMapper = createStatusMapper({ ...A2A_STATUS_TABLE })

/**
 * The extras an A2A Task keeps in `metadata`; each is present only when the
 * payload has it. A type, not an interface, so it stays assignable to
 * `Task`'s default metadata.
 */
export type A2ATaskMetadata = {
  /** The protocol version of the payload: `0.3` when its objects carry `kind` or its state is a v0.3 name. */
  protocolVersion?: A2AProtocolVersion
  /** The conversation the task belongs to (also `parentId`). */
  contextId?: string
  /** The text of the agent's status message: the question of an `input-required` task, why one failed. */
  statusMessage?: string
  /** The artifacts as received: every part, files included. */
  artifacts?: A2AArtifact[]
  /** How many messages the task's history holds. */
  historyLength?: number
  /** The task's own `metadata` object. */
  taskMetadata?: Record<string, unknown>
}

/** An A2A task in the provider-neutral model, with its typed extras. */
export type A2ATaskResult = Task<A2ATaskMetadata>

const hasOwn = (table: object, key: string) => Object.hasOwn(table, key)

/** The version a payload speaks: v0.3 objects carry `kind`, and its states are lower-case. */
export function protocolVersionOf(task: Pick<A2ATaskPayload, 'kind' | 'status'>): A2AProtocolVersion {
  return task.kind || !task.status.state.startsWith('TASK_STATE_') ? '0.3' : '1.0'
}

function textOf(parts: readonly A2APart[] | null | undefined): string | undefined {
  const texts = (parts ?? []).flatMap((part) => (typeof part.text === 'string' ? [part.text] : []))
  return texts.length ? texts.join('\n') : undefined
}

function isText(part: A2APart): boolean {
  return typeof part.text === 'string' && (part.kind === undefined || part.kind === null || part.kind === 'text')
}

function isData(part: A2APart): boolean {
  return 'data' in part && (part.kind === undefined || part.kind === null || part.kind === 'data')
}

/**
 * The output from the artifacts' parts: text parts as text (markdown when
 * one says `text/markdown`), data parts alone as json (one value, or the list
 * of them), and anything else (text and data together, files) as `data`: the
 * parts as received.
 */
function toOutput(artifacts: readonly A2AArtifact[] | null | undefined): TaskOutput | undefined {
  const parts = (artifacts ?? []).flatMap((artifact) => artifact.parts ?? [])
  if (parts.length === 0) return undefined
  if (parts.every(isText)) {
    const markdown = parts.some((part) => part.mediaType === 'text/markdown')
    return { format: markdown ? 'markdown' : 'text', value: parts.map((part) => part.text).join('\n\n') }
  }
  if (parts.every(isData)) {
    const values = parts.map((part) => part.data)
    return { format: 'json', value: values.length === 1 ? values[0] : values }
  }
  return { format: 'data', value: parts }
}

/** The first user turn's text: what the task was asked. */
function toInput(history: readonly A2AMessage[] | null | undefined): string | undefined {
  const asked = (history ?? []).find((message) => message.role === 'ROLE_USER' || message.role === 'user')
  return textOf(asked?.parts)
}

/** The Task fields of an A2A task payload; `parseA2ATask` wraps it, and push notifications reuse it. */
function toTask(task: A2ATaskPayload): TaskFields<A2ATaskMetadata> {
  const state = task.status.state
  const status = mapA2AStatus(state)
  const statusMessage = textOf(task.status.message?.parts)
  const updatedAt = fromIsoString(task.status.timestamp)
  const reason = hasOwn(A2A_REASON_TABLE, state) ? A2A_REASON_TABLE[state] : undefined
  return {
    id: task.id,
    providerStatus: state,
    reason,
    request: a2aRequestOf(task, statusMessage),
    input: toInput(task.history),
    output: toOutput(task.artifacts),
    error: status === 'failed' ? { message: statusMessage ?? `The task is ${state}`, code: state } : undefined,
    updatedAt,
    // Inferred: the status of an ended task was set when it ended.
    finishedAt: isTerminal(status) ? updatedAt : undefined,
    parentId: task.contextId || undefined,
    metadata: {
      protocolVersion: protocolVersionOf(task),
      contextId: task.contextId || undefined,
      statusMessage,
      artifacts: task.artifacts?.length ? task.artifacts : undefined,
      historyLength: task.history?.length || undefined,
      taskMetadata: task.metadata && Object.keys(task.metadata).length ? task.metadata : undefined,
    },
  }
}

/**
 * Turns an A2A Task object (v1.0 or v0.3; the parsed JSON or its text) into
 * a {@link Task} without any request: for push notifications, stored
 * payloads or tests. Throws `InvalidPayloadError` (keeping the payload as
 * `raw`) when it is not an A2A task.
 *
 * @example
 * ```ts
 * const task = parseA2ATask({ id: 't1', contextId: 'c1', status: { state: 'TASK_STATE_AUTH_REQUIRED' } })
 * task.status // 'waiting_for_input'
 * task.reason // 'auth'
 * ```
 */
export const parseA2ATask: TaskParser<A2ATaskPayload, A2ATaskMetadata> = createTaskParser<
  A2ATaskPayload,
  A2ATaskMetadata
>({
  provider: A2A_PROVIDER,
  what: 'A2A task',
  schema: A2ATaskSchema,
  statuses: mapA2AStatus,
  toTask,
})

/** Reads a page of `ListTasks` (the JSON-RPC `result` or the HTTP+JSON body). */
export const parseA2ATaskPage: PayloadParser<A2ATaskPagePayload> = createPayloadParser({
  provider: A2A_PROVIDER,
  what: 'A2A task list',
  schema: A2ATaskPageSchema,
})

/** Reads an agent card, the discovery document an A2A agent serves. */
export const parseA2AAgentCard: PayloadParser<A2AAgentCard> = createPayloadParser({
  provider: A2A_PROVIDER,
  what: 'A2A agent card',
  schema: A2AAgentCardSchema,
})
