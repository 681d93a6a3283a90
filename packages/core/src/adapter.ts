import { abortable } from './abort.js'
import {
  checkAnswer,
  checkCallOptions,
  checkId,
  checkQuery,
  invalid,
  normaliseError,
  unsupported,
} from './adapter-checks.js'
import type {
  AdapterDefinition,
  CallOptions,
  Capabilities,
  ListQuery,
  Operation,
  OperationTask,
  TaskAdapter,
  TaskMetadata,
  TaskOperation,
} from './contract.js'
import { countForeignTasks } from './debug.js'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import { ProviderApiError } from './errors/provider-api-error.js'
import { TaskNotWaitingError } from './errors/task-not-waiting-error.js'
import type { TaskAnswer } from './request.js'
import { type StartOptions, startCallOptions, startErrorOf } from './start.js'
import { isTerminal } from './status.js'
import type { Task } from './task.js'

export type {
  AdapterDefinition,
  AnyTaskAdapter,
  CallOptions,
  Capabilities,
  ListQuery,
  Operation,
  OperationTask,
  TaskAdapter,
  TaskAdapterFactory,
  TaskMetadata,
  TaskOperation,
} from './contract.js'

/** The operations that take a task id. */
type TaskOperationName = Exclude<Operation, 'listTasks' | 'startTask' | 'streamTask'>

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
 * - every task returned carries the adapter's name in `adapter` (and, until
 *   2.0, in the deprecated `provider`);
 * - `streamTask` yields only the task asked for: an event about another task
 *   is dropped and counted in debug output (`onTaskbridgeDebug`);
 * - `startTask` sends an `idempotencyKey` only where `idempotentStart` says
 *   the provider honours it, refuses one elsewhere (unless the caller passes
 *   `startWithoutIdempotency`), and makes a start that timed out without a
 *   key `retryable: false` (it may have started the work);
 * - `cancelTask` on a task that has already ended returns it unchanged, even
 *   when the provider refuses (see {@link AdapterDefinition.cancelTask});
 * - `answerTask` on a task that no longer waits throws
 *   {@link TaskNotWaitingError} (see {@link AdapterDefinition.answerTask});
 * - any error that is not a taskbridge error (or an abort) is wrapped in a
 *   {@link TaskbridgeError} naming the provider.
 *
 * @example
 * ```ts
 * const adapter = defineAdapter({
 *   name: 'acme',
 *   getTask: async (id, { signal }) => parseAcmeTask(await http.get(path`/jobs/${id}`, { signal })),
 * })
 * adapter.capabilities // { get: true, list: false, start: false, idempotentStart: false, stream: false, pause: false, resume: false, answer: false, cancel: false }
 * ```
 */
export function defineAdapter<
  const Provider extends string,
  Query extends ListQuery = ListQuery,
  StartInput = unknown,
  Metadata extends object = TaskMetadata,
  Answer = TaskAnswer,
>(
  definition: AdapterDefinition<Provider, Query, StartInput, Metadata, Answer>,
): TaskAdapter<Provider, Query, StartInput, Metadata, Answer> {
  const { unsupportedReasons = {} } = definition
  const provider = (definition.name ?? definition.provider) as Provider
  if (typeof provider !== 'string' || provider.trim() === '') {
    const argument = definition.name === undefined && definition.provider !== undefined ? 'provider' : 'name'
    throw new InvalidArgumentError({ argument, message: `defineAdapter: ${argument} must be a non-empty name` })
  }
  if (typeof definition.getTask !== 'function') {
    throw invalid(provider, 'getTask', 'defineAdapter: getTask is required')
  }
  type AdapterTask = Task<Metadata, Provider>

  // The adapter's name, not the parser's: an adapter given another `name` must
  // hand out tasks that lead back to it.
  const named = (task: OperationTask<Metadata>): AdapterTask =>
    (task.adapter === provider && task.provider === provider
      ? task
      : { ...task, adapter: provider, provider }) as AdapterTask

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

  const answerImplementation = definition.answerTask
  const answerTask = async (id: string, answer: Answer, options?: CallOptions): Promise<AdapterTask> => {
    if (!answerImplementation) throw unsupported(provider, 'answerTask', unsupportedReasons.answerTask)
    const checkedId = validId('answerTask', id)
    checkAnswer(provider, answer)
    const problem = definition.validateAnswer?.(answer)
    if (problem !== undefined) throw invalid(provider, 'answer', `answerTask: ${problem}`)
    const checkedOptions = checkCallOptions(provider, options)
    const deliver = async () => {
      try {
        return await answerImplementation(checkedId, answer, checkedOptions)
      } catch (error) {
        // A provider refuses an answer to a task that moved on (A2A, Conductor
        // and Wexa answer 4xx): say so, typed, when the task no longer waits.
        if (!(ProviderApiError.is(error) && error.status !== undefined && error.status < 500)) throw error
        const task = await definition.getTask(checkedId, checkedOptions)
        if (task.status === 'waiting_for_input') throw error
        throw TaskNotWaitingError.forTask(named(task), error)
      }
    }
    return named(await guarded('answerTask', checkedOptions.signal, deliver))
  }

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
    answer: definition.answerTask !== undefined,
    cancel: cancelImplementation !== undefined,
  })

  return Object.freeze({
    name: provider,
    provider,
    capabilities,
    getTask: taskOperation('getTask', definition.getTask),
    listTasks,
    startTask,
    streamTask,
    pauseTask: taskOperation('pauseTask', definition.pauseTask),
    resumeTask: taskOperation('resumeTask', definition.resumeTask),
    answerTask,
    cancelTask: taskOperation('cancelTask', cancelTask),
  })
}
