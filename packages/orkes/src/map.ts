import type { Task, TaskFailure, TaskOutput, TaskReason, TaskStatus } from '@taskbridge/core'
import {
  createPayloadParser,
  createStatusMapper,
  createTaskParser,
  fromEpochMillis,
  fromIsoString,
  type PayloadParser,
  parseEmbeddedJson,
  type StatusMapper,
  type TaskFields,
  type TaskParser,
} from '@taskbridge/provider-utils'
import {
  type OrkesSearchPage,
  OrkesSearchPageSchema,
  type OrkesTaskPayload,
  OrkesTaskSchema,
  type OrkesTime,
  type OrkesWorkflowPayload,
  OrkesWorkflowSchema,
} from './schema.js'
import { orkesWaitOf, waitingTaskOf } from './waits.js'

/** The adapter's provider name. */
export const ORKES_PROVIDER = 'orkes'

/**
 * Orkes task statuses (`Task.Status`, all nine documented) and what they
 * mean in taskbridge. An `IN_PROGRESS` HUMAN task, or WAIT task waiting for
 * a signal, is `waiting_for_input` instead (see {@link orkesWaitOf}).
 */
export const ORKES_TASK_STATUS_TABLE: Readonly<Record<string, TaskStatus>> = Object.freeze({
  SCHEDULED: 'pending',
  IN_PROGRESS: 'running',
  COMPLETED: 'completed',
  COMPLETED_WITH_ERRORS: 'completed',
  FAILED: 'failed',
  FAILED_WITH_TERMINAL_ERROR: 'failed',
  CANCELED: 'cancelled',
  TIMED_OUT: 'timed_out',
  SKIPPED: 'skipped',
})

/**
 * Orkes workflow statuses (`Workflow.WorkflowStatus`, all six documented)
 * and what they mean in taskbridge. A `RUNNING` workflow whose pending task
 * waits for a person (see {@link orkesWaitOf}) is `waiting_for_input`.
 */
export const ORKES_WORKFLOW_STATUS_TABLE: Readonly<Record<string, TaskStatus>> = Object.freeze({
  RUNNING: 'running',
  PAUSED: 'paused',
  COMPLETED: 'completed',
  FAILED: 'failed',
  TIMED_OUT: 'timed_out',
  TERMINATED: 'cancelled',
})

/** Maps an Orkes task status (`unknown` for one not in {@link ORKES_TASK_STATUS_TABLE}). */
export const mapOrkesTaskStatus: StatusMapper = createStatusMapper({ ...ORKES_TASK_STATUS_TABLE })

/** Maps an Orkes workflow status (`unknown` for one not in {@link ORKES_WORKFLOW_STATUS_TABLE}). */
export const mapOrkesWorkflowStatus: StatusMapper = createStatusMapper({ ...ORKES_WORKFLOW_STATUS_TABLE })

/**
 * A time from a full object (epoch ms, 0 = unset) or a summary (a string;
 * the open-source server prints unset times as the epoch itself).
 */
function orkesTime(value: OrkesTime): Date | undefined {
  const date = typeof value === 'string' ? fromIsoString(value) : fromEpochMillis(value)
  return date && date.getTime() > 0 ? date : undefined
}

/**
 * Summaries carry input and output as JSON text; full objects as objects.
 * Text that cannot be parsed (or is nested too deep to serialise) stays
 * text, and `parseError` says why.
 */
function payloadValue(value: unknown): { value: unknown; parseError?: string } {
  if (typeof value !== 'string') return { value: value ?? undefined }
  const parsed = parseEmbeddedJson(value)
  return parsed.parsed ? { value: parsed.value } : { value: parsed.value, parseError: parsed.reason }
}

function toOutput(value: unknown): TaskOutput | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'object' && Object.keys(value).length === 0) return undefined
  return { format: 'data', value }
}

/** Why a task or workflow did not succeed, by Orkes status: a success with errors counts as `failed`. */
const ORKES_REASONS: Readonly<Record<string, TaskReason>> = Object.freeze({
  COMPLETED_WITH_ERRORS: 'failed',
  FAILED: 'failed',
  FAILED_WITH_TERMINAL_ERROR: 'failed',
  TIMED_OUT: 'expired',
})

