import {
  type CallOptions,
  InvalidPayloadError,
  type Task,
  TaskbridgeError,
  type TaskMetadata,
  type TaskStatus,
} from '@taskbridge/core'
import type * as z from 'zod/mini'
import type { HttpClient, HttpResponse, RequestOptions } from './http-types.js'
import { type RouteTemplate, resolveRoute } from './path.js'
import { type PayloadContext, type PayloadParser, type PayloadSource, readPayload, validatePayload } from './payload.js'
import { compact } from './record.js'
import { createStatusMapper, type StatusMapper } from './status.js'
import { isStorableDate } from './time.js'

/** Every field optional, and `undefined` accepted for each (also under `exactOptionalPropertyTypes`). */
type Loose<T> = { [K in keyof T]?: T[K] | undefined }

/** A metadata object as a mapping writes it: any field may be missing, `undefined` or `null` (all dropped). */
export type MetadataFields<Metadata extends object> = { [K in keyof Metadata]?: Metadata[K] | null | undefined }

/**
 * What an adapter's mapping returns for one payload: a Task without the parts
 * {@link createTaskParser} fills in (`adapter`, `provider`, `raw`, and `status`, which
 * defaults to the status table's answer for `providerStatus`). Optional
 * fields may be `undefined`: absent fields are left out of the Task.
 */
export interface TaskFields<Metadata extends object = TaskMetadata>
  extends Loose<
    Omit<Task, 'id' | 'providerStatus' | 'adapter' | 'provider' | 'status' | 'metadata' | 'raw' | 'error'>
  > {
  /** The provider's id for this task. */
  id: string
  /** The provider's own status string. */
  providerStatus: string
  /** Only when the status table alone cannot say (for example a paused task that waits for input). */
  status?: TaskStatus | undefined
  /** The provider's failure; a `null` code (payloads often have one) is dropped. */
  error?: { message: string; code?: string | null | undefined; details?: unknown } | undefined
  /** `undefined` and `null` values are dropped. */
  metadata?: MetadataFields<Metadata> | undefined
}

/** Options of {@link createTaskParser}. */
export interface TaskParserOptions<Payload, Metadata extends object = TaskMetadata> {
  provider: string
  /** The payload's zod schema (either zod API); loose, so unknown fields reach `raw`. */
  schema: z.core.$ZodType<Payload>
  /** The provider's statuses and their normalised meaning, or a mapper built from them. */
  statuses: Record<string, TaskStatus> | StatusMapper
  /**
   * Maps a validated payload to the Task's fields. At its top level,
   * `payload` holds the fields the schema declares (undeclared ones are not
   * copied, even from a loose schema, which keeps validation fast); read
   * anything else from `raw`, the payload as received.
   */
  toTask(payload: Payload, raw: unknown): TaskFields<Metadata>
  /** What the payload is, for error messages. Default: "<provider> task". */
  what?: string
}

export type { PayloadSource }

/**
 * Turns a payload (parsed JSON or its text) into a {@link Task}, without any
 * request: the {@link PayloadParser} shape, plus the status table it maps
 * with. Every adapter's `parse…Task` is one.
 */
export interface TaskParser<Payload, Metadata extends object = TaskMetadata>
  extends PayloadParser<Task<Metadata>, Payload> {
  /** The provider's statuses and their normalised meaning. */
  readonly statuses: StatusMapper
}

/**
 * Builds an adapter's payload parser: the payload is validated (a failure is
 * an `InvalidPayloadError` keeping the payload as `raw`), JSON text is
 * accepted too, the status goes through the status table (`unknown` for one
 * it does not know), and `provider`, `raw` and a compacted `metadata` are
 * filled in. Absent fields stay absent rather than `undefined`.
 *
 * @example
 * ```ts
 * export const parseJob = createTaskParser({
 *   provider: 'acme',
 *   schema: JobSchema,
 *   statuses: { queued: 'pending', working: 'running', done: 'completed' },
 *   toTask: (job) => ({ id: job.id, providerStatus: job.state, createdAt: fromUnixSeconds(job.created) }),
 * })
 * ```
 */
export function createTaskParser<Payload, Metadata extends object = TaskMetadata>(
  options: TaskParserOptions<Payload, Metadata>,
): TaskParser<Payload, Metadata> {
  const { provider, schema, toTask } = options
  const statuses = typeof options.statuses === 'function' ? options.statuses : createStatusMapper(options.statuses)
  const context = { provider, what: options.what ?? `${provider} task` }
  // Built with the first parse, not with the parser: adapters create parsers
  // when they are imported, and importing one should not build a second schema.
  let validator: z.core.$ZodType<Payload> | undefined
  const parse = (payload: unknown, source?: PayloadSource): Task<Metadata> => {
    const where = source ? { ...context, ...source } : context
    const raw = readPayload(payload, where)
    validator ??= declaredFieldsOnly(schema)
    const fields = mapFields(toTask, validatePayload(validator, raw, where), raw, where)
    const task: Record<string, unknown> = {
      id: fields.id,
      adapter: provider,
      provider,
      status: fields.status ?? statuses(fields.providerStatus),
    }
    for (const key in fields) {
      const value = fields[key]
      if (value !== undefined && value !== null && !FILLED_IN.has(key) && storable(key, value)) task[key] = value
    }
    if (fields.error) task.error = compact(fields.error)
    task.metadata = compact(fields.metadata ?? {})
    task.raw = raw
    return task as unknown as Task<Metadata>
  }
  return Object.assign(parse, { schema, statuses })
}

