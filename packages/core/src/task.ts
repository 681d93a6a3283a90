import * as z from 'zod/mini'
import { type TaskRequest, TaskRequestSchema } from './request.js'
import { schemaOf } from './schema-of.js'
import { TASK_STATUSES, type TaskStatus } from './status.js'

/** The form of a task's output. */
export type TaskOutputFormat = 'text' | 'markdown' | 'json' | 'voice' | 'data'

/** What a task produced. `value` is a string for text formats and any JSON value for `json`/`data`. */
export interface TaskOutput {
  format: TaskOutputFormat
  value: unknown
}

/**
 * Why a task is where it is, beside its status, when the provider says:
 * why it waits (`input`: an answer, `approval`: a person's decision, `auth`:
 * a sign-in or credential) or why it did not succeed (`failed`: an error,
 * `rejected`: the agent refused the work, `expired`: it ran out of time).
 */
export type TaskReason = 'input' | 'approval' | 'auth' | 'failed' | 'rejected' | 'expired'

/** Every {@link TaskReason}, in a fixed order. */
export const TASK_REASONS: readonly TaskReason[] = Object.freeze([
  'input',
  'approval',
  'auth',
  'failed',
  'rejected',
  'expired',
] as const)

/** Why a task failed, as the provider reported it. */
export interface TaskFailure {
  message: string
  code?: string
  details?: unknown
}

/**
 * A provider's task in the provider-neutral model. The type parameters keep
 * what an adapter knows: its typed `metadata` and its name in `adapter`.
 *
 * Plain data: `JSON.stringify` turns it into JSON (dates become ISO strings)
 * and {@link TaskSchema} turns that JSON back into a `Task`.
 */
export interface Task<Metadata extends object = Record<string, unknown>, Provider extends string = string> {
  /** The provider's id for this task. */
  id: string
  /**
   * The name of the adapter that produced it: `wexa`, `xpander`, `orkes`, a
   * custom adapter's, or the `name` an adapter was given, so
   * `client.getTask(task.adapter, task.id)` goes back to the same adapter.
   */
  adapter: Provider
  /**
   * The adapter's name, the same value as {@link Task.adapter}.
   *
   * @deprecated Read `adapter`: "provider" named the adapter, not the platform. Kept, with the same value, until 2.0.
   */
  provider: Provider
  /** The normalised status. */
  status: TaskStatus
  /** The provider's own status string, unchanged. */
  providerStatus: string
  /**
   * Why the task waits or did not succeed, when the provider says: tells a
   * task waiting for a sign-in (`auth`) from one waiting for an answer
   * (`input`), or a refused task (`rejected`) from a failed one, without
   * reading `providerStatus`.
   */
  reason?: TaskReason
  /**
   * What the task asks a person for while it is `waiting_for_input`: the
   * kind of answer, the question, the choices or answer schema, a link to
   * act on. Absent when the task does not wait or the provider says nothing.
   */
  request?: TaskRequest
  /** A human label, when the provider has one. */
  name?: string
  /** What the task was asked to do. */
  input?: unknown
  /** What the task produced. */
  output?: TaskOutput
  /** The provider's failure report, when there is one. */
  error?: TaskFailure
  /** When the provider created (or scheduled) the task. */
  createdAt?: Date
  /** When the provider last changed the task. */
  updatedAt?: Date
  /** When work on the task began. */
  startedAt?: Date
  /** When the task reached a terminal status. */
  finishedAt?: Date
  /** The enclosing run: a workflow instance, a project, a parent execution. */
  parentId?: string
  /** Attempts so far, when the provider counts them. */
  attempts?: number
  /** Provider-specific extras; each adapter exports the type of its own. */
  metadata: Metadata
  /** The payload as the provider sent it, never altered. */
  raw: unknown
}

/** The years JSON writes in a form ISO 8601 readers take back: 0000-01-01 to 9999-12-31 (UTC). */
const EARLIEST_DATE = new Date('0000-01-01T00:00:00.000Z')
const LATEST_DATE = new Date('9999-12-31T23:59:59.999Z')

// A Date outside those years is refused as well, so a Task this schema
// accepts always survives JSON.stringify and this schema again.
const dateField = z.optional(
  z.union([
    z.date().check(z.gte(EARLIEST_DATE), z.lte(LATEST_DATE)),
    z.pipe(
      z.iso.datetime({ offset: true, local: false }),
      z.transform((value: string) => new Date(value)),
    ),
  ]),
)

const TASK_OUTPUT_FORMATS: readonly TaskOutputFormat[] = ['text', 'markdown', 'json', 'voice', 'data']

// `value` and `raw` may be missing from stored JSON (`JSON.stringify` drops an
// undefined value); the Task type keeps the key, so parsing puts it back.
const unknownValue = z._default(z.unknown(), undefined)

const TaskOutputSchema = schemaOf<TaskOutput>()(
  z.object({
    format: z.enum(TASK_OUTPUT_FORMATS as [TaskOutputFormat, ...TaskOutputFormat[]]),
    value: unknownValue,
  }),
)

const TaskFailureSchema = schemaOf<TaskFailure>()(
  z.object({
    message: z.string(),
    code: z.optional(z.string()),
    details: z.optional(z.unknown()),
  }),
)

const adapterName = z.optional(z.string().check(z.minLength(1)))

const storedTask = z.object({
  id: z.string().check(z.minLength(1)),
  adapter: adapterName,
  provider: adapterName,
  status: z.enum(TASK_STATUSES as [TaskStatus, ...TaskStatus[]]),
  providerStatus: z.string(),
  reason: z.optional(z.enum(TASK_REASONS as [TaskReason, ...TaskReason[]])),
  request: z.optional(TaskRequestSchema),
  name: z.optional(z.string()),
  input: z.optional(z.unknown()),
  output: z.optional(TaskOutputSchema),
  error: z.optional(TaskFailureSchema),
  createdAt: dateField,
  updatedAt: dateField,
  startedAt: dateField,
  finishedAt: dateField,
  parentId: z.optional(z.string()),
  attempts: z.optional(z.number().check(z.int(), z.nonnegative())),
  metadata: z.record(z.string(), z.unknown()),
  raw: unknownValue,
})

type StoredTask = z.infer<typeof storedTask>

// A Task stored before 1.0 names its adapter in `provider` only; one stored
// now has both. Either reads back with both, so an older process still reads
// what a newer one wrote, until `provider` goes in 2.0.
function withAdapterName({ id, adapter, provider, ...rest }: StoredTask) {
  const name = (adapter ?? provider) as string
  return { id, adapter: name, provider: provider ?? name, ...rest }
}

/**
 * Validates a task that was stored as JSON (or is already in memory) and
 * returns a {@link Task}, with ISO date strings turned back into `Date`s. A
 * task stored before 1.0, which names its adapter in `provider` only, is
 * read with `adapter` filled in. Its output is exactly `Task`, checked by the
 * compiler: a field added to one and not the other fails the type check.
 *
 * @example
 * ```ts
 * const stored = JSON.stringify(task)
 * const again = TaskSchema.parse(JSON.parse(stored))
 * ```
 */
export const TaskSchema: z.ZodMiniType<Task, unknown> = schemaOf<Task>()(
  z.pipe(
    storedTask.check(
      z.refine((task) => task.adapter !== undefined || task.provider !== undefined, {
        message: 'A task names its adapter in adapter (or, stored before 1.0, in provider)',
        path: ['adapter'],
      }),
    ),
    z.transform(withAdapterName),
  ),
)
