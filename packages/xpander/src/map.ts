import type { Task, TaskFailure, TaskOutput, TaskReason, TaskStatus } from '@taskbridge/core'
import {
  createPayloadParser,
  createStatusMapper,
  createTaskParser,
  fromIsoString,
  latestDate,
  type PayloadParser,
  type PayloadSource,
  parseEmbeddedJson,
  type StatusMapper,
  type TaskFields,
  type TaskParser,
} from '@taskbridge/provider-utils'
import { xpanderRequestOf } from './request.js'
import {
  type XpanderEcaRequest,
  type XpanderHitlRequest,
  type XpanderTaskEventPayload,
  XpanderTaskEventSchema,
  type XpanderTaskPagePayload,
  XpanderTaskPageSchema,
  type XpanderTaskPayload,
  XpanderTaskSchema,
} from './schema.js'

/** The adapter's provider name. */
export const XPANDER_PROVIDER = 'xpander'

/**
 * xpander task statuses and what they mean in taskbridge. The seven current
 * ones are documented (`AgentExecutionStatus`); `queued`, `running` and
 * `cancelled` are the names older docs used, and the upper-case ones come
 * from the legacy SDK. `paused` becomes `waiting_for_input` when the task
 * waits on a person or an authorisation (see {@link toXpanderTask}).
 */
export const XPANDER_STATUS_TABLE: Readonly<Record<string, TaskStatus>> = Object.freeze({
  pending: 'pending',
  executing: 'running',
  paused: 'paused',
  error: 'failed',
  failed: 'failed',
  completed: 'completed',
  stopped: 'cancelled',
  queued: 'pending',
  running: 'running',
  cancelled: 'cancelled',
  PENDING: 'pending',
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
})

/** Maps an xpander status to a {@link TaskStatus} (`unknown` for one not in {@link XPANDER_STATUS_TABLE}). */
export const mapXpanderStatus: StatusMapper = createStatusMapper({ ...XPANDER_STATUS_TABLE })

/**
 * The extras an xpander Task keeps in `metadata`; each is present only when
 * the payload has it. A type, not an interface, so it stays assignable to
 * `Task`'s default `Record<string, unknown>` metadata.
 */
export type XpanderTaskMetadata = {
  /** Set on list items, which carry fewer fields than `getTask`. */
  summary?: true
  agentId?: string
  organizationId?: string
  userId?: string
  triggeringAgentId?: string
  /** Where the task came from: `api`, `sdk`, `dashboard`, `webhook`, … */
  source?: string
  sourceNodeType?: string
  internalStatus?: string
  outputFormat?: string
  /** Why a `json` result could not be parsed: not JSON, or nested deeper than 1,000 levels (the output then holds the text). */
  outputParseError?: string
  thinkMode?: string
  agentVersion?: string | number
  lastExecutedNodeId?: string
  inputFiles?: unknown[]
  pausedAt?: Date
  /** The human-in-the-loop request the task waits on (its status is then `waiting_for_input`). */
  hitlRequest?: XpanderHitlRequest
  /** The connector authorisation the task waits on (its status is then `waiting_for_input`). */
  pendingEcaRequest?: XpanderEcaRequest
  parentExecution?: string
  /** Ids of the sub-tasks, as the payload lists them. */
  subExecutions?: unknown[]
  finishedSubExecutions?: unknown[]
  isManuallyStopped?: boolean
  /** The payload's LLM snapshot fields (model, reasoning, `llm_*`), whose names are not documented. */
  llm?: Record<string, unknown>
}

/** An xpander task in the provider-neutral model, with its typed extras. */
export type XpanderTaskResult = Task<XpanderTaskMetadata>

const OUTPUT_FORMATS: ReadonlySet<string> = new Set(['text', 'markdown', 'json', 'voice'])

// The LLM snapshot fields' exact names are not documented, so the schema
// does not declare them: any field of the payload whose name says LLM,
// model or reasoning is kept together in metadata.llm.
function llmSnapshot(raw: unknown): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined
  const record = raw as Record<string, unknown>
  for (const key in record) {
    const value = record[key]
    if (absent(value) || !(key.startsWith('llm_') || key.includes('model') || key.includes('reasoning'))) continue
    found ??= {}
    found[key] = value
  }
  return found
}

/** A missing task field means "not in this shape", not "empty". */
function absent(value: unknown): boolean {
  return value === undefined || value === null
}

/** The output, and why a JSON result could not be parsed (the text is kept as the output then). */
function toOutput(task: XpanderTaskPayload): { output?: TaskOutput; outputParseError?: string } {
  if (absent(task.result) || task.result === '') return {}
  const result = task.result as string
  const format = task.output_format && OUTPUT_FORMATS.has(task.output_format) ? task.output_format : 'text'
  if (format !== 'json') return { output: { format: format as TaskOutput['format'], value: result } }
  const parsed = parseEmbeddedJson(result)
  if (parsed.parsed) return { output: { format: 'json', value: parsed.value } }
  return { output: { format: 'text', value: result }, outputParseError: parsed.reason }
}

function toStatus(task: XpanderTaskPayload): TaskStatus {
  const status = mapXpanderStatus(task.status)
  const waiting = !absent(task.hitl_request) || !absent(task.pending_eca_request)
  return status === 'paused' && waiting ? 'waiting_for_input' : status
}

/** Why a waiting task waits: a person's decision (HITL) or a connector sign-in (ECA). */
function toReason(task: XpanderTaskPayload, status: TaskStatus): TaskReason | undefined {
  if (status !== 'waiting_for_input') return undefined
  return absent(task.pending_eca_request) ? 'approval' : 'auth'
}

