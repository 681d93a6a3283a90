import {
  type CallOptions,
  type FollowOptions,
  InvalidArgumentError,
  resolveFollowOptions,
  type Task,
} from '@taskbridge/core'
import { MAX_TIMER_MS } from '@taskbridge/core/internal'
import type { BatchOptions, RequestBudget, WatcherAdapter } from '@taskbridge/watcher'
import { checkBatchOptions } from '@taskbridge/watcher/internal'
import type { RedisOptions } from 'ioredis'
import type { TaskChange } from './state.js'

/** One provider of the distributed watcher. Every process passes the same `provider` and `budget`. */
export interface DistributedProvider<T extends Task = Task> {
  /** The adapter's provider name (`xpander`, `wexa`, `orkes`, a custom adapter's): how tasks are watched. */
  provider: string
  /** The provider's request budget, shared by every worker process of this prefix. */
  budget: RequestBudget
  /**
   * Builds this process's adapter, once, when the watcher is created. With it
   * this process polls the provider's tasks; without it, it only watches,
   * unwatches and receives webhooks for them. Create the adapter with
   * `retry: false`, so every request goes through the budget and a 429
   * reaches the watcher.
   */
  createAdapter?: (() => WatcherAdapter<T>) | undefined
  /**
   * Poll through the listing, as the in-process watcher's `batch` does: one
   * worker at a time reads the listing a page at a time (each page one
   * request of the budget) until it has found every watched task; a full
   * item is taken as read, a summary that changed asks for one `getTask`, and
   * a task the listing did not show is read on its own. Every process passes
   * the same. Without it, each task is read with `getTask`.
   */
  batch?: BatchOptions | undefined
}

/** A read or a handler that failed, reported in the process where it happened. */
export interface DistributedWatchError {
  /** `undefined` when the error is the changes stream's (a lost connection), not one task's. */
  readonly provider: string | undefined
  readonly id: string | undefined
  readonly error: unknown
  /** The watcher gave up on this task: it is no longer watched. */
  readonly final: boolean
}

/**
 * Options of {@link createDistributedWatcher}. How often tasks are read and
 * how errors are waited out are core's {@link FollowOptions}, with its
 * defaults: `intervalMs` (1000), `maxIntervalMs` (6000), `backoffFactor` (2),
 * `jitter` (0.2), `maxConsecutiveErrors` (3: a longer run of retryable errors
 * on one task is reported once as an outage, and the task keeps being read)
 * and `rateLimitPauseMs` (1000: how long every worker of a provider pauses
 * after a 429 that did not say how long).
 */
export interface DistributedWatcherOptions<T extends Task = Task> extends FollowOptions {
  /** The Redis server: a `redis://` URL or ioredis options. */
  connection: string | RedisOptions
  /** Prefix of every Redis key and BullMQ queue; processes with the same prefix share watches, budgets and changes. Default `taskbridge`. */
  prefix?: string | undefined
  /** The providers, one entry per adapter name; the same in every process. */
  providers: readonly DistributedProvider<T>[]
  /**
   * Receives each change, in this process. With it, this process takes
   * changes from the shared stream; each change goes to one process's
   * handler, and is delivered again (to any process) only when the handler
   * threw or its process ended before it returned: at least once, with
   * {@link TaskChange.dedupKey} to recognise a repeat.
   */
  onChange?: ((change: TaskChange<T>) => void | Promise<void>) | undefined
  /** Receives the errors of this process's reads, and of its handler (`id` is then the change's). */
  onError?: ((error: DistributedWatchError) => void) | undefined
  /**
   * How long a read may hold its task before another worker may take it: a
   * worker that died mid-read has its tasks taken over after about this long.
   * Default 30000 ms.
   */
  lockDurationMs?: number | undefined
  /** How long a change may wait unacknowledged (its handler's process died) before another handler takes it. Default 60000 ms. */
  claimAfterMs?: number | undefined
  /** Per-request options (timeout, headers) passed to each call. */
  callOptions?: Omit<CallOptions, 'signal'> | undefined
  /**
   * How long {@link DistributedWatcher.close} waits for reads in flight and
   * Redis before it drops its connections: with Redis down, `close()` still
   * returns after about this long. Default 10000 ms.
   */
  closeTimeoutMs?: number | undefined
  /** Closes the watcher in this process, like {@link DistributedWatcher.close}. */
  signal?: AbortSignal | undefined
}

