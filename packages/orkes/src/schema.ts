// Orkes Conductor's task and workflow payloads. Each schema accepts both the
// full object (`GET /api/tasks/{id}`, `GET /api/workflow/{id}`: times in
// epoch milliseconds, input/output as objects) and the search summary
// (`…/search`: times as strings, input/output as serialised JSON strings),
// so one mapper serves both. Loose: unknown fields pass through.
import * as z from 'zod/mini'

/** Epoch milliseconds (0 = unset) on full objects, an ISO string on summaries. */
export type OrkesTime = number | string | null | undefined

/** An Orkes task: the full `Task` object or a `TaskSummary` from search. */
export interface OrkesTaskPayload {
  taskId: string
  status: string
  taskType?: string | null
  taskDefName?: string | null
  /** Full objects. */
  referenceTaskName?: string | null
  /** Full objects: the input, as an object. */
  inputData?: Record<string, unknown> | null
  /** Full objects: the output, as an object. */
  outputData?: Record<string, unknown> | null
  /** Summaries: the input, serialised as a JSON string. */
  input?: unknown
  /** Summaries: the output, serialised as a JSON string. */
  output?: unknown
  reasonForIncompletion?: string | null
  /** Full objects: the workflow this task runs in. */
  workflowInstanceId?: string | null
  /** Summaries: the workflow this task runs in. */
  workflowId?: string | null
  workflowType?: string | null
  correlationId?: string | null
  scheduledTime?: OrkesTime
  startTime?: OrkesTime
  endTime?: OrkesTime
  updateTime?: OrkesTime
  retryCount?: number | null
  seq?: number | null
  pollCount?: number | null
  workerId?: string | null
  domain?: string | null
  iteration?: number | null
  [key: string]: unknown
}

/** An Orkes workflow execution: the full `Workflow` object or a `WorkflowSummary` from search. */
export interface OrkesWorkflowPayload {
  workflowId: string
  status: string
  /** Full objects. */
  workflowName?: string | null
  /** Full objects. */
  workflowVersion?: number | null
  /** Summaries. */
  workflowType?: string | null
  /** Summaries. */
  version?: number | null
  correlationId?: string | null
  input?: unknown
  output?: unknown
  reasonForIncompletion?: string | null
  createTime?: OrkesTime
  startTime?: OrkesTime
  updateTime?: OrkesTime
  endTime?: OrkesTime
  parentWorkflowId?: string | null
  priority?: number | null
  createdBy?: string | null
  /** Full objects fetched with `includeTasks`. */
  tasks?: unknown[] | null
  [key: string]: unknown
}

/** A page of `…/search`: `{ totalHits, results }`. */
export interface OrkesSearchPage {
  totalHits: number
  results: unknown[]
  [key: string]: unknown
}

const time = () => z.nullish(z.union([z.number(), z.string()]))
const nullishString = () => z.nullish(z.string())
const nullishNumber = () => z.nullish(z.number())
const record = () => z.nullish(z.record(z.string(), z.unknown()))

/** Zod schema of {@link OrkesTaskPayload}. */
export const OrkesTaskSchema: z.ZodMiniType<OrkesTaskPayload> = z.looseObject({
  taskId: z.string().check(z.minLength(1)),
  status: z.string(),
  taskType: nullishString(),
  taskDefName: nullishString(),
  referenceTaskName: nullishString(),
  inputData: record(),
  outputData: record(),
  input: z.optional(z.unknown()),
  output: z.optional(z.unknown()),
  reasonForIncompletion: nullishString(),
  workflowInstanceId: nullishString(),
  workflowId: nullishString(),
  workflowType: nullishString(),
  correlationId: nullishString(),
  scheduledTime: time(),
  startTime: time(),
  endTime: time(),
  updateTime: time(),
  retryCount: nullishNumber(),
  seq: nullishNumber(),
  pollCount: nullishNumber(),
  workerId: nullishString(),
  domain: nullishString(),
  iteration: nullishNumber(),
})

/** Zod schema of {@link OrkesWorkflowPayload}. */
export const OrkesWorkflowSchema: z.ZodMiniType<OrkesWorkflowPayload> = z.looseObject({
  workflowId: z.string().check(z.minLength(1)),
  status: z.string(),
  workflowName: nullishString(),
  workflowVersion: nullishNumber(),
  workflowType: nullishString(),
  version: nullishNumber(),
  correlationId: nullishString(),
  input: z.optional(z.unknown()),
  output: z.optional(z.unknown()),
  reasonForIncompletion: nullishString(),
  createTime: time(),
  startTime: time(),
  updateTime: time(),
  endTime: time(),
  parentWorkflowId: nullishString(),
  priority: nullishNumber(),
  createdBy: nullishString(),
  tasks: z.nullish(z.array(z.unknown())),
})

/** Zod schema of {@link OrkesSearchPage}; the results are validated one by one. */
export const OrkesSearchPageSchema: z.ZodMiniType<OrkesSearchPage> = z.looseObject({
  totalHits: z.number(),
  results: z.array(z.unknown()),
})

/**
 * An Orkes task payload.
 *
 * @deprecated Use {@link OrkesTaskPayload} (wire types end in `Payload`); will be removed in 2.0.
 */
export type OrkesTask = OrkesTaskPayload

/**
 * An Orkes workflow execution payload.
 *
 * @deprecated Use {@link OrkesWorkflowPayload} (wire types end in `Payload`); will be removed in 2.0.
 */
export type OrkesWorkflow = OrkesWorkflowPayload