// Inferred: xpander does not document a failure object; a failed task's
// result is taken as its message.
function toFailure(task: XpanderTaskPayload, status: TaskStatus): TaskFailure | undefined {
  if (status !== 'failed') return undefined
  const message = task.result || task.internal_status
  return message ? { message, code: task.status } : undefined
}

/**
 * When the task last changed: its `updated_at` (list items have one), else
 * the latest of its own times (the full record has none, only `created_at`,
 * `started_at`, `paused_at` and `finished_at`), so a task sorts the same
 * whether it was listed or read.
 */
function updatedAtOf(task: XpanderTaskPayload): Date | undefined {
  const times = [task.created_at, task.started_at, task.paused_at, task.finished_at]
  return fromIsoString(task.updated_at) ?? latestDate(times.map((time) => fromIsoString(time)))
}

/**
 * Options of {@link parseXpanderTask} in 0.x.
 *
 * @deprecated Call {@link parseXpanderTaskListItem} for a list item; will be removed in 2.0.
 */
export interface XpanderMapOptions {
  /** The payload is a list item: fewer fields, and `metadata.summary` is set so callers know `getTask` has more. */
  summary?: boolean
}

function toTask(task: XpanderTaskPayload, raw: unknown, summary: boolean): TaskFields<XpanderTaskMetadata> {
  const status = toStatus(task)
  const { output, outputParseError } = toOutput(task)
  return {
    id: task.id,
    status,
    providerStatus: task.status,
    reason: toReason(task, status),
    request: status === 'waiting_for_input' ? xpanderRequestOf(task.hitl_request, task.pending_eca_request) : undefined,
    name: task.title ?? undefined,
    input: task.input?.text ?? undefined,
    output,
    error: toFailure(task, status),
    createdAt: fromIsoString(task.created_at),
    updatedAt: updatedAtOf(task),
    startedAt: fromIsoString(task.started_at),
    finishedAt: fromIsoString(task.finished_at),
    parentId: task.parent_execution ?? task.parent_task_id ?? undefined,
    metadata: {
      summary: summary ? true : undefined,
      agentId: task.agent_id,
      organizationId: task.organization_id,
      userId: task.user_id ?? task.input?.user?.id,
      triggeringAgentId: task.triggering_agent_id,
      source: task.source,
      sourceNodeType: task.source_node_type,
      internalStatus: task.internal_status,
      outputFormat: task.output_format,
      outputParseError,
      thinkMode: task.think_mode,
      agentVersion: task.agent_version,
      lastExecutedNodeId: task.last_executed_node_id,
      inputFiles: task.input?.files?.length ? task.input.files : undefined,
      pausedAt: fromIsoString(task.paused_at),
      hitlRequest: task.hitl_request,
      pendingEcaRequest: task.pending_eca_request,
      parentExecution: task.parent_execution,
      subExecutions: task.sub_executions,
      finishedSubExecutions: task.finished_sub_executions,
      isManuallyStopped: task.is_manually_stopped,
      llm: llmSnapshot(raw),
    },
  }
}

// List items and full records share a schema; only the summary flag differs.
const parserFor = (summary: boolean): TaskParser<XpanderTaskPayload, XpanderTaskMetadata> =>
  createTaskParser<XpanderTaskPayload, XpanderTaskMetadata>({
    provider: XPANDER_PROVIDER,
    what: 'xpander task',
    schema: XpanderTaskSchema,
    statuses: mapXpanderStatus,
    toTask: (task, raw) => toTask(task, raw, summary),
  })
const parseFull = parserFor(false)

/**
 * Turns an xpander list item (of `GET /v1/tasks`) into a {@link Task} without
 * any request: a smaller shape than the full record, and `metadata.summary`
 * is set so callers know `getTask` has more.
 */
export const parseXpanderTaskListItem: TaskParser<XpanderTaskPayload, XpanderTaskMetadata> = parserFor(true)

/** {@link parseXpanderTask}: a task parser that still takes the options of 0.x. */
export interface XpanderTaskParser extends TaskParser<XpanderTaskPayload, XpanderTaskMetadata> {
  (payload: unknown, source?: PayloadSource): XpanderTaskResult
  /** @deprecated For a list item, call {@link parseXpanderTaskListItem}`(payload, source)`; will be removed in 2.0. */
  (payload: unknown, options: XpanderMapOptions & PayloadSource): XpanderTaskResult
}

/**
 * Turns an xpander task payload (the full record of `GET /v1/tasks/{id}`)
 * into a {@link Task} without any request: for webhooks, stored payloads or
 * tests. Takes the parsed JSON or its text. Throws `InvalidPayloadError`
 * (keeping the payload as `raw`) when it is not an xpander task.
 */
export const parseXpanderTask: XpanderTaskParser = Object.assign(
  (payload: unknown, options: XpanderMapOptions & PayloadSource = {}): XpanderTaskResult => {
    const { summary, ...source } = options
    return (summary ? parseXpanderTaskListItem : parseFull)(payload, source)
  },
  { schema: parseFull.schema, statuses: parseFull.statuses },
)

/** Reads a page of `GET /v1/tasks`; each item is then read by {@link parseXpanderTaskListItem}. */
export const parseXpanderTaskPage: PayloadParser<XpanderTaskPagePayload> = createPayloadParser({
  provider: XPANDER_PROVIDER,
  what: 'xpander task list',
  schema: XpanderTaskPageSchema,
})

/** Reads one event of a task's stream (the event's JSON text). */
export const parseXpanderTaskEvent: PayloadParser<XpanderTaskEventPayload> = createPayloadParser({
  provider: XPANDER_PROVIDER,
  what: 'xpander task event',
  schema: XpanderTaskEventSchema,
})
