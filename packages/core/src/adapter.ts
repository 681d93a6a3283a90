import { abortable } from './abort.js'
import { countForeignTasks } from './debug.js'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import { ProviderApiError } from './errors/provider-api-error.js'
import { TaskbridgeError } from './errors/taskbridge-error.js'
import { UnsupportedOperationError } from './errors/unsupported-operation-error.js'
import { type StartCallOptions, type StartOptions, startCallOptions, startErrorOf } from './start.js'
import { isTaskStatus, isTerminal, type TaskStatus } from './status.js'
import type { Task } from './task.js'

/** The operations of a {@link TaskAdapter}. */
export type Operation = 'getTask' | 'listTasks' | 'startTask' | 'streamTask' | 'pauseTask' | 'resumeTask' | 'cancelTask'

/** What an adapter can do. Derived by {@link defineAdapter} from the operations it was given. */
export interface Capabilities {
  /** `getTask` works (always true). */
  readonly get: boolean
  /** `listTasks` works. */
  readonly list: boolean
  /** `startTask` works. */
  readonly start: boolean
  /**
   * `startTask` sends `idempotencyKey` to a provider that answers a start
   * repeated with the same key with the same run (for A2A, the agent decides:
   * see the adapter's README); otherwise a key is refused.
   */
  readonly idempotentStart: boolean
  /** `streamTask` works: the provider pushes a task's changes (`watchTask` then listens instead of polling). */
  readonly stream: boolean
  /** `pauseTask` works. */
  readonly pause: boolean
  /** `resumeTask` works. */
  readonly resume: boolean
  /** `cancelTask` works. */
  readonly cancel: boolean
}

/** Per-call options every operation takes. */
export interface CallOptions {
  /** Cancels the call; the promise rejects with the signal's reason (an `AbortError`), unwrapped. */
  signal?: AbortSignal
  /**
   * A time limit for the whole call from its start (credentials, every
   * attempt, the body, retries), replacing the adapter's. For `listTasks` it
   * bounds each page's request, not the whole listing; for `streamTask`, the
   * wait for the stream to open.
   */
  timeoutMs?: number
  /** Extra request headers for this call. */
  headers?: Record<string, string>
}

/** Filters and paging for {@link TaskAdapter.listTasks}. Adapters map each to their provider's query. */
export interface ListQuery {
  /** Only tasks in this status (or any of these statuses). */
  status?: TaskStatus | readonly TaskStatus[]
  /** Only tasks created at or after this time. */
  createdAfter?: Date
  /** Only tasks created before this time. */
  createdBefore?: Date
  /** Tasks per request; adapters clamp it to what the provider allows. */
  pageSize?: number
  /** Stop after this many tasks. */
  limit?: number
}

/** The metadata type of adapters and tasks that do not say more. */
export type TaskMetadata = Record<string, unknown>

/**
 * One provider's tasks, in the provider-neutral model. Build one with
 * {@link defineAdapter}. The type parameters keep what the adapter knows: its
 * name, its list query, what `startTask` takes and its tasks' metadata.
 */
export interface TaskAdapter<
  Provider extends string = string,
  Query extends ListQuery = ListQuery,
  StartInput = unknown,
  Metadata extends object = TaskMetadata,
> {
  /** The adapter's name, which every {@link Task.provider} it returns carries. */
  readonly provider: Provider
  /** Which operations this adapter can do; the others throw `UnsupportedOperationError`. */
  readonly capabilities: Capabilities
  /** The task with this id, as the provider has it now. */
  getTask(id: string, options?: CallOptions): Promise<Task<Metadata, Provider>>
  /** Pages are fetched lazily, as the loop asks for more; breaking out of the loop stops paging. */
  listTasks(query?: Query, options?: CallOptions): AsyncIterable<Task<Metadata, Provider>>
  /**
   * Starts new work (an agent run, a workflow) and returns its task as the
   * provider reports it first. Never retried unasked. With an
   * `idempotencyKey` (where `capabilities.idempotentStart`), a start repeated
   * with the same key gives the same run; without one, a start that timed
   * out is `retryable: false`, since it may have started the work.
   */
  startTask(input: StartInput, options?: StartOptions): Promise<Task<Metadata, Provider>>
  /**
   * The task's changes as the provider pushes them, for as long as the
   * provider keeps the stream open (it may close before the task ends). Most
   * callers want `watchTask`, which resubscribes and falls back to polling.
   */
  streamTask(id: string, options?: CallOptions): AsyncIterable<Task<Metadata, Provider>>
  /** Pauses the task and returns it as it is afterwards. */
  pauseTask(id: string, options?: CallOptions): Promise<Task<Metadata, Provider>>
  /** Resumes a paused task and returns it as it is afterwards. */
  resumeTask(id: string, options?: CallOptions): Promise<Task<Metadata, Provider>>
  /**
   * Stops the task for good and returns it as it is afterwards. A task that
   * has already ended is returned as it is, unchanged and without an error;
   * an unknown id is a `TaskNotFoundError`.
   */
  cancelTask(id: string, options?: CallOptions): Promise<Task<Metadata, Provider>>
}