const LABEL = 'createDistributedWatcher'

const invalid = (argument: string, message: string, provider?: string): InvalidArgumentError =>
  new InvalidArgumentError({
    argument,
    message: `${LABEL}: ${message}`,
    ...(provider ? { provider } : {}),
  })

function checkNumber(argument: string, value: unknown, minimum: number, integer: boolean, provider?: string): void {
  if (value === undefined) return
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    value >= minimum &&
    value <= MAX_TIMER_MS
  if (!valid) {
    const kind = integer ? 'an integer' : 'a number'
    throw invalid(
      argument,
      `${argument} must be ${kind} from ${minimum} to ${MAX_TIMER_MS}, got ${String(value)}`,
      provider,
    )
  }
}

/** Provider names become BullMQ queue names and Redis keys: no separators, no spaces. */
const PROVIDER_NAME = /^[A-Za-z0-9_.-]+$/

/** Checks every option before anything is sent; throws an `InvalidArgumentError` naming the option. */
export function checkDistributedOptions(options: DistributedWatcherOptions<Task>): void {
  if (typeof options !== 'object' || options === null) {
    throw invalid('options', 'options are required: { connection, providers }')
  }
  const { connection } = options
  if (typeof connection !== 'string' && (typeof connection !== 'object' || connection === null)) {
    throw invalid('connection', 'connection must be a redis:// URL or ioredis options')
  }
  if (options.prefix !== undefined && !(typeof options.prefix === 'string' && PROVIDER_NAME.test(options.prefix))) {
    throw invalid('prefix', 'prefix must be letters, digits, _, . or -')
  }
  if (!Array.isArray(options.providers) || options.providers.length === 0) {
    throw invalid('providers', 'providers must be a non-empty array of { provider, budget, createAdapter? }')
  }
  const names = new Set<string>()
  options.providers.forEach((entry, index) => {
    const at = `providers[${index}]`
    const name = entry?.provider
    if (typeof name !== 'string' || !PROVIDER_NAME.test(name)) {
      throw invalid(`${at}.provider`, `${at}.provider must be a provider name of letters, digits, _, . or -`)
    }
    if (names.has(name)) throw invalid(at, `two providers are named "${name}"`, name)
    names.add(name)
    if (typeof entry.budget !== 'object' || entry.budget === null) {
      throw invalid(`${at}.budget`, `${at}.budget is required: { requestsPerSecond, concurrency? }`, name)
    }
    if (entry.budget.requestsPerSecond === undefined) {
      throw invalid(`${at}.budget.requestsPerSecond`, `${at}.budget.requestsPerSecond is required`, name)
    }
    checkNumber(`${at}.budget.requestsPerSecond`, entry.budget.requestsPerSecond, 1, true, name)
    checkNumber(`${at}.budget.concurrency`, entry.budget.concurrency, 1, true, name)
    if (entry.createAdapter !== undefined && typeof entry.createAdapter !== 'function') {
      throw invalid(`${at}.createAdapter`, `${at}.createAdapter must be a function returning an adapter`, name)
    }
    if (entry.batch !== undefined) checkBatchOptions(entry.batch, `${at}.batch`, name, LABEL)
  })
  resolveFollowOptions(options, LABEL)
  checkNumber('lockDurationMs', options.lockDurationMs, 1000, true)
  checkNumber('claimAfterMs', options.claimAfterMs, 1000, true)
  checkNumber('closeTimeoutMs', options.closeTimeoutMs, 0, true)
  for (const name of ['onChange', 'onError'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw invalid(name, `${name} must be a function`)
    }
  }
}
