import type { TaskAnswer } from './request.js'
import type { StartCallOptions, StartOptions } from './start.js'
import type { TaskStatus } from './status.js'
import type { Task } from './task.js'

/** The operations of a {@link TaskAdapter}. */
export type Operation =
  | 'getTask'
  | 'listTasks'
  | 'startTask'
  | 'streamTask'
  | 'pauseTask'
  | 'resumeTask'
  | 'answerTask'
  | 'cancelTask'

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
  /** `answerTask` works: a task waiting for a person can be answered through the provider. */
  readonly answer: boolean
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
  Answer = TaskAnswer,
> {
  /** The adapter's name, which every {@link Task.adapter} it returns carries, and the name a client routes by. */
  readonly name: Provider
  /**
   * The adapter's name, the same value as {@link TaskAdapter.name}.
   *
   * @deprecated Read `name`: "provider" named the adapter, not the platform. Kept, with the same value, until 2.0.
   */
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
   * Answers a task that waits for a person (`waiting_for_input`; see
   * {@link Task.request} for what it asks) and returns it as it is
   * afterwards. A task that no longer waits is a `TaskNotWaitingError`, and
   * the answer is not delivered; an unknown id is a `TaskNotFoundError`.
   * Never retried unasked.
   */
  answerTask(id: string, answer: Answer, options?: CallOptions): Promise<Task<Metadata, Provider>>
  /**
   * Stops the task for good and returns it as it is afterwards. A task that
   * has already ended is returned as it is, unchanged and without an error;
   * an unknown id is a `TaskNotFoundError`.
   */
  cancelTask(id: string, options?: CallOptions): Promise<Task<Metadata, Provider>>
}

/** Any adapter, whatever its type parameters: what generic code (a client, a watcher) accepts. */
// biome-ignore lint/suspicious/noExplicitAny: the widest adapter type; each parameter is read back with infer.
export type AnyTaskAdapter = TaskAdapter<string, any, any, any, any>

/** A function that creates an adapter from its options, like `createWexaAdapter`. */
export type TaskAdapterFactory<Options, Adapter extends AnyTaskAdapter = TaskAdapter> = (options?: Options) => Adapter

/**
 * A task as an operation gives it to {@link defineAdapter}, which writes the
 * adapter's name into `adapter` (and `provider`): an operation need not name
 * it, and one written before 1.0 may still set `provider` only.
 */
export type OperationTask<Metadata extends object> = Omit<Task<Metadata>, 'adapter' | 'provider'> & {
  adapter?: string
  provider?: string
}

/** A task operation as an adapter author writes it: the id is already validated. */
export type TaskOperation<Metadata extends object = TaskMetadata> = (
  id: string,
  options: CallOptions,
) => Promise<OperationTask<Metadata>>

/** What {@link defineAdapter} needs: the adapter's name and the operations its provider has. */
export interface AdapterDefinition<
  Provider extends string = string,
  Query extends ListQuery = ListQuery,
  StartInput = unknown,
  Metadata extends object = TaskMetadata,
  Answer = TaskAnswer,
> {
  /** The adapter's name; every task it returns carries it in `adapter`, whatever the parser wrote there. Give `name` or `provider`. */
  name?: Provider
  /**
   * The adapter's name, as before 1.0.
   *
   * @deprecated Give `name`: "provider" named the adapter, not the platform. Accepted until 2.0.
   */
  provider?: Provider
  getTask: TaskOperation<Metadata>
  /** Receives a validated query; `limit` is applied by `defineAdapter`, so the generator may ignore it. */
  listTasks?: (query: Query, options: CallOptions) => AsyncIterable<OperationTask<Metadata>>
  /**
   * Starts work from the provider's own input; checking that input is the
   * operation's job. `options.idempotencyKey` is set only when
   * `idempotentStart` is true, and must then be sent to the provider.
   */
  startTask?: (input: StartInput, options: StartCallOptions) => Promise<OperationTask<Metadata>>
  /** Whether `startTask` sends `options.idempotencyKey` to a provider that honours it. Default false: a key is refused. */
  idempotentStart?: boolean
  /**
   * Receives a validated id; yields each task state the provider pushes, and
   * ends when the provider closes the stream. A task with another id is
   * dropped by `defineAdapter` (and counted in debug output).
   */
  streamTask?: (id: string, options: CallOptions) => AsyncIterable<OperationTask<Metadata>>
  pauseTask?: TaskOperation<Metadata>
  resumeTask?: TaskOperation<Metadata>
  /**
   * Delivers a person's answer to a waiting task. Receives a validated id and
   * an answer that is an object (and passed `validateAnswer`). When the
   * provider refuses it with a 4xx `ProviderApiError`, `defineAdapter` reads
   * the task and, if it no longer waits, throws `TaskNotWaitingError`; an
   * operation that finds the task not waiting itself throws that error too.
   */
  answerTask?: (id: string, answer: Answer, options: CallOptions) => Promise<OperationTask<Metadata>>
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
  /**
   * The provider's rule for answers, checked before any request: return why
   * `answer` is not valid, or `undefined` when it is. Adapters that take a
   * {@link TaskAnswer} pass `validateTaskAnswer`.
   */
  validateAnswer?: (answer: Answer) => string | undefined
}