/** Any adapter, whatever its type parameters: what generic code (a client, a watcher) accepts. */
// biome-ignore lint/suspicious/noExplicitAny: the widest adapter type; each parameter is read back with infer.
export type AnyTaskAdapter = TaskAdapter<string, any, any, any>

/** A function that creates an adapter from its options, like `createWexaAdapter`. */
export type TaskAdapterFactory<Options, Adapter extends AnyTaskAdapter = TaskAdapter> = (options?: Options) => Adapter

/** A task operation as an adapter author writes it: the id is already validated. */
export type TaskOperation<Metadata extends object = TaskMetadata> = (
  id: string,
  options: CallOptions,
) => Promise<Task<Metadata>>

/** What {@link defineAdapter} needs: the adapter's name and the operations its provider has. */
export interface AdapterDefinition<
  Provider extends string = string,
  Query extends ListQuery = ListQuery,
  StartInput = unknown,
  Metadata extends object = TaskMetadata,
> {
  /** The adapter's name; every task it returns carries it in `provider`, whatever the parser wrote there. */
  provider: Provider
  getTask: TaskOperation<Metadata>
  /** Receives a validated query; `limit` is applied by `defineAdapter`, so the generator may ignore it. */
  listTasks?: (query: Query, options: CallOptions) => AsyncIterable<Task<Metadata>>
  /**
   * Starts work from the provider's own input; checking that input is the
   * operation's job. `options.idempotencyKey` is set only when
   * `idempotentStart` is true, and must then be sent to the provider.
   */
  startTask?: (input: StartInput, options: StartCallOptions) => Promise<Task<Metadata>>
  /** Whether `startTask` sends `options.idempotencyKey` to a provider that honours it. Default false: a key is refused. */
  idempotentStart?: boolean
  /**
   * Receives a validated id; yields each task state the provider pushes, and
   * ends when the provider closes the stream. A task with another id is
   * dropped by `defineAdapter` (and counted in debug output).
   */
  streamTask?: (id: string, options: CallOptions) => AsyncIterable<Task<Metadata>>
  pauseTask?: TaskOperation<Metadata>
  resumeTask?: TaskOperation<Metadata>
  /**
   * Stops a task. When the provider refuses to stop a task that has already
   * ended (a 4xx `ProviderApiError`), `defineAdapter` reads the task and
   * returns it as it is, so every adapter cancels the same way.
   */
  cancelTask?: TaskOperation<Metadata>
  /**
   * Why an operation is missing, added to its `UnsupportedOperationError`
   * message; `idempotentStart`: why `startTask` cannot honour an `idempotencyKey`.
   */
  unsupportedReasons?: Partial<Record<Operation | 'idempotentStart', string>>
  /**
   * The provider's own rule for ids, checked after the common ones and before
   * any request: return why `id` is not valid, or `undefined` when it is.
   */
  validateId?: (id: string) => string | undefined
}

const MAX_ID_LENGTH = 1024
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/
/** A UTF-16 surrogate without its other half: no URL (and no UTF-8) can carry one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function invalid(provider: string, argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError({ provider, argument, message })
}

/** Rejects ids that cannot name a task, before any request is sent. */
function checkId(provider: string, operation: Operation, id: unknown): string {
  if (typeof id !== 'string')
    throw invalid(provider, 'id', `${operation}: the task id must be a string, got ${typeof id}`)
  if (id.trim() === '') throw invalid(provider, 'id', `${operation}: the task id is empty`)
  if (id.length > MAX_ID_LENGTH)
    throw invalid(provider, 'id', `${operation}: the task id is longer than ${MAX_ID_LENGTH} characters`)
  if (CONTROL_CHARACTER.test(id))
    throw invalid(provider, 'id', `${operation}: the task id contains a control character`)
  if (LONE_SURROGATE.test(id))
    throw invalid(provider, 'id', `${operation}: the task id holds a lone UTF-16 surrogate, which no URL can carry`)
  if (id === '.' || id === '..') throw invalid(provider, 'id', `${operation}: "${id}" is not a task id`)
  return id
}

function checkCallOptions<Options extends CallOptions>(provider: string, options: Options | undefined): Options {
  const checked = options ?? ({} as Options)
  const { timeoutMs } = checked
  // setTimeout cannot wait longer than 2³¹−1 ms.
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) {
    throw invalid(provider, 'timeoutMs', `timeoutMs must be from 1 to ${2 ** 31 - 1} milliseconds, got ${timeoutMs}`)
  }
  checked.signal?.throwIfAborted()
  return checked
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0
}