function reasonOf(providerStatus: string): TaskReason | undefined {
  return Object.hasOwn(ORKES_REASONS, providerStatus) ? ORKES_REASONS[providerStatus] : undefined
}

function toFailure(
  status: TaskStatus,
  providerStatus: string,
  reason: string | null | undefined,
): TaskFailure | undefined {
  if (!reason) return undefined
  // COMPLETED_WITH_ERRORS is a success that still reports what went wrong.
  if (status === 'completed' || status === 'failed' || status === 'timed_out' || status === 'cancelled') {
    return { message: reason, code: providerStatus }
  }
  return undefined
}

/** The extras an Orkes task (task mode) keeps in `metadata`; each is present only when the payload has it. */
// Types, not interfaces: they stay assignable to Task's default metadata.
export type OrkesTaskMetadata = {
  /** Set on search results, which carry fewer fields (and inputs and outputs as JSON text). */
  summary?: true
  resource?: 'task'
  taskType?: string
  taskDefName?: string
  referenceTaskName?: string
  workflowType?: string
  correlationId?: string
  workerId?: string
  seq?: number
  pollCount?: number
  domain?: string
  iteration?: number
  /** Why a summary's input text was kept as text: not JSON, or nested deeper than 1,000 levels. */
  inputParseError?: string
  /** Why a summary's output text was kept as text: not JSON, or nested deeper than 1,000 levels. */
  outputParseError?: string
}

/** One task of a workflow execution, as {@link OrkesWorkflowMetadata} keeps it. */
export type OrkesWorkflowTask = {
  taskId?: string
  referenceTaskName?: string
  taskType?: string
  status?: string
}

/** The extras an Orkes workflow execution (workflow mode) keeps in `metadata`. */
export type OrkesWorkflowMetadata = {
  /** Set on search results, which carry fewer fields. */
  summary?: true
  resource?: 'workflow'
  workflowName?: string
  version?: number
  /** The correlation id the workflow was started with. */
  correlationId?: string
  priority?: number
  createdBy?: string
  taskCount?: number
  /** Its tasks, in order, when the payload lists them (the adapter's `includeTasks` option). */
  tasks?: OrkesWorkflowTask[]
  /** Why a summary's input text was kept as text: not JSON, or nested deeper than 1,000 levels. */
  inputParseError?: string
  /** Why a summary's output text was kept as text: not JSON, or nested deeper than 1,000 levels. */
  outputParseError?: string
}

/** An Orkes task in the provider-neutral model, with its typed extras. */
export type OrkesTaskResult = Task<OrkesTaskMetadata>

/** An Orkes workflow execution in the provider-neutral model, with its typed extras. */
export type OrkesWorkflowResult = Task<OrkesWorkflowMetadata>

const stringField = (record: Record<string, unknown>, key: string): string | undefined =>
  typeof record[key] === 'string' ? (record[key] as string) : undefined

/** The workflow's tasks as `{ taskId, referenceTaskName, taskType, status }`; undefined when it lists none. */
function workflowTasks(tasks: readonly unknown[] | null | undefined): OrkesWorkflowTask[] | undefined {
  if (!tasks?.length) return undefined
  return tasks
    .filter((task): task is Record<string, unknown> => typeof task === 'object' && task !== null)
    .map((task) => ({
      taskId: stringField(task, 'taskId'),
      referenceTaskName: stringField(task, 'referenceTaskName'),
      taskType: stringField(task, 'taskType'),
      status: stringField(task, 'status'),
    }))
}

