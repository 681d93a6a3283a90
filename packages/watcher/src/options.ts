import {
  type CallOptions,
  type Capabilities,
  type FollowOptions,
  InvalidArgumentError,
  type Task,
} from '@taskbridge/core'
import { MAX_TIMER_MS } from '@taskbridge/core/internal'

/** What the watcher needs of an adapter: its name and `getTask`; `listTasks` when its tasks are polled in pages. */
export interface WatcherAdapter<T extends Task = Task> {
  readonly provider: string
  getTask(id: string, options?: CallOptions): Promise<T>
  // biome-ignore lint/suspicious/noExplicitAny: each adapter has its own query type; the watcher passes back what it was given.
  listTasks?(query?: any, options?: CallOptions): AsyncIterable<T>
  readonly capabilities?: Partial<Capabilities>
}

/** The requests the watcher may send to one provider. */
export interface RequestBudget {
  /** Requests started in any sliding window of one second, at most. An integer from 1. */
  requestsPerSecond: number
  /** Requests in flight at once, at most. An integer from 1. Default: `requestsPerSecond`, capped at 10. */
  concurrency?: number | undefined
}

/** Polls a provider's tasks through its listing, a page at a time, instead of one `getTask` each. */
export interface BatchOptions {
  /**
   * Tasks per page, at most the provider's largest page (xpander 50, Wexa
   * 100, Orkes 1000): every page must arrive whole, since each page is one
   * request of the budget.
   */
  pageSize: number
  /**
   * The adapter's own filters that its provider applies (`agentId` for
   * xpander, …), to list fewer tasks. `status`, `createdAfter`,
   * `createdBefore`, `pageSize` and `limit` are refused: some adapters apply
   * them after reading a page, which would make a page short and the next
   * page's request fall outside the budget.
   */
  query?: Record<string, unknown> | undefined
  /** How many pages one sweep of the listing reads at most. Default 100. */
  maxPages?: number | undefined
  /** The time from the start of one sweep to the start of the next, at least. Default: the watcher's `intervalMs`. */
  intervalMs?: number | undefined
}

/** One provider the watcher follows tasks of. */
export interface WatcherProvider<T extends Task = Task> {
  /** The adapter; its `provider` name is how tasks are added ({@link TaskWatcher.watch}). */
  adapter: WatcherAdapter<T>
  /** The provider's request budget, shared by every task of this provider. */
  budget: RequestBudget
  /** Poll through the listing; without it, each task is read with `getTask`. */
  batch?: BatchOptions | undefined
}

/** What the watcher reports: a task's change, or an error. */
export type TaskWatcherEvent<T extends Task = Task> =
  | {
      readonly type: 'change'
      readonly provider: string
      readonly id: string
      /** The task as read; never the same state twice, never an older one after a newer one. */
      readonly task: T
      /** The status is terminal: the task is no longer watched. */
      readonly final: boolean
    }
  | {
      readonly type: 'error'
      readonly provider: string
      /** The task the error is about; `undefined` when a page of the listing failed (its tasks are then read one by one). */
      readonly id: string | undefined
      readonly error: unknown
      /** The watcher gave up on this task: it is no longer watched. */
      readonly final: boolean
    }

/**
 * Options of {@link createTaskWatcher}. The waits (`intervalMs`,
 * `maxIntervalMs`, `backoffFactor`, `jitter`, `rateLimitPauseMs`) are the
 * {@link FollowOptions} every follower shares, with the same defaults.
 */
export interface TaskWatcherOptions<T extends Task = Task> extends FollowOptions {
  /** The providers, one entry per adapter name. */
  providers: readonly WatcherProvider<T>[]
  /**
   * Retryable errors in a row on one task (429s included) that are waited out
   * silently; the next one is reported as an error event (`final: false`),
   * once, and the task is still read, backing off up to `maxIntervalMs`,
   * until the provider answers again. Default 3.
   */
  maxConsecutiveErrors?: number | undefined
  /** Per-request options (timeout, headers) passed to each call. */
  callOptions?: Omit<CallOptions, 'signal'> | undefined
  /** Stops the watcher, like {@link TaskWatcher.stop}. */
  signal?: AbortSignal | undefined
  /**
   * Receives each event. With it, events are not buffered and the watcher
   * cannot be iterated. A throw from it is reported to it once as an error
   * event (an `InvalidArgumentError` naming `onEvent`, the throw as `cause`)
   * and following goes on.
   */
  onEvent?: ((event: TaskWatcherEvent<T>) => void) | undefined
}

