import type { AnyTaskAdapter, CallOptions, ListQuery } from './adapter.js'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import type { StartOptions } from './start.js'
import { type WaitForTaskOptions, waitForTask } from './wait.js'

/** The names of the adapters in `Adapters`: a union of literals when each adapter's name is one. */
export type AdapterName<Adapters extends readonly AnyTaskAdapter[]> = Adapters[number]['name']

/** The adapter in `Adapters` named `Name` (every adapter whose name is not a literal may be it). */
export type AdapterNamed<Adapters extends readonly AnyTaskAdapter[], Name extends string> = NamedFrom<
  Adapters[number],
  Name
>

type NamedFrom<Adapter, Name extends string> = Adapter extends AnyTaskAdapter
  ? Name extends Adapter['name']
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
  /** The adapters to route to, each under its `name` (set it with the factories' `name` option). */
  adapters: Adapters
}

/**
 * One entry point for tasks across providers, routed by adapter name. Each
 * method is typed by the adapter it routes to: its list query, its start
 * input and its tasks' metadata.
 */
export interface TaskClient<Adapters extends readonly AnyTaskAdapter[] = readonly AnyTaskAdapter[]> {
  /** The adapter names this client routes to, in the order given. */
  readonly adapterNames: readonly AdapterName<Adapters>[]
  /**
   * The adapter names this client routes to, the same list as {@link TaskClient.adapterNames}.
   *
   * @deprecated Read `adapterNames`: "provider" named the adapter, not the platform. Kept until 2.0.
   */
  readonly providers: readonly AdapterName<Adapters>[]
  /** The adapter called `name`, with its own type; throws {@link InvalidArgumentError} for a name it does not have. */
  adapter<Name extends AdapterName<Adapters>>(name: Name): AdapterNamed<Adapters, Name>
  /** {@link TaskAdapter.getTask} of the named adapter. */
  getTask<Name extends AdapterName<Adapters>>(
    name: Name,
    id: string,
    options?: CallOptions,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link TaskAdapter.listTasks} of the named adapter. */
  listTasks<Name extends AdapterName<Adapters>>(
    name: Name,
    query?: ListQueryOf<AdapterNamed<Adapters, Name>>,
    options?: CallOptions,
  ): AsyncIterable<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link TaskAdapter.startTask} of the named adapter. */
  startTask<Name extends AdapterName<Adapters>>(
    name: Name,
    input: StartInputOf<AdapterNamed<Adapters, Name>>,
    options?: StartOptions,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link TaskAdapter.pauseTask} of the named adapter. */
  pauseTask<Name extends AdapterName<Adapters>>(
    name: Name,
    id: string,
    options?: CallOptions,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link TaskAdapter.resumeTask} of the named adapter. */
  resumeTask<Name extends AdapterName<Adapters>>(
    name: Name,
    id: string,
    options?: CallOptions,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link TaskAdapter.answerTask} of the named adapter, with the answer that adapter takes. */
  answerTask<Name extends AdapterName<Adapters>>(
    name: Name,
    id: string,
    answer: AnswerOf<AdapterNamed<Adapters, Name>>,
    options?: CallOptions,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link TaskAdapter.cancelTask} of the named adapter. */
  cancelTask<Name extends AdapterName<Adapters>>(
    name: Name,
    id: string,
    options?: CallOptions,
  ): Promise<TaskOf<AdapterNamed<Adapters, Name>>>
  /** {@link waitForTask} on the named adapter. */
  waitForTask<Name extends AdapterName<Adapters>>(
    name: Name,
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
 * await client.pauseTask(workflow.adapter, workflow.id) // back to the workflow adapter
 * ```
 */
export function createTaskClient<const Adapters extends readonly AnyTaskAdapter[]>(
  options: TaskClientOptions<Adapters>,
): TaskClient<Adapters> {
  const byName = new Map<string, AnyTaskAdapter>()
  for (const adapter of options.adapters ?? []) {
    // An adapter written by hand before 1.0 has only the deprecated `provider`.
    const name: string = adapter.name ?? adapter.provider
    if (byName.has(name)) {
      throw new InvalidArgumentError({
        argument: 'adapters',
        message: `createTaskClient: two adapters are named "${name}"; give one another name with its factory's name option`,
      })
    }
    byName.set(name, adapter)
  }
  const adapterNames = Object.freeze([...byName.keys()]) as readonly AdapterName<Adapters>[]

  const adapter = (name: string): AnyTaskAdapter => {
    const found = byName.get(name)
    if (found) return found
    const known = adapterNames.length > 0 ? adapterNames.map((known) => `"${known}"`).join(', ') : 'none'
    throw new InvalidArgumentError({
      argument: 'name',
      message: `No adapter named "${name}" (configured: ${known})`,
    })
  }

  // async (and a generator for listTasks), so an unknown name rejects like
  // every other bad input instead of throwing synchronously.
  const client = {
    adapterNames,
    providers: adapterNames,
    adapter,
    getTask: async (name: string, id: string, callOptions?: CallOptions) => adapter(name).getTask(id, callOptions),
    listTasks: async function* (name: string, query?: ListQuery, callOptions?: CallOptions) {
      yield* adapter(name).listTasks(query, callOptions)
    },
    startTask: async (name: string, input: unknown, callOptions?: StartOptions) =>
      adapter(name).startTask(input, callOptions),
    pauseTask: async (name: string, id: string, callOptions?: CallOptions) => adapter(name).pauseTask(id, callOptions),
    resumeTask: async (name: string, id: string, callOptions?: CallOptions) =>
      adapter(name).resumeTask(id, callOptions),
    answerTask: async (name: string, id: string, answer: unknown, callOptions?: CallOptions) =>
      adapter(name).answerTask(id, answer, callOptions),
    cancelTask: async (name: string, id: string, callOptions?: CallOptions) =>
      adapter(name).cancelTask(id, callOptions),
    waitForTask: async (name: string, id: string, waitOptions?: WaitForTaskOptions) =>
      waitForTask(adapter(name), id, waitOptions),
  }
  return Object.freeze(client) as unknown as TaskClient<Adapters>
}