function taskFields(task: OrkesTaskPayload): TaskFields<OrkesTaskMetadata> {
  const status = mapOrkesTaskStatus(task.status)
  const input = task.inputData ? { value: task.inputData } : payloadValue(task.input)
  const output = task.outputData ? { value: task.outputData } : payloadValue(task.output)
  const wait = orkesWaitOf({ ...task, inputData: input.value })
  return {
    id: task.taskId,
    providerStatus: task.status,
    status: wait ? 'waiting_for_input' : status,
    reason: wait?.reason ?? reasonOf(task.status),
    request: wait?.request,
    // Search summaries have no reference name: the definition's name is the one both shapes share.
    name: task.taskDefName ?? task.referenceTaskName ?? undefined,
    input: input.value,
    output: toOutput(output.value),
    error: toFailure(status, task.status, task.reasonForIncompletion),
    createdAt: orkesTime(task.scheduledTime),
    updatedAt: orkesTime(task.updateTime),
    startedAt: orkesTime(task.startTime),
    finishedAt: orkesTime(task.endTime),
    parentId: task.workflowInstanceId ?? task.workflowId ?? undefined,
    attempts: task.retryCount ?? undefined,
    metadata: {
      summary: typeof task.input === 'string' ? true : undefined,
      resource: 'task',
      taskType: task.taskType,
      taskDefName: task.taskDefName,
      referenceTaskName: task.referenceTaskName,
      workflowType: task.workflowType,
      correlationId: task.correlationId,
      workerId: task.workerId,
      seq: task.seq,
      pollCount: task.pollCount,
      domain: task.domain,
      iteration: task.iteration,
      inputParseError: input.parseError,
      outputParseError: output.parseError,
    },
  }
}

function workflowFields(workflow: OrkesWorkflowPayload): TaskFields<OrkesWorkflowMetadata> {
  const status = mapOrkesWorkflowStatus(workflow.status)
  const input = payloadValue(workflow.input)
  const output = payloadValue(workflow.output)
  // A running workflow whose pending task waits for a person waits with it.
  const wait = workflow.status === 'RUNNING' ? waitingTaskOf(workflow.tasks) : undefined
  return {
    id: workflow.workflowId,
    providerStatus: workflow.status,
    status: wait ? 'waiting_for_input' : status,
    reason: wait?.reason ?? reasonOf(workflow.status),
    request: wait?.request,
    name: workflow.workflowName ?? workflow.workflowType ?? undefined,
    input: input.value,
    output: toOutput(output.value),
    error: toFailure(status, workflow.status, workflow.reasonForIncompletion),
    createdAt: orkesTime(workflow.createTime) ?? orkesTime(workflow.startTime),
    updatedAt: orkesTime(workflow.updateTime),
    startedAt: orkesTime(workflow.startTime),
    finishedAt: orkesTime(workflow.endTime),
    parentId: workflow.parentWorkflowId ?? undefined,
    metadata: {
      summary: typeof workflow.input === 'string' ? true : undefined,
      resource: 'workflow',
      workflowName: workflow.workflowName ?? workflow.workflowType,
      version: workflow.workflowVersion ?? workflow.version,
      correlationId: workflow.correlationId,
      priority: workflow.priority,
      createdBy: workflow.createdBy,
      taskCount: workflow.tasks?.length,
      tasks: workflowTasks(workflow.tasks),
      inputParseError: input.parseError,
      outputParseError: output.parseError,
    },
  }
}

/**
 * Turns an Orkes task payload (a full `Task` or a search `TaskSummary`) into
 * a {@link Task} without any request. Takes the parsed JSON or its text;
 * throws `InvalidPayloadError` (keeping the payload as `raw`) when it is not
 * an Orkes task.
 */
export const parseOrkesTask: TaskParser<OrkesTaskPayload, OrkesTaskMetadata> = createTaskParser<
  OrkesTaskPayload,
  OrkesTaskMetadata
>({
  provider: ORKES_PROVIDER,
  what: 'Orkes task',
  schema: OrkesTaskSchema,
  statuses: mapOrkesTaskStatus,
  toTask: taskFields,
})

/**
 * Turns an Orkes workflow execution payload (a full `Workflow` or a search
 * `WorkflowSummary`) into a {@link Task} without any request.
 */
export const parseOrkesWorkflow: TaskParser<OrkesWorkflowPayload, OrkesWorkflowMetadata> = createTaskParser<
  OrkesWorkflowPayload,
  OrkesWorkflowMetadata
>({
  provider: ORKES_PROVIDER,
  what: 'Orkes workflow',
  schema: OrkesWorkflowSchema,
  statuses: mapOrkesWorkflowStatus,
  toTask: workflowFields,
})

/** Reads a page of `GET /api/tasks/search` or `GET /api/workflow/search`. */
export const parseOrkesSearchPage: PayloadParser<OrkesSearchPage> = createPayloadParser({
  provider: ORKES_PROVIDER,
  what: 'Orkes search result',
  schema: OrkesSearchPageSchema,
})
