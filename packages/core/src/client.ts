import type { AnyTaskAdapter, CallOptions, ListQuery } from './adapter.js'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import type { StartOptions } from './start.js'
import { type WaitForTaskOptions, waitForTask } from './wait.js'

/** The names of the adapters in `Adapters`: a union of literals when each adapter's name is one. */
export type AdapterName<Adapters extends readonly AnyTaskAdapter[]> = Adapters[number]['provider']

/** The adapter in `Adapters` named `Name` (every adapter whose name is not a literal may be it). */
export type AdapterNamed<Adapters extends readonly AnyTaskAdapter[], Name extends string> = NamedFrom<
  Adapters[number],
  Name
>

type NamedFrom<Adapter, Name extends string> = Adapter extends AnyTaskAdapter
  ? Name extends Adapter['provider']
    ? Adapter
    : never
  : never

/** What an adapter's `getTask` resolves to. */
export type TaskOf<Adapter extends AnyTaskAdapter> = Awaited<ReturnType<Adapter['getTask']>>

/** What an adapter's `listTasks` takes. */
export type ListQueryOf<Adapter extends AnyTaskAdapter> = NonNullable<Parameters<Adapter['listTasks']>[0]>

/** What an adapter's `startTask` takes. */
export type StartInputOf<Adapter extends AnyTaskAdapter> = Parameters<Adapter['startTask']>[0]

/** What an adapter's `answerTask` takes as its answer. */
export type AnswerOf<Adapter extends AnyTaskAdapter> = Parameters<Adapter['answerTask']>[1]

/** Options of {@link createTaskClient}. */
export interface TaskClientOptions<Adapters extends readonly AnyTaskAdapter[] = readonly AnyTaskAdapter[]> {
  /** The adapters to route to, each under its `provider` name (set it with the factories' `name` option). */
  adapters: Adapters
}

/**
 * One entry point for tasks across providers, routed by adapter name. Each
 * method is typed by the adapter it routes to: its list query, its start
 * input and its tasks' metadata.
 */
export interface TaskClient<Adapters extends readonly AnyTaskAdapter[] = readonly AnyTaskAdapter[]> {
  /** The adapter names this client routes to, in the order given. */
  readonly providers: readonly AdapterName<Adapters>[]
  /** The adapter named `provider`, with its own type; throws {@link InvalidArgumentError} for a name it does not have. */
  adapter<Name extends AdapterName<Adapters>>(provider: Name): AdapterNamed<Adapters, Name>
  /** {@link TaskAdapter.getTask} of the named adapter. */
  getTask<Name extends AdapterName<Adapters>>(
    provider: Name,
    id: string,
    options?: CallOptions,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link TaskAdapter.listTasks} of the named adapter. */
  listTasks<Name extends AdapterName<Adapters>>(
    provider: Name,
    query?: ListQueryOf<AdapterNamed<Adapters, Name>>,
    options?: CallOptions,
  ): AsyncIterable<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link TaskAdapter.startTask} of the named adapter. */
  startTask<Name extends AdapterName<Adapters>>(
    provider: Name,
    input: StartInputOf<AdapterNamed<Adapters, Name>>,
    options?: StartOptions,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link TaskAdapter.pauseTask} of the named adapter. */
  pauseTask<Name extends AdapterName<Adapters>>(
    provider: Name,
    id: string,
    options?: CallOptions,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link TaskAdapter.resumeTask} of the named adapter. */
  resumeTask<Name extends AdapterName<Adapters>>(
    provider: Name,
    id: string,
    options?: CallOptions,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link TaskAdapter.answerTask} of the named adapter, with the answer that adapter takes. */
  answerTask<Name extends AdapterName<Adapters>>(
    provider: Name,
    id: string,
    answer: AnswerOf<AdapterNamed<Adapters, Name>>,
    options?: CallOptions,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link TaskAdapter.cancelTask} of the named adapter. */
  cancelTask<Name extends AdapterName<Adapters>>(
    provider: Name,
    id: string,
    options?: CallOptions,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link waitForTask} on the named adapter. */
  waitForTask<Name extends AdapterName<Adapters>>(
    provider: Name,
    id: string,
    options?: WaitForTaskOptions<TaskOf<AdapterNamed<Adapters, Name>>>,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
}

/**
 * Creates a client that routes each call to the adapter of that name. Names
 * must be unique: two adapters of one provider (Orkes tasks and Orkes
 * workflows, say) each get their own with the factories' `name` option.
 *
 * @example
 * ```ts
 * const client = createTaskClient({
 *   adapters: [createOrkesTaskAdapter(), createOrkesWorkflowAdapter({ name: 'orkes-workflows' })],
 * })
 * const workflow = await client.getTask('orkes-workflows', workflowId)
 * await client.pauseTask(workflow.provider, workflow.id) // back to the workflow adapter
 * ```
 */
export function createTaskClient<const Adapters extends readonly AnyTaskAdapter[]>(
  options: TaskClientOptions<Adapters>,
): TaskClient<Adapters> {
  const byName = new Map<string, AnyTaskAdapter>()
  for (const adapter of options.adapters ?? []) {
    if (byName.has(adapter.provider)) {
      throw new InvalidArgumentError({
        argument: 'adapters',
        message: `createTaskClient: two adapters are named "${adapter.provider}"; give one another name with its factory's name option`,
      })
    }
    byName.set(adapter.provider, adapter)
  }
  const providers = Object.freeze([...byName.keys()]) as readonly AdapterName<Adapters>[]

  const adapter = (provider: string): AnyTaskAdapter => {
    const found = byName.get(provider)
    if (found) return found
    const known = providers.length > 0 ? providers.map((name) => `"${name}"`).join(', ') : 'none'
    throw new InvalidArgumentError({
      argument: 'provider',
      message: `No adapter named "${provider}" (configured: ${known})`,
    })
  }

  // async (and a generator for listTasks), so an unknown name rejects like
  // every other bad input instead of throwing synchronously.
  const client = {
    providers,
    adapter,
    getTask: async (provider: string, id: string, callOptions?: CallOptions) =>
      adapter(provider).getTask(id, callOptions),
    listTasks: async function* (provider: string, query?: ListQuery, callOptions?: CallOptions) {
      yield* adapter(provider).listTasks(query, callOptions)
    },
    startTask: async (provider: string, input: unknown, callOptions?: StartOptions) =>
      adapter(provider).startTask(input, callOptions),
    pauseTask: async (provider: string, id: string, callOptions?: CallOptions) =>
      adapter(provider).pauseTask(id, callOptions),
    resumeTask: async (provider: string, id: string, callOptions?: CallOptions) =>
      adapter(provider).resumeTask(id, callOptions),
    answerTask: async (provider: string, id: string, answer: unknown, callOptions?: CallOptions) =>
      adapter(provider).answerTask(id, answer, callOptions),
    cancelTask: async (provider: string, id: string, callOptions?: CallOptions) =>
      adapter(provider).cancelTask(id, callOptions),
    waitForTask: async (provider: string, id: string, waitOptions?: WaitForTaskOptions) =>
      waitForTask(adapter(provider), id, waitOptions),
  }
  return Object.freeze(client) as unknown as TaskClient<Adapters>
}