/** Fields the parser sets itself, or handles apart from the others. */
const FILLED_IN: ReadonlySet<string> = new Set(['id', 'status', 'error', 'metadata'])
const DATE_FIELDS: ReadonlySet<string> = new Set(['createdAt', 'updatedAt', 'startedAt', 'finishedAt'])

/**
 * Whether a mapped field can go on the Task, which must survive
 * `JSON.stringify` and core's `TaskSchema`: a date within the years
 * 0000–9999, a count of attempts that is a whole number ≥ 0. A field that
 * cannot is left out, as a field the provider did not send would be.
 */
function storable(key: string, value: unknown): boolean {
  if (DATE_FIELDS.has(key)) return isStorableDate(value)
  if (key === 'attempts') return Number.isSafeInteger(value) && (value as number) >= 0
  return true
}

/**
 * Runs the adapter's mapping. A payload that passed the schema can still
 * break a mapping (a huge array, an unforeseen shape): that is the payload's
 * fault, so it is reported as an `InvalidPayloadError` keeping the payload,
 * not as an internal error; so is a mapping that gives no id.
 */
function mapFields<Payload, Metadata extends object>(
  toTask: (payload: Payload, raw: unknown) => TaskFields<Metadata>,
  payload: Payload,
  raw: unknown,
  where: PayloadContext,
): TaskFields & Record<string, unknown> {
  const request = { provider: where.provider, method: where.method, url: where.url, status: where.status }
  let fields: TaskFields & Record<string, unknown>
  try {
    fields = toTask(payload, raw) as TaskFields & Record<string, unknown>
  } catch (error) {
    if (TaskbridgeError.is(error)) throw error
    throw new InvalidPayloadError({
      ...request,
      message: `The ${where.what ?? 'payload'} could not be mapped to a task (${error instanceof Error ? error.name : typeof error})`,
      raw,
      cause: error,
    })
  }
  if (typeof fields.id !== 'string' || fields.id === '' || typeof fields.providerStatus !== 'string') {
    throw new InvalidPayloadError({
      ...request,
      message: `The ${where.what ?? 'payload'} has no usable id or status`,
      raw,
    })
  }
  return fields
}

/**
 * The parts of zod's public schema API that {@link declaredFieldsOnly} uses,
 * the same on `zod` and `zod/mini` schemas: the schema's `type`, its `def`
 * (an object's `catchall` is its schema for undeclared fields) and
 * `clone(def)`, which builds the same kind of schema from a changed
 * definition. test/declared-fields.test.ts fails if a zod release changes them.
 */
interface PublicZodSchema {
  readonly type: string
  readonly def: { readonly catchall?: { readonly type?: string } | undefined }
  clone(def: object): z.core.$ZodType
}

const cloned = new WeakMap<object, z.core.$ZodType>()

/**
 * The schema to validate with: a top-level object schema that lets any
 * undeclared field through (a loose one) is cloned without its catchall, so
 * zod validates the declared fields and no longer walks and copies the
 * undeclared ones, about 40 % of the validation time on a wide payload
 * (benchmark 1 in BENCHMARKS.md). Validation is the same: a loose object's
 * catchall is `unknown`, which always passes, and the Task's `raw` is the
 * payload as received. Nested objects keep their undeclared fields, since a
 * mapping may pass one on whole (as metadata); a strict object keeps its
 * catchall, which must still reject extra fields. Any other schema, or one
 * without zod's public `def` and `clone`, is used as it is.
 */
export function declaredFieldsOnly<Payload>(schema: z.core.$ZodType<Payload>): z.core.$ZodType<Payload> {
  const done = cloned.get(schema)
  if (done) return done as z.core.$ZodType<Payload>
  const candidate = schema as unknown as Partial<PublicZodSchema>
  const catchall = candidate.def?.catchall
  const loose = candidate.type === 'object' && (catchall === undefined || catchall.type === 'unknown')
  const result =
    loose && typeof candidate.clone === 'function' ? candidate.clone({ ...candidate.def, catchall: undefined }) : schema
  cloned.set(schema, result)
  return result as z.core.$ZodType<Payload>
}

/** Where a response came from, for the errors of parsing its body: its method, URL and status. */
export function payloadSourceOf(response: HttpResponse): PayloadSource {
  return { method: response.method, url: response.url, status: response.status }
}

/** Sends one task's request: `(route, id, call, request?)` resolves to the Task the provider answered with. */
export type TaskRequest<Metadata extends object = TaskMetadata> = (
  route: RouteTemplate,
  id: string,
  call: CallOptions,
  request?: Omit<RequestOptions, keyof CallOptions | 'method' | 'taskId'>,
) => Promise<Task<Metadata>>

/**
 * Binds a client and a parser into the call most adapter operations are:
 * resolve the route with the id, send it (the id goes on a
 * `TaskNotFoundError`), parse the answer.
 *
 * @example
 * ```ts
 * const send = createTaskRequest(http, parseJob)
 * defineAdapter({ provider: 'acme', getTask: (id, call) => send('GET /jobs/{id}', id, call) })
 * ```
 */
export function createTaskRequest<Metadata extends object = TaskMetadata>(
  http: HttpClient,
  parse: (payload: unknown, source?: PayloadSource) => Task<Metadata>,
): TaskRequest<Metadata> {
  return async (route, id, call, request = {}) => {
    const { method, path } = resolveRoute(route, { id })
    const response = await http.request(path, { ...request, ...call, method, route, taskId: id })
    return parse(response.body, payloadSourceOf(response))
  }
}
