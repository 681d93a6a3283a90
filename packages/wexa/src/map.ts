import { isTerminal, type Task, type TaskStatus } from '@taskbridge/core'
import {
  createPayloadParser,
  createStatusMapper,
  createTaskParser,
  earliestDate,
  fromUnixSeconds,
  latestDate,
  type PayloadParser,
  type StatusMapper,
  type TaskFields,
  type TaskParser,
} from '@taskbridge/provider-utils'
import { isWexaTaskWaiting, WEXA_INPUT_REQUIRED, wexaRequestOf } from './answer.js'
import {
  type WexaExecuteFlowAnswer,
  WexaExecuteFlowAnswerSchema,
  type WexaExecution,
  type WexaTaskPagePayload,
  WexaTaskPageSchema,
  type WexaTaskPayload,
  WexaTaskSchema,
} from './schema.js'

/** The adapter's provider name. */
export const WEXA_PROVIDER = 'wexa'

/**
 * Wexa task statuses and what they mean in taskbridge. Wexa publishes no
 * enum: `ready`, `paused`, `completed` and `cancelled` are seen in its docs;
 * `failed` and `canceled` (one L) are terminal statuses in its Python SDK
 * (`wexa-sdk` 0.1.16, `wexa_sdk/executions.py`), which also names
 * `input_required` (a run waiting for a person's input); `pending`,
 * `queued`, `running` and `in_progress` are assumed. A task one of whose
 * executions is `input_required` waits too. Anything else maps to `unknown`.
 */
export const WEXA_STATUS_TABLE: Readonly<Record<string, TaskStatus>> = Object.freeze({
  ready: 'pending',
  pending: 'pending',
  queued: 'pending',
  running: 'running',
  in_progress: 'running',
  paused: 'paused',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  [WEXA_INPUT_REQUIRED]: 'waiting_for_input',
})

/** Maps a Wexa status to a {@link TaskStatus} (`unknown` for one not in {@link WEXA_STATUS_TABLE}). */
export const mapWexaStatus: StatusMapper = createStatusMapper({ ...WEXA_STATUS_TABLE })

function present<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined
}

/** When the task finished: the executions' end times, else their conclusions' times. Only for a terminal task. */
function finishedAt(status: TaskStatus, executions: readonly WexaExecution[]): Date | undefined {
  if (!isTerminal(status)) return undefined
  return (
    latestDate(executions.map((execution) => fromUnixSeconds(execution.end_time))) ??
    latestDate(executions.map((execution) => fromUnixSeconds(execution.conclusion?.created_at)))
  )
}

/** One of a task's executions, as {@link WexaTaskMetadata} keeps it. */
// A type, not an interface: it stays assignable to Task's default metadata.
export type WexaExecutionSummary = {
  id?: string | undefined
  status?: string | undefined
  agentflowId?: string | undefined
  goal?: string | undefined
}

/** The extras a Wexa Task keeps in `metadata`; each is present only when the payload has it. */
export type WexaTaskMetadata = {
  projectId?: string
  createdBy?: string
  executionIds?: string[]
  /** The task's execution tree (`execution_nodes`), as sent. */
  executionTree?: unknown[]
  /** Its executions, oldest first: what pause, resume and cancel of a single execution act on. */
  executions?: WexaExecutionSummary[]
  executionsStatusCount?: Record<string, number>
  /** The links of the conclusion the output comes from. */
  conclusionLinks?: unknown[]
}

/** A Wexa task in the provider-neutral model, with its typed extras. */
export type WexaTaskResult = Task<WexaTaskMetadata>

function toTask(task: WexaTaskPayload): TaskFields<WexaTaskMetadata> {
  const executions = task.executions ?? []
  const status = mapWexaStatus(task.status)
  // Executions are listed oldest first; the latest one that concluded holds the result.
  const concluded = executions.filter((execution) => present(execution.conclusion?.conclusion)).at(-1)
  const goals = executions.map((execution) => execution.goal).filter(present)
  const metadata = {
    projectId: task.projectID ?? undefined,
    createdBy: task.created_by ?? undefined,
    executionIds: task.execution_ids ?? [],
    executionTree: task.execution_nodes ?? [],
    executions: executions.map((execution) => ({
      id: execution.execution_id ?? undefined,
      status: execution.status ?? undefined,
      agentflowId: execution.agentflow_id ?? undefined,
      goal: execution.goal ?? undefined,
    })),
    executionsStatusCount: task.executions_status_count ?? undefined,
    conclusionLinks: concluded?.conclusion?.links ?? undefined,
  }
  const waiting = isWexaTaskWaiting(task)
  return {
    id: task._id,
    providerStatus: task.status,
    ...(waiting && { status: 'waiting_for_input', reason: 'input', request: wexaRequestOf(task) }),
    name: task.name ?? undefined,
    input: goals.at(-1),
    output: concluded ? { format: 'markdown', value: concluded.conclusion?.conclusion } : undefined,
    createdAt: fromUnixSeconds(task.created_at),
    updatedAt: fromUnixSeconds(task.updated_at),
    startedAt: earliestDate(executions.map((execution) => fromUnixSeconds(execution.created_at))),
    finishedAt: finishedAt(status, executions),
    parentId: task.projectID ?? undefined,
    metadata,
  }
}

/**
 * Turns a Wexa task payload into a {@link Task} without any request: for
 * webhooks, stored payloads or tests. Takes the parsed JSON or its text.
 * Throws `InvalidPayloadError` (keeping the payload as `raw`) when it is not
 * a Wexa task.
 *
 * @example
 * ```ts
 * const task = parseWexaTask(await request.json())
 * ```
 */
export const parseWexaTask: TaskParser<WexaTaskPayload, WexaTaskMetadata> = createTaskParser<
  WexaTaskPayload,
  WexaTaskMetadata
>({
  provider: WEXA_PROVIDER,
  what: 'Wexa task',
  schema: WexaTaskSchema,
  statuses: mapWexaStatus,
  toTask,
})

/** Reads a page of `GET /tasks/{projectID}` (the adapter also accepts a plain array). */
export const parseWexaTaskPage: PayloadParser<WexaTaskPagePayload> = createPayloadParser({
  provider: WEXA_PROVIDER,
  what: 'Wexa task list',
  schema: WexaTaskPageSchema,
})

/** Reads the answer of `POST /execute_flow`, which names the new task and execution. */
export const parseWexaExecuteFlowAnswer: PayloadParser<WexaExecuteFlowAnswer> = createPayloadParser({
  provider: WEXA_PROVIDER,
  what: 'Wexa executeflow answer',
  schema: WexaExecuteFlowAnswerSchema,
})