function checkQuery(provider: string, query: ListQuery | undefined): ListQuery {
  const checked = query ?? {}
  const statuses =
    checked.status === undefined ? [] : typeof checked.status === 'string' ? [checked.status] : checked.status
  for (const status of statuses) {
    if (!isTaskStatus(status)) throw invalid(provider, 'status', `listTasks: "${String(status)}" is not a task status`)
  }
  for (const key of ['pageSize', 'limit'] as const) {
    const value = checked[key]
    if (value !== undefined && !isPositiveInteger(value)) {
      throw invalid(provider, key, `listTasks: ${key} must be a positive integer, got ${value}`)
    }
  }
  for (const key of ['createdAfter', 'createdBefore'] as const) {
    const value = checked[key]
    if (value !== undefined && !(value instanceof Date && !Number.isNaN(value.getTime()))) {
      throw invalid(provider, key, `listTasks: ${key} must be a valid Date`)
    }
  }
  return checked
}

/** Whether `error` is the abort of `signal`, which must reach the caller unwrapped. */
function isAbortOf(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted && error === signal.reason) return true
  return error instanceof Error && error.name === 'AbortError'
}

/** Keeps taskbridge errors and aborts as they are; wraps anything else so callers see one error family. */
function normaliseError(error: unknown, provider: string, operation: Operation, signal?: AbortSignal): unknown {
  if (TaskbridgeError.is(error) || isAbortOf(error, signal)) return error
  const detail = error instanceof Error ? error.message : String(error)
  return new TaskbridgeError({ provider, message: `${operation} failed unexpectedly: ${detail}`, cause: error })
}

/** The operations that take a task id. */
type TaskOperationName = Exclude<Operation, 'listTasks' | 'startTask' | 'streamTask'>

function unsupported(provider: string, operation: Operation, reason: string | undefined): UnsupportedOperationError {
  const message = `${operation} is not supported by the ${provider} adapter${reason ? `: ${reason}` : ''}`
  return new UnsupportedOperationError({ provider, operation, message })
}

/**
 * Builds a complete {@link TaskAdapter} from the operations a provider has.
 *
 * It does the work every adapter needs, so adapters do not repeat it:
 * - `capabilities` is derived from the operations given;
 * - a missing operation throws {@link UnsupportedOperationError} before any request;
 * - ids, call options and list queries are validated before any request
 *   ({@link InvalidArgumentError});
 * - an abort rejects at once with the signal's reason, even if the
 *   operation ignores its signal;
 * - `listTasks` honours `query.limit` and stops the provider's pages when the
 *   consumer stops;
 * - every task returned carries the adapter's `provider` name;
 * - `streamTask` yields only the task asked for: an event about another task
 *   is dropped and counted in debug output (`onTaskbridgeDebug`);
 * - `startTask` sends an `idempotencyKey` only where `idempotentStart` says
 *   the provider honours it, refuses one elsewhere (unless the caller passes
 *   `startWithoutIdempotency`), and makes a start that timed out without a
 *   key `retryable: false` (it may have started the work);
 * - `cancelTask` on a task that has already ended returns it unchanged, even
 *   when the provider refuses (see {@link AdapterDefinition.cancelTask});
 * - any error that is not a taskbridge error (or an abort) is wrapped in a
 *   {@link TaskbridgeError} naming the provider.
 *
 * @example
 * ```ts
 * const adapter = defineAdapter({
 *   provider: 'acme',
 *   getTask: async (id, { signal }) => parseAcmeTask(await http.get(path`/jobs/${id}`, { signal })),
 * })
 * adapter.capabilities // { get: true, list: false, start: false, idempotentStart: false, stream: false, pause: false, resume: false, cancel: false }
 * ```
 */
export function defineAdapter<
  const Provider extends string,
  Query extends ListQuery = ListQuery,
  StartInput = unknown,
  Metadata extends object = TaskMetadata,
