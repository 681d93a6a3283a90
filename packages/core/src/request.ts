import * as z from 'zod/mini'
import { schemaOf } from './schema-of.js'

/**
 * What a waiting task asks a person for: a decision (`approval`), an answer
 * or missing values (`input`), or a sign-in or credential (`auth`).
 */
export type TaskRequestKind = 'approval' | 'input' | 'auth'

/** Every {@link TaskRequestKind}, in a fixed order. */
export const TASK_REQUEST_KINDS: readonly TaskRequestKind[] = Object.freeze(['approval', 'input', 'auth'] as const)

/** One answer a request offers to pick from. */
export interface TaskRequestChoice {
  /** What to send back when this choice is picked. */
  value: string
  /** How to show it, when the provider gives a label. */
  label?: string
}

/**
 * What a task in `waiting_for_input` asks for, the same shape for every
 * provider, so one notifier can say "needs your approval: Refund order 1234"
 * and link to where the person acts, whoever runs the task. Fields the
 * provider does not give are left out; `metadata` keeps the provider's own
 * description of the request, unchanged.
 *
 * @example
 * ```ts
 * if (task.status === 'waiting_for_input' && task.request) {
 *   const { kind, title, message, url } = task.request
 *   console.log(`${task.id} needs ${kind}: ${title ?? message ?? ''} ${url ?? ''}`)
 * }
 * ```
 */
export interface TaskRequest {
  /** What kind of answer the task waits for. */
  kind: TaskRequestKind
  /** A short heading for the request, when the provider gives one. */
  title?: string
  /** The question or instructions, as the provider words them. */
  message?: string
  /** The answers to pick from, when the provider lists them. */
  choices?: TaskRequestChoice[]
  /** The JSON Schema of the expected answer, when the provider gives one. */
  schema?: Record<string, unknown>
  /** Where the person can act: a sign-in link, a console page, a form. */
  url?: string
  /** The provider's own description of the request, under the provider's own field names, unchanged. */
  metadata?: Record<string, unknown>
}

/** The zod schema of a {@link TaskRequest}, part of `TaskSchema`. */
export const TaskRequestSchema: z.ZodMiniType<TaskRequest, unknown> = schemaOf<TaskRequest>()(
  z.object({
    kind: z.enum(TASK_REQUEST_KINDS as [TaskRequestKind, ...TaskRequestKind[]]),
    title: z.optional(z.string()),
    message: z.optional(z.string()),
    choices: z.optional(z.array(z.object({ value: z.string(), label: z.optional(z.string()) }))),
    schema: z.optional(z.record(z.string(), z.unknown())),
    url: z.optional(z.string()),
    metadata: z.optional(z.record(z.string(), z.unknown())),
  }),
)

/**
 * A person's answer to a waiting task, in the provider-neutral form every
 * built-in adapter takes (an adapter may take more; see its `answerTask`).
 * Give what the request asks for: `approved` for an approval, `text` or
 * `data` for input.
 *
 * @example
 * ```ts
 * const approve: TaskAnswer = { approved: true, text: 'Refund approved' }
 * const values: TaskAnswer = { data: { city: 'Lisbon' } }
 * ```
 */
export interface TaskAnswer {
  /** For an approval: whether the person approved (`false` rejects). */
  approved?: boolean
  /** A free-text answer, or a comment that goes with a decision. */
  text?: string
  /** Structured values: the fields the request's schema asks for. */
  data?: Record<string, unknown>
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Why `answer` is not a usable {@link TaskAnswer}, or `undefined` when it is:
 * it gives at least one of `approved` (a boolean), `text` (a string) and
 * `data` (an object). Adapters pass it to `defineAdapter` as
 * `validateAnswer`, so a bad answer is refused before any request.
 */
export function validateTaskAnswer(answer: TaskAnswer): string | undefined {
  const { approved, text, data } = answer as Record<string, unknown>
  if (approved !== undefined && typeof approved !== 'boolean') return 'answer.approved must be true or false'
  if (text !== undefined && typeof text !== 'string') return 'answer.text must be a string'
  if (data !== undefined && !isPlainObject(data)) return 'answer.data must be an object'
  if (approved === undefined && text === undefined && data === undefined) {
    return 'the answer is empty: give approved, text or data'
  }
  return undefined
}
