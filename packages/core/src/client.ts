import type { CallOptions, ListQuery, TaskAdapter } from './adapter.js'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import type { Task } from './task.js'
import { type WaitForTaskOptions, waitForTask } from './wait.js'

/** Options of {@link createTaskClient}. */
export interface TaskClientOptions {
  /** The adapters to route to, each under its `provider` name. */
  adapters: readonly TaskAdapter[]
}

/** One entry point for tasks across providers, routed by provider name. */
export interface TaskClient {
  /** The provider names this client routes to, in the order given. */
  readonly providers: readonly string[]
  /** The adapter for `provider`; throws {@link InvalidArgumentError} for a provider it does not have. */
  adapter(provider: string): TaskAdapter
  /** {@link TaskAdapter.getTask} of the provider's adapter. */
  getTask(provider: string, id: string, options?: CallOptions): Promise<Task>
  /** {@link TaskAdapter.listTasks} of the provider's adapter. */
  listTasks(provider: string, query?: ListQuery, options?: CallOptions): AsyncIterable<Task>
  /** {@link TaskAdapter.pauseTask} of the provider's adapter. */
  pauseTask(provider: string, id: string, options?: CallOptions): Promise<Task>
  /** {@link TaskAdapter.resumeTask} of the provider's adapter. */
  resumeTask(provider: string, id: string, options?: CallOptions): Promise<Task>
  /** {@link TaskAdapter.cancelTask} of the provider's adapter. */
  cancelTask(provider: string, id: string, options?: CallOptions): Promise<Task>
  /** {@link waitForTask} on the provider's adapter. */
  waitForTask(provider: string, id: string, options?: WaitForTaskOptions): Promise<Task>
}

/**
 * Creates a client that routes each call to the adapter of the named provider.
 *
 * @example
 * ```ts
 * const client = createTaskClient({ adapters: [createWexaAdapter(), createOrkesAdapter()] })
 * const task = await client.getTask('orkes', taskId)
 * ```
 */
export function createTaskClient(options: TaskClientOptions): TaskClient {
  const byProvider = new Map<string, TaskAdapter>()
  for (const adapter of options.adapters ?? []) {
    if (byProvider.has(adapter.provider)) {
      throw new InvalidArgumentError({
        argument: 'adapters',
        message: `createTaskClient: two adapters are named "${adapter.provider}"; each provider name must be unique`,
      })
    }
    byProvider.set(adapter.provider, adapter)
  }
  const providers = Object.freeze([...byProvider.keys()])

  const adapter = (provider: string): TaskAdapter => {
    const found = byProvider.get(provider)
    if (found) return found
    const known = providers.length > 0 ? providers.map((name) => `"${name}"`).join(', ') : 'none'
    throw new InvalidArgumentError({
      argument: 'provider',
      message: `No adapter for provider "${provider}" (configured: ${known})`,
    })
  }

  return Object.freeze({
    providers,
    adapter,
    // async (and a generator for listTasks), so an unknown provider rejects
    // like every other bad input instead of throwing synchronously.
    getTask: async (provider, id, callOptions) => adapter(provider).getTask(id, callOptions),
    listTasks: async function* (provider, query, callOptions) {
      yield* adapter(provider).listTasks(query, callOptions)
    },
    pauseTask: async (provider, id, callOptions) => adapter(provider).pauseTask(id, callOptions),
    resumeTask: async (provider, id, callOptions) => adapter(provider).resumeTask(id, callOptions),
    cancelTask: async (provider, id, callOptions) => adapter(provider).cancelTask(id, callOptions),
    waitForTask: async (provider, id, waitOptions) => waitForTask(adapter(provider), id, waitOptions),
  } satisfies TaskClient)
}