const WATCHER = 'createTaskWatcher'

const invalid = (argument: string, message: string, provider?: string, label = WATCHER): InvalidArgumentError =>
  new InvalidArgumentError({ argument, message: `${label}: ${message}`, ...(provider ? { provider } : {}) })

function checkInteger(argument: string, value: unknown, minimum: number, provider?: string, label = WATCHER): void {
  if (value === undefined) return
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= minimum && value <= MAX_TIMER_MS)) {
    throw invalid(
      argument,
      `${argument} must be an integer from ${minimum} to ${MAX_TIMER_MS}, got ${String(value)}`,
      provider,
      label,
    )
  }
}

/** Filters that some adapters apply after reading a page (see {@link BatchOptions.query}). */
const REFUSED_BATCH_FILTERS = ['status', 'createdAfter', 'createdBefore', 'pageSize', 'limit'] as const

function checkProvider(entry: WatcherProvider, index: number): string {
  const at = `providers[${index}]`
  const adapter = entry?.adapter
  if (typeof adapter?.provider !== 'string' || typeof adapter.getTask !== 'function') {
    throw invalid(`${at}.adapter`, `${at}.adapter must be an adapter with a provider name and getTask`)
  }
  const { provider } = adapter
  if (typeof entry.budget !== 'object' || entry.budget === null) {
    throw invalid(`${at}.budget`, `${at}.budget is required: { requestsPerSecond, concurrency? }`, provider)
  }
  if (entry.budget.requestsPerSecond === undefined) {
    throw invalid(`${at}.budget.requestsPerSecond`, `${at}.budget.requestsPerSecond is required`, provider)
  }
  checkInteger(`${at}.budget.requestsPerSecond`, entry.budget.requestsPerSecond, 1, provider)
  checkInteger(`${at}.budget.concurrency`, entry.budget.concurrency, 1, provider)
  const { batch } = entry
  if (batch === undefined) return provider
  if (typeof adapter.listTasks !== 'function' || adapter.capabilities?.list === false) {
    throw invalid(`${at}.batch`, `${at}.batch needs an adapter that can list tasks`, provider)
  }
  checkBatchOptions(batch, `${at}.batch`, provider)
  return provider
}

/**
 * Checks a provider's {@link BatchOptions} (`at` is where they were given,
 * `label` the function given them); throws an `InvalidArgumentError` naming
 * the option. The distributed watcher checks its `batch` with it too.
 */
export function checkBatchOptions(batch: BatchOptions, at: string, provider: string, label: string = WATCHER): void {
  if (typeof batch !== 'object' || batch === null) {
    throw invalid(at, `${at} must be { pageSize, query?, maxPages?, intervalMs? }`, provider, label)
  }
  if (batch.pageSize === undefined) throw invalid(`${at}.pageSize`, `${at}.pageSize is required`, provider, label)
  checkInteger(`${at}.pageSize`, batch.pageSize, 1, provider, label)
  checkInteger(`${at}.maxPages`, batch.maxPages, 1, provider, label)
  checkInteger(`${at}.intervalMs`, batch.intervalMs, 1, provider, label)
  for (const key of REFUSED_BATCH_FILTERS) {
    if (batch.query?.[key] !== undefined) {
      throw invalid(
        `${at}.query.${key}`,
        `${at}.query.${key} is not allowed: an adapter may apply it after reading a page, so a page would no longer be one request`,
        provider,
        label,
      )
    }
  }
}

/** Checks the watcher's own options before anything is sent (core checks the follow options); throws an `InvalidArgumentError` naming the option. */
export function checkWatcherOptions(options: TaskWatcherOptions<Task>): void {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'options are required: { providers }')
  if (!Array.isArray(options.providers) || options.providers.length === 0) {
    throw invalid('providers', 'providers must be a non-empty array of { adapter, budget, batch? }')
  }
  const names = new Set<string>()
  options.providers.forEach((entry, index) => {
    const name = checkProvider(entry, index)
    if (names.has(name)) throw invalid(`providers[${index}]`, `two providers are named "${name}"`, name)
    names.add(name)
  })
  if (options.onEvent !== undefined && typeof options.onEvent !== 'function') {
    throw invalid('onEvent', 'onEvent must be a function')
  }
}
