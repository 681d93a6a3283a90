// The Agent2Agent protocol's objects, as they travel in JSON: v1.0 (ProtoJSON:
// `TASK_STATE_*` states, parts keyed by their content, stream events keyed by
// their kind) and v0.3 (lower-case states, `kind` on every object). One loose
// schema per object reads both; only what the mapping uses is declared.
import * as z from 'zod/mini'

/** A part of a message or artifact: `{text}`, `{data}`, `{url}`, `{raw}` (v1.0) or the same with `kind` (v0.3, whose files sit in `file`). */
export interface A2APart {
  kind?: string | null
  text?: string | null
  data?: unknown
  url?: string | null
  raw?: string | null
  file?: unknown
  mediaType?: string | null
  filename?: string | null
  metadata?: Record<string, unknown> | null
  [key: string]: unknown
}

/** A message: a turn of the user or the agent. */
export interface A2AMessage {
  messageId?: string | null
  role?: string | null
  parts?: A2APart[] | null
  [key: string]: unknown
}

/** An output of a task. */
export interface A2AArtifact {
  artifactId?: string | null
  name?: string | null
  description?: string | null
  parts?: A2APart[] | null
  metadata?: Record<string, unknown> | null
  [key: string]: unknown
}

/** A task's status: its state, the agent's message about it, and when it was set. */
export interface A2ATaskStatusPayload {
  state: string
  message?: A2AMessage | null
  /** ISO 8601; the task's only time. */
  timestamp?: string | null
  [key: string]: unknown
}

/** An A2A Task, v1.0 or v0.3 (`kind: "task"`). */
export interface A2ATaskPayload {
  id: string
  contextId?: string | null
  kind?: string | null
  status: A2ATaskStatusPayload
  artifacts?: A2AArtifact[] | null
  history?: A2AMessage[] | null
  metadata?: Record<string, unknown> | null
  [key: string]: unknown
}

/** A change of a task's status, pushed by a stream or a push notification. */
export interface A2AStatusUpdate {
  taskId: string
  contextId?: string | null
  status: A2ATaskStatusPayload
  /** v0.3 only: the last event of the stream. */
  final?: boolean | null
  [key: string]: unknown
}

/** A new or grown artifact, pushed by a stream or a push notification. */
export interface A2AArtifactUpdate {
  taskId: string
  contextId?: string | null
  artifact: A2AArtifact
  /** Add these parts to the artifact of the same id instead of replacing it. */
  append?: boolean | null
  lastChunk?: boolean | null
  [key: string]: unknown
}

/** A page of v1.0 `ListTasks`. */
export interface A2ATaskPagePayload {
  tasks: unknown[]
  /** Empty or absent on the last page. */
  nextPageToken?: string | null
  totalSize?: number | null
  [key: string]: unknown
}

const nullishString = () => z.nullish(z.string())
const metadata = () => z.nullish(z.record(z.string(), z.unknown()))

const PartSchema = z.looseObject({
  kind: nullishString(),
  text: nullishString(),
  data: z.optional(z.unknown()),
  url: nullishString(),
  raw: nullishString(),
  file: z.optional(z.unknown()),
  mediaType: nullishString(),
  filename: nullishString(),
  metadata: metadata(),
})

const MessageSchema = z.looseObject({
  messageId: nullishString(),
  role: nullishString(),
  parts: z.nullish(z.array(PartSchema)),
})

/** Zod schema of {@link A2AArtifact}. */
export const A2AArtifactSchema: z.ZodMiniType<A2AArtifact> = z.looseObject({
  artifactId: nullishString(),
  name: nullishString(),
  description: nullishString(),
  parts: z.nullish(z.array(PartSchema)),
  metadata: metadata(),
})

const StatusSchema = z.looseObject({
  state: z.string(),
  message: z.nullish(MessageSchema),
  timestamp: nullishString(),
})

/** Zod schema of {@link A2ATaskPayload}; `parseA2ATask` also maps it. */
export const A2ATaskSchema: z.ZodMiniType<A2ATaskPayload> = z.looseObject({
  id: z.string().check(z.minLength(1)),
  contextId: nullishString(),
  kind: nullishString(),
  status: StatusSchema,
  artifacts: z.nullish(z.array(A2AArtifactSchema)),
  history: z.nullish(z.array(MessageSchema)),
  metadata: metadata(),
})

/** Zod schema of {@link A2AStatusUpdate}. */
export const A2AStatusUpdateSchema: z.ZodMiniType<A2AStatusUpdate> = z.looseObject({
  taskId: z.string().check(z.minLength(1)),
  contextId: nullishString(),
  status: StatusSchema,
  final: z.nullish(z.boolean()),
})

/** Zod schema of {@link A2AArtifactUpdate}. */
export const A2AArtifactUpdateSchema: z.ZodMiniType<A2AArtifactUpdate> = z.looseObject({
  taskId: z.string().check(z.minLength(1)),
  contextId: nullishString(),
  artifact: A2AArtifactSchema,
  append: z.nullish(z.boolean()),
  lastChunk: z.nullish(z.boolean()),
})

/** Zod schema of {@link A2ATaskPagePayload}; the tasks are validated one by one. */
export const A2ATaskPageSchema: z.ZodMiniType<A2ATaskPagePayload> = z.looseObject({
  tasks: z.array(z.unknown()),
  nextPageToken: nullishString(),
  totalSize: z.nullish(z.number()),
})

/**
 * An A2A Task object.
 *
 * @deprecated Use {@link A2ATaskPayload} (wire types end in `Payload`); will be removed in 2.0.
 */
export type A2ATask = A2ATaskPayload

/**
 * A page of A2A tasks.
 *
 * @deprecated Use {@link A2ATaskPagePayload} (wire types end in `Payload`); will be removed in 2.0.
 */
export type A2ATaskPage = A2ATaskPagePayload

/**
 * An A2A task's status object.
 *
 * @deprecated Use {@link A2ATaskStatusPayload} (wire types end in `Payload`); will be removed in 2.0.
 */
export type A2ATaskStatus = A2ATaskStatusPayload
