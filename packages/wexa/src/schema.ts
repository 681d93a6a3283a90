// Wexa's payloads, from the documented get-task-by-id and stop-task
// responses. Schemas are loose (unknown fields pass through) and optional
// fields are nullish, so a field Wexa adds or leaves empty does not break
// parsing; only `_id` and `status` are required to make a Task.
import * as z from 'zod/mini'

/** A node of a task's execution tree. */
export interface WexaExecutionNode {
  execution_id?: string | null
  _id?: string | null
  execution_type?: string | null
  children?: unknown[] | null
  [key: string]: unknown
}

/** The conclusion an execution ends with: its result, as markdown. */
export interface WexaConclusion {
  conclusion?: string | null
  links?: unknown[] | null
  /** Unix seconds (float). */
  created_at?: number | null
  [key: string]: unknown
}

/** One run of an agentflow for the task. */
export interface WexaExecution {
  execution_id?: string | null
  agentflow_id?: string | null
  conclusion?: WexaConclusion | null
  files?: unknown[] | null
  goal?: string | null
  projectID?: string | null
  start_from_agent_id?: string | null
  status?: string | null
  task_id?: string | null
  /** Unix seconds (float); seen on create-executeflow responses. */
  created_at?: number | null
  /** Unix seconds (float), `null` while running; seen on create-executeflow responses. */
  end_time?: number | null
  [key: string]: unknown
}

/** A Wexa task as `GET /task/{id}` and `POST /task/{id}/stop` return it. */
export interface WexaTaskPayload {
  _id: string
  projectID?: string | null
  /** Unix seconds (float). */
  created_at?: number | null
  /** Unix seconds (float). */
  updated_at?: number | null
  status: string
  created_by?: string | null
  execution_ids?: string[] | null
  execution_nodes?: WexaExecutionNode[] | null
  name?: string | null
  /** Present on get-task-by-id; absent from the stop response. */
  executions?: WexaExecution[] | null
  executions_status_count?: Record<string, number> | null
  [key: string]: unknown
}

/**
 * A page of the list route, `GET /tasks/{projectID}`, as the adapter reads it:
 * `data` and `total` (Wexa's SDK does not show the answer's shape, so this is
 * inferred; `page` and `limit` are kept for servers that send them, and the
 * adapter reads a plain array too).
 */
export interface WexaTaskPagePayload {
  data: unknown[]
  page?: number | null
  limit?: number | null
  total?: number | null
  [key: string]: unknown
}

const executionNode = z.looseObject({
  execution_id: z.nullish(z.string()),
  _id: z.nullish(z.string()),
  execution_type: z.nullish(z.string()),
  children: z.nullish(z.array(z.unknown())),
})

/** Zod schema of {@link WexaConclusion}. */
export const WexaConclusionSchema: z.ZodMiniType<WexaConclusion> = z.looseObject({
  conclusion: z.nullish(z.string()),
  links: z.nullish(z.array(z.unknown())),
  created_at: z.nullish(z.number()),
})

/** Zod schema of {@link WexaExecution}. */
export const WexaExecutionSchema: z.ZodMiniType<WexaExecution> = z.looseObject({
  execution_id: z.nullish(z.string()),
  agentflow_id: z.nullish(z.string()),
  conclusion: z.nullish(WexaConclusionSchema),
  files: z.nullish(z.array(z.unknown())),
  goal: z.nullish(z.string()),
  projectID: z.nullish(z.string()),
  start_from_agent_id: z.nullish(z.string()),
  status: z.nullish(z.string()),
  task_id: z.nullish(z.string()),
  created_at: z.nullish(z.number()),
  end_time: z.nullish(z.number()),
})

/** Zod schema of {@link WexaTaskPayload}. Use it to validate webhooks or stored payloads; `parseWexaTask` also maps them. */
export const WexaTaskSchema: z.ZodMiniType<WexaTaskPayload> = z.looseObject({
  _id: z.string().check(z.minLength(1)),
  projectID: z.nullish(z.string()),
  created_at: z.nullish(z.number()),
  updated_at: z.nullish(z.number()),
  status: z.string(),
  created_by: z.nullish(z.string()),
  execution_ids: z.nullish(z.array(z.string())),
  execution_nodes: z.nullish(z.array(executionNode)),
  name: z.nullish(z.string()),
  executions: z.nullish(z.array(WexaExecutionSchema)),
  executions_status_count: z.nullish(z.record(z.string(), z.number())),
})

/** Zod schema of {@link WexaTaskPagePayload}; the items are validated one by one as tasks. */
export const WexaTaskPageSchema: z.ZodMiniType<WexaTaskPagePayload> = z.looseObject({
  data: z.array(z.unknown()),
  page: z.nullish(z.number()),
  limit: z.nullish(z.number()),
  total: z.nullish(z.number()),
})

/** The answer of `POST /execute_flow` (create executeflow): the new execution and the task it belongs to. */
export interface WexaExecuteFlowAnswer {
  task_id: string
  execution_id: string
  status?: string | null
  [key: string]: unknown
}

/** Zod schema of {@link WexaExecuteFlowAnswer}. */
export const WexaExecuteFlowAnswerSchema: z.ZodMiniType<WexaExecuteFlowAnswer> = z.looseObject({
  task_id: z.string().check(z.minLength(1)),
  execution_id: z.string().check(z.minLength(1)),
  status: z.nullish(z.string()),
})

/**
 * A Wexa task payload.
 *
 * @deprecated Use {@link WexaTaskPayload} (wire types end in `Payload`); will be removed in 2.0.
 */
export type WexaTask = WexaTaskPayload

/**
 * A page of Wexa tasks.
 *
 * @deprecated Use {@link WexaTaskPagePayload} (wire types end in `Payload`); will be removed in 2.0.
 */
export type WexaTaskPage = WexaTaskPagePayload
