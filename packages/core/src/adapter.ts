import { abortable } from './abort.js'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import { TaskbridgeError } from './errors/taskbridge-error.js'
import { UnsupportedOperationError } from './errors/unsupported-operation-error.js'
import { isTaskStatus, type TaskStatus } from './status.js'
import type { Task } from './task.js'

/** The operations of a {@link TaskAdapter}. */
export type Operation = 'getTask' | 'listTasks' | 'pauseTask' | 'resumeTask' | 'cancelTask'

/** What an adapter can do. Derived by {@link defineAdapter} from the operations it was given. */
export interface Capabilities {
  /** `getTask` works (always true). */
  readonly get: boolean
  /** `listTasks` works. */
  readonly list: boolean
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
  /** A time limit for the whole call from its start (credentials, every attempt, the body, retries), replacing the adapter's. */
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

/** One provider's tasks, in the provider-neutral model. Build one with {@link defineAdapter}. */
export interface TaskAdapter {
  /** The provider name, which {@link Task.provider} also carries. */
  readonly provider: string
  /** Which operations this adapter can do; the others throw `UnsupportedOperationError`. */
  readonly capabilities: Capabilities
  /** The task with this id, as the provider has it now. */
  getTask(id: string, options?: CallOptions): Promise<Task>
  /** Pages are fetched lazily, as the loop asks for more; breaking out of the loop stops paging. */
  listTasks(query?: ListQuery, options?: CallOptions): AsyncIterable<Task>
  /** Pauses the task and returns it as it is afterwards. */
  pauseTask(id: string, options?: CallOptions): Promise<Task>
  /** Resumes a paused task and returns it as it is afterwards. */
  resumeTask(id: string, options?: CallOptions): Promise<Task>
  /** Stops the task for good and returns it as it is afterwards. */
  cancelTask(id: string, options?: CallOptions): Promise<Task>
}

/** A function that creates an adapter from its options, like `createWexaAdapter`. */
export type TaskAdapterFactory<Options> = (options?: Options) => TaskAdapter

/** A task operation as an adapter author writes it: the id is already validated. */
export type TaskOperation = (id: string, options: CallOptions) => Promise<Task>

/** What {@link defineAdapter} needs: the provider's name and the operations it has. */
export interface AdapterDefinition {
  provider: string
  getTask: TaskOperation
  /** Receives a validated query; `limit` is applied by `defineAdapter`, so the generator may ignore it. */
  listTasks?: (query: ListQuery, options: CallOptions) => AsyncIterable<Task>
  pauseTask?: TaskOperation
  resumeTask?: TaskOperation
  cancelTask?: TaskOperation
  /** Why an operation is missing, added to its `UnsupportedOperationError` message. */
  unsupportedReasons?: Partial<Record<Operation, string>>
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

function checkCallOptions(provider: string, options: CallOptions | undefined): CallOptions {
  const checked = options ?? {}
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
 * - any error that is not a taskbridge error (or an abort) is wrapped in a
 *   {@link TaskbridgeError} naming the provider.
 *
 * @example
 * ```ts
 * const adapter = defineAdapter({
 *   provider: 'acme',
 *   getTask: async (id, { signal }) => parseAcmeTask(await http.get(path`/jobs/${id}`, { signal })),
 * })
 * adapter.capabilities // { get: true, list: false, pause: false, resume: false, cancel: false }
 * ```
 */
export function defineAdapter(definition: AdapterDefinition): TaskAdapter {
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

  const taskOperation = (operation: Exclude<Operation, 'listTasks'>, implementation: TaskOperation | undefined) => {
    return async (id: string, options?: CallOptions): Promise<Task> => {
      if (!implementation) throw unsupported(provider, operation, unsupportedReasons[operation])
      const checkedId = checkId(provider, operation, id)
      const problem = definition.validateId?.(checkedId)
      if (problem !== undefined) throw invalid(provider, 'id', `${operation}: ${problem}`)
      const checkedOptions = checkCallOptions(provider, options)
      try {
        // Raced with the signal, so an abort rejects at once even if the implementation ignores it.
        return await abortable(implementation(checkedId, checkedOptions), checkedOptions.signal)
      } catch (error) {
        throw normaliseError(error, provider, operation, checkedOptions.signal)
      }
    }
  }

  const listImplementation = definition.listTasks
  async function* listTasks(query?: ListQuery, options?: CallOptions): AsyncGenerator<Task> {
    if (!listImplementation) throw unsupported(provider, 'listTasks', unsupportedReasons.listTasks)
    const checkedQuery = checkQuery(provider, query)
    const checkedOptions = checkCallOptions(provider, options)
    const limit = checkedQuery.limit ?? Number.POSITIVE_INFINITY
    let yielded = 0
    try {
      // for-await calls the source's return() when we stop early, which ends its paging.
      for await (const task of listImplementation(checkedQuery, checkedOptions)) {
        yield task
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
    pause: definition.pauseTask !== undefined,
    resume: definition.resumeTask !== undefined,
    cancel: definition.cancelTask !== undefined,
  })

  return Object.freeze({
    provider,
    capabilities,
    getTask: taskOperation('getTask', definition.getTask),
    listTasks,
    pauseTask: taskOperation('pauseTask', definition.pauseTask),
    resumeTask: taskOperation('resumeTask', definition.resumeTask),
    cancelTask: taskOperation('cancelTask', definition.cancelTask),
  })
}
