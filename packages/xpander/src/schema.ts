// xpander.ai's task payloads, from the public REST v1 docs (get task, stop
// task, list tasks). One schema serves the full record and the smaller list
// item: only `id` and `status` are required, everything else is nullish,
// and unknown fields (such as the LLM snapshot fields) pass through.
import * as z from 'zod/mini'

/** The user a task was run for. */
export interface XpanderUser {
  id?: string | null
  first_name?: string | null
  last_name?: string | null
  email?: string | null
  display_name?: string | null
  additional_attributes?: unknown
  [key: string]: unknown
}

/** What the task was asked: the latest turn's text, files and user. */
export interface XpanderInput {
  text?: string | null
  files?: unknown[] | null
  user?: XpanderUser | null
  [key: string]: unknown
}

/**
 * A human-in-the-loop request the task waits on: a binary approve or deny
 * (xpander's Python SDK, `models/notifications.py`). Since January 2026 it
 * carries only `wait_node_id`; the other fields are the older shape, read
 * when a payload still has them (a field of the wrong type is dropped).
 */
export interface XpanderHitlRequest {
  /** The workflow node that waits. */
  wait_node_id?: string | null
  /** Older shape: the request's heading. */
  title?: string | null
  /** Older shape: what the person is asked. */
  description?: string | null
  /** Older shape: the content to approve. */
  content?: string | null
  /** Older shape: the operation that waits. */
  operation_id?: string | null
  [key: string]: unknown
}

/** An external connector authorisation the task waits on. */
export interface XpanderEcaRequest {
  connector_name?: string | null
  auth_url?: string | null
  [key: string]: unknown
}

/** An xpander task: the full record of `GET /v1/tasks/{id}`, or a list item of `GET /v1/tasks`. */
export interface XpanderTaskPayload {
  id: string
  status: string
  agent_id?: string | null
  organization_id?: string | null
  /** List items only. */
  user_id?: string | null
  /** List items only. */
  parent_task_id?: string | null
  triggering_agent_id?: string | null
  input?: XpanderInput | null
  internal_status?: string | null
  last_executed_node_id?: string | null
  agent_version?: string | number | null
  /** ISO 8601 UTC with microseconds. */
  created_at?: string | null
  /** List items only. */
  updated_at?: string | null
  started_at?: string | null
  paused_at?: string | null
  finished_at?: string | null
  /** A string; JSON-encoded when `output_format` is `json`; `null` or `""` while running. */
  result?: string | null
  parent_execution?: string | null
  sub_executions?: unknown[] | null
  finished_sub_executions?: unknown[] | null
  is_manually_stopped?: boolean | null
  hitl_request?: XpanderHitlRequest | null
  pending_eca_request?: XpanderEcaRequest | null
  source?: string | null
  /** List items only. */
  source_node_type?: string | null
  output_format?: string | null
  think_mode?: string | null
  title?: string | null
  [key: string]: unknown
}

/** A page of `GET /v1/tasks`. */
export interface XpanderTaskPagePayload {
  items: unknown[]
  total?: number | null
  page?: number | null
  per_page?: number | null
  total_pages?: number | null
  [key: string]: unknown
}

const nullishString = () => z.nullish(z.string())
// Fields of an older shape: one of another type is dropped, not a reason to refuse the task.
// A transform, not z.catch: catching builds the issue it swallows, which brings
// zod's issue formatting into every bundle (+3.4 KB gzipped).
const lenientString = () =>
  z.optional(z.transform((value: unknown) => (typeof value === 'string' || value === null ? value : undefined)))

/** Zod schema of {@link XpanderTaskPayload}. Use it to validate webhooks or stored payloads; `parseXpanderTask` also maps them. */
export const XpanderTaskSchema: z.ZodMiniType<XpanderTaskPayload> = z.looseObject({
  id: z.string().check(z.minLength(1)),
  status: z.string(),
  agent_id: nullishString(),
  organization_id: nullishString(),
  user_id: nullishString(),
  parent_task_id: nullishString(),
  triggering_agent_id: nullishString(),
  input: z.nullish(
    z.looseObject({
      text: nullishString(),
      files: z.nullish(z.array(z.unknown())),
      user: z.nullish(
        z.looseObject({
          id: nullishString(),
          first_name: nullishString(),
          last_name: nullishString(),
          email: nullishString(),
          display_name: nullishString(),
          additional_attributes: z.optional(z.unknown()),
        }),
      ),
    }),
  ),
  internal_status: nullishString(),
  last_executed_node_id: nullishString(),
  agent_version: z.nullish(z.union([z.string(), z.number()])),
  created_at: nullishString(),
  updated_at: nullishString(),
  started_at: nullishString(),
  paused_at: nullishString(),
  finished_at: nullishString(),
  result: nullishString(),
  parent_execution: nullishString(),
  sub_executions: z.nullish(z.array(z.unknown())),
  finished_sub_executions: z.nullish(z.array(z.unknown())),
  is_manually_stopped: z.nullish(z.boolean()),
  hitl_request: z.nullish(
    z.looseObject({
      wait_node_id: nullishString(),
      title: lenientString(),
      description: lenientString(),
      content: lenientString(),
      operation_id: lenientString(),
    }),
  ),
  pending_eca_request: z.nullish(z.looseObject({ connector_name: nullishString(), auth_url: nullishString() })),
  source: nullishString(),
  source_node_type: nullishString(),
  output_format: nullishString(),
  think_mode: nullishString(),
  title: nullishString(),
})

/** Zod schema of {@link XpanderTaskPagePayload}; the items are validated one by one as tasks. */
export const XpanderTaskPageSchema: z.ZodMiniType<XpanderTaskPagePayload> = z.looseObject({
  items: z.array(z.unknown()),
  total: z.nullish(z.number()),
  page: z.nullish(z.number()),
  per_page: z.nullish(z.number()),
  total_pages: z.nullish(z.number()),
})

/** One event of a task's stream: `{ type, task_id, organization_id, time, data }`, the task in `data` for task events. */
export interface XpanderTaskEventPayload {
  type: string
  task_id?: string | null
  organization_id?: string | null
  time?: string | null
  data?: unknown
  [key: string]: unknown
}

/** Zod schema of {@link XpanderTaskEventPayload}; `data` is parsed as a task when the event carries one. */
export const XpanderTaskEventSchema: z.ZodMiniType<XpanderTaskEventPayload> = z.looseObject({
  type: z.string(),
  task_id: z.nullish(z.string()),
  organization_id: z.nullish(z.string()),
  time: z.nullish(z.string()),
  data: z.optional(z.unknown()),
})

/**
 * An xpander task payload.
 *
 * @deprecated Use {@link XpanderTaskPayload} (wire types end in `Payload`); will be removed in 2.0.
 */
export type XpanderTask = XpanderTaskPayload

/**
 * A page of xpander tasks.
 *
 * @deprecated Use {@link XpanderTaskPagePayload} (wire types end in `Payload`); will be removed in 2.0.
 */
export type XpanderTaskPage = XpanderTaskPagePayload

/**
 * One event of an xpander task stream.
 *
 * @deprecated Use {@link XpanderTaskEventPayload} (wire types end in `Payload`); will be removed in 2.0.
 */
export type XpanderTaskEvent = XpanderTaskEventPayload
