// The Model Context Protocol's task objects as they travel in JSON, in both
// forms: the 2025-11-25 specification (`ttl`, `pollInterval`, the result read
// apart with `tasks/result`) and the `io.modelcontextprotocol/tasks` extension
// (`ttlMs`, `pollIntervalMs`, the result, error or input requests inlined).
// One loose schema per object reads both; only what the mapping uses is declared.
import * as z from 'zod/mini'

/** One item of a tool result's `content`: `{type: "text", text}`, an image, a resource, … */
export interface McpContent {
  type: string
  text?: string | null
  [key: string]: unknown
}

/** A `tools/call` result (`CallToolResult`): its content, its structured content and whether the tool failed. */
export interface McpToolResult {
  content?: McpContent[] | null
  structuredContent?: Record<string, unknown> | null
  isError?: boolean | null
  [key: string]: unknown
}

/** A JSON-RPC error object: the extension form's `error` of a failed task. */
export interface McpErrorObject {
  code: number
  message: string
  data?: unknown
  [key: string]: unknown
}

/**
 * An MCP Task, in either form. The 2025-11-25 form carries `ttl` and
 * `pollInterval`; the extension's `DetailedTask` carries `ttlMs` and
 * `pollIntervalMs` and inlines `result` (completed), `error` (failed) or
 * `inputRequests` (input_required).
 */
export interface McpTaskPayload {
  taskId: string
  status: string
  statusMessage?: string | null
  /** ISO 8601. */
  createdAt?: string | null
  /** ISO 8601. */
  lastUpdatedAt?: string | null
  ttl?: number | null
  ttlMs?: number | null
  pollInterval?: number | null
  pollIntervalMs?: number | null
  /** The extension's discriminator: `task` on a `CreateTaskResult`, `complete` on a `tasks/get` answer. */
  resultType?: string | null
  result?: McpToolResult | null
  error?: McpErrorObject | null
  /** The server-to-client requests a task waits on, by key (elicitations, sampling). */
  inputRequests?: Record<string, unknown> | null
  [key: string]: unknown
}

/** A 2025-11-25 task with its result read apart by `tasks/result`, as the adapter hands it to `parseMcpTask`. */
export interface McpTaskWithResultPayload {
  task: McpTaskPayload
  result?: McpToolResult | null
  [key: string]: unknown
}

const ContentSchema: z.ZodMiniType<McpContent> = z.looseObject({
  type: z.string(),
  text: z.nullish(z.string()),
})

/** A `tools/call` result. */
export const McpToolResultSchema: z.ZodMiniType<McpToolResult> = z.looseObject({
  content: z.nullish(z.array(ContentSchema)),
  structuredContent: z.nullish(z.record(z.string(), z.unknown())),
  isError: z.nullish(z.boolean()),
})

const ErrorObjectSchema: z.ZodMiniType<McpErrorObject> = z.looseObject({
  code: z.number(),
  message: z.string(),
  data: z.optional(z.unknown()),
})

/** An MCP Task of either form. */
export const McpTaskSchema: z.ZodMiniType<McpTaskPayload> = z.looseObject({
  taskId: z.string().check(z.minLength(1)),
  status: z.string(),
  statusMessage: z.nullish(z.string()),
  createdAt: z.nullish(z.string()),
  lastUpdatedAt: z.nullish(z.string()),
  ttl: z.nullish(z.number()),
  ttlMs: z.nullish(z.number()),
  pollInterval: z.nullish(z.number()),
  pollIntervalMs: z.nullish(z.number()),
  resultType: z.nullish(z.string()),
  result: z.nullish(McpToolResultSchema),
  error: z.nullish(ErrorObjectSchema),
  inputRequests: z.nullish(z.record(z.string(), z.unknown())),
})

/** A 2025-11-25 `CreateTaskResult` (`{task}`), or a task with its separately read result (`{task, result}`). */
export const McpTaskWithResultSchema: z.ZodMiniType<McpTaskWithResultPayload> = z.looseObject({
  task: McpTaskSchema,
  result: z.nullish(McpToolResultSchema),
})

/** One page of `tasks/list` (2025-11-25 form only). */
export interface McpTaskPagePayload {
  tasks: unknown[]
  nextCursor?: string | null
  [key: string]: unknown
}

/** One page of `tasks/list`; each task is parsed on its own, so one bad task names itself. */
export const McpTaskPageSchema: z.ZodMiniType<McpTaskPagePayload> = z.looseObject({
  tasks: z.array(z.unknown()),
  nextCursor: z.nullish(z.string()),
})

/** What `initialize` answers: the protocol version agreed on and what the server can do. */
export interface McpInitializeResult {
  protocolVersion: string
  capabilities: {
    tasks?: { list?: unknown; cancel?: unknown; requests?: { tools?: { call?: unknown } | null } | null } | null
    extensions?: Record<string, unknown> | null
    [key: string]: unknown
  }
  serverInfo?: { name?: string | null; version?: string | null; [key: string]: unknown } | null
  [key: string]: unknown
}

/** The answer to `initialize`. */
export const McpInitializeResultSchema: z.ZodMiniType<McpInitializeResult> = z.looseObject({
  protocolVersion: z.string(),
  capabilities: z.looseObject({
    tasks: z.nullish(
      z.looseObject({
        list: z.optional(z.unknown()),
        cancel: z.optional(z.unknown()),
        requests: z.nullish(z.looseObject({ tools: z.nullish(z.looseObject({ call: z.optional(z.unknown()) })) })),
      }),
    ),
    extensions: z.nullish(z.record(z.string(), z.unknown())),
  }),
  serverInfo: z.nullish(z.looseObject({ name: z.nullish(z.string()), version: z.nullish(z.string()) })),
})

/**
 * An MCP task object.
 *
 * @deprecated Use {@link McpTaskPayload} (wire types end in `Payload`); will be removed in 2.0.
 */
export type McpTask = McpTaskPayload

/**
 * An MCP task with its result.
 *
 * @deprecated Use {@link McpTaskWithResultPayload} (wire types end in `Payload`); will be removed in 2.0.
 */
export type McpTaskWithResult = McpTaskWithResultPayload