>(
  definition: AdapterDefinition<Provider, Query, StartInput, Metadata>,
): TaskAdapter<Provider, Query, StartInput, Metadata> {
  const { provider, unsupportedReasons = {} } = definition
  if (typeof provider !== 'string' || provider.trim() === '') {
    throw new InvalidArgumentError({
      argument: 'provider',
      message: 'defineAdapter: provider must be a non-empty name',
    })
  }
  if (typeof definition.getTask !== 'function') {
    throw invalid(provider, 'getTask', 'defineAdapter: getTask is required')
  }
  type AdapterTask = Task<Metadata, Provider>

  // The adapter's name, not the parser's: an adapter given another `name` must
  // hand out tasks that lead back to it.
  const named = (task: Task<Metadata>): AdapterTask =>
    (task.provider === provider ? task : { ...task, provider }) as AdapterTask

  const guarded = async <T>(operation: Operation, signal: AbortSignal | undefined, run: () => Promise<T>) => {
    try {
      // Raced with the signal, so an abort rejects at once even if the implementation ignores it.
      return await abortable(run(), signal)
    } catch (error) {
      throw normaliseError(error, provider, operation, signal)
    }
  }

  /** The id, checked by the common rules and then the provider's own. */
  const validId = (operation: Operation, id: unknown): string => {
    const checkedId = checkId(provider, operation, id)
    const problem = definition.validateId?.(checkedId)
    if (problem !== undefined) throw invalid(provider, 'id', `${operation}: ${problem}`)
    return checkedId
  }

  const taskOperation = (operation: TaskOperationName, implementation: TaskOperation<Metadata> | undefined) => {
    return async (id: string, options?: CallOptions): Promise<AdapterTask> => {
      if (!implementation) throw unsupported(provider, operation, unsupportedReasons[operation])
      const checkedId = validId(operation, id)
      const checkedOptions = checkCallOptions(provider, options)
      return named(await guarded(operation, checkedOptions.signal, () => implementation(checkedId, checkedOptions)))
    }
  }

  const cancelImplementation = definition.cancelTask
  const cancelTask: TaskOperation<Metadata> | undefined =
    cancelImplementation &&
    (async (id, options) => {
      try {
        return await cancelImplementation(id, options)
      } catch (error) {
        // Providers refuse to stop what has ended (Orkes 409, Wexa 400): that
        // task is returned as it is. Any other refusal stands.
        if (!(ProviderApiError.is(error) && error.status !== undefined && error.status < 500)) throw error
        const task = await definition.getTask(id, options)
        if (isTerminal(task.status)) return task
        throw error
      }
    })

  const startImplementation = definition.startTask
  const idempotentStart = startImplementation !== undefined && definition.idempotentStart === true
  const startTask = async (input: StartInput, options?: StartOptions): Promise<AdapterTask> => {
    if (!startImplementation) throw unsupported(provider, 'startTask', unsupportedReasons.startTask)
    const checkedOptions = checkCallOptions(provider, options)
    const call = startCallOptions(provider, checkedOptions, idempotentStart, unsupportedReasons.idempotentStart)
    try {
      return named(await guarded('startTask', call.signal, () => startImplementation(input, call)))
    } catch (error) {
      throw startErrorOf(error, call.idempotencyKey !== undefined)
    }
  }

  const streamImplementation = definition.streamTask
  async function* streamTask(id: string, options?: CallOptions): AsyncGenerator<AdapterTask> {
    if (!streamImplementation) throw unsupported(provider, 'streamTask', unsupportedReasons.streamTask)
    const checkedId = validId('streamTask', id)
    const checkedOptions = checkCallOptions(provider, options)
    const dropForeign = countForeignTasks(provider, 'streamTask', checkedId)
    try {
      for await (const task of streamImplementation(checkedId, checkedOptions)) {
        // A provider may send events of other tasks on one task's stream: they are not this task's news.
        if (task.id === checkedId) yield named(task)
        else dropForeign(task.id)
      }
    } catch (error) {
      throw normaliseError(error, provider, 'streamTask', checkedOptions.signal)
    }
  }

  const listImplementation = definition.listTasks
  async function* listTasks(query?: Query, options?: CallOptions): AsyncGenerator<AdapterTask> {
    if (!listImplementation) throw unsupported(provider, 'listTasks', unsupportedReasons.listTasks)
    const checkedQuery = checkQuery(provider, query) as Query
    const checkedOptions = checkCallOptions(provider, options)
    const limit = checkedQuery.limit ?? Number.POSITIVE_INFINITY
    let yielded = 0
    try {
      // for-await calls the source's return() when we stop early, which ends its paging.
      for await (const task of listImplementation(checkedQuery, checkedOptions)) {
        yield named(task)
        yielded += 1
        if (yielded >= limit) return
      }
    } catch (error) {
      throw normaliseError(error, provider, 'listTasks', checkedOptions.signal)
    }
  }

  const capabilities: Capabilities = Object.freeze({
    get: true,
    list: listImplementation !== undefined,
    start: startImplementation !== undefined,
    idempotentStart,
    stream: streamImplementation !== undefined,
    pause: definition.pauseTask !== undefined,
    resume: definition.resumeTask !== undefined,
    cancel: cancelImplementation !== undefined,
  })

  return Object.freeze({
    provider,
    capabilities,
    getTask: taskOperation('getTask', definition.getTask),
    listTasks,
    startTask,
    streamTask,
    pauseTask: taskOperation('pauseTask', definition.pauseTask),
    resumeTask: taskOperation('resumeTask', definition.resumeTask),
    cancelTask: taskOperation('cancelTask', cancelTask),
  })
}
