import { compareTaskStates, InvalidArgumentError, resolveFollowOptions, type Task } from '@taskbridge/core'
import type { TaskSnapshot } from '@taskbridge/core/internal'
import type { WatcherAdapter } from '@taskbridge/watcher'
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { sharedBudget } from './budget.js'
import { type ChangeConsumer, startChangeConsumer } from './changes.js'
import { JOB, SWEEP_JOB_ID, taskJobId, type WatcherJobData, watchJobOptions } from './jobs.js'
import { checkDistributedOptions, type DistributedWatchError, type DistributedWatcherOptions } from './options.js'
import { createPoller, type PollerSettings, type WatchWorker } from './poller.js'
import { withScripts } from './scripts.js'
import { type RecordContext, recordTask, stateKeys } from './state.js'

/** One process's part of the distributed watcher; see {@link createDistributedWatcher}. */
export interface DistributedWatcher<T extends Task = Task> extends AsyncDisposable {
  /** Starts watching a task, for every process; `false` when it was watched already. */
  watch(provider: string, id: string): Promise<boolean>
  /** Stops watching it, for every process; `false` when it was not watched. A read in flight finishes and is not delivered. */
  unwatch(provider: string, id: string): Promise<boolean>
  /** Whether the task is watched: added, and neither ended, given up nor removed. */
  isWatching(provider: string, id: string): Promise<boolean>
  /**
   * A task from a webhook delivery (the `onChange` of core's
   * `createWebhookHandler`): compared with the last state kept in Redis and
   * delivered to the handlers like a read of a worker. `false` when it brings
   * nothing new or the task is not watched.
   */
  receive(task: T): Promise<boolean>
  /** Whether {@link DistributedWatcher.close} was called or the signal aborted. */
  readonly closed: boolean
  /**
   * Stops this process's part: no new read starts, a sweep of a listing stops
   * between two pages, the reads in flight finish and are recorded, the change
   * being handled is acknowledged, and the connections are closed. Watches
   * stay in Redis for the other processes and the next start. When that takes
   * longer than `closeTimeoutMs` (Redis is down), the connections are dropped
   * and `close()` returns anyway.
   */
  close(): Promise<void>
}

const defaults = {
  prefix: 'taskbridge',
  lockDurationMs: 30_000,
  claimAfterMs: 60_000,
  closeTimeoutMs: 10_000,
}

/** A UTF-16 surrogate without its pair: Redis would store it as U+FFFD, so two such ids would be one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether `work` settled within `ms`. */
function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  const done = work.then(
    () => true,
    () => true,
  )
  return Promise.race([done, late]).finally(() => clearTimeout(timer))
}

/**
 * Watches tasks from any number of processes on BullMQ and Redis, for
 * providers whose rate limit belongs to the API key rather than the process.
 *
 * Each watch is a BullMQ job in the provider's queue (`<prefix>.<provider>`):
 * any process with the provider's `createAdapter` runs a worker that reads
 * the task, records what it saw, and delays the job until its next read
 * (`intervalMs`, growing by `backoffFactor` up to `maxIntervalMs`), by core's
 * policy of following (`nextStep`). A provider with `batch` is read through
 * its listing instead: one sweep job, taken by one worker at a time, reads
 * pages until it has found every watched task. Every request first takes a
 * slot of the provider's budget, a sliding window of one second kept in
 * Redis for all workers; a 429 pauses the provider for every worker for its
 * `Retry-After` (or `rateLimitPauseMs`).
 *
 * The last state delivered per task is kept in Redis and compared-and-set
 * atomically with the append of the change to a Redis stream, so a restarted
 * or second worker never delivers a change twice. Processes with `onChange`
 * take changes from the stream in one consumer group: each change is handled
 * by one of them, and handled again only when its handler threw or its
 * process died first (at least once, with `dedupKey` to recognise a repeat).
 *
 * @example
 * ```ts
 * await using watcher = createDistributedWatcher({
 *   connection: 'redis://127.0.0.1:6379',
 *   providers: [
 *     { provider: 'xpander', budget: { requestsPerSecond: 50 }, createAdapter: () => createXpanderAdapter({ retry: false }) },
 *   ],
 *   onChange: (change) => console.log(change.provider, change.id, change.task.status),
 * })
 * await watcher.watch('xpander', taskId)
 * ```
 */
export function createDistributedWatcher<T extends Task = Task>(
  options: DistributedWatcherOptions<NoInfer<T>>,
): DistributedWatcher<T> {
  checkDistributedOptions(options as unknown as DistributedWatcherOptions)
  options.signal?.throwIfAborted()
  const adapters = new Map<string, WatcherAdapter<T>>()
  for (const entry of options.providers) {
    const adapter = entry.createAdapter?.()
    if (adapter === undefined) continue
    if (entry.batch && typeof adapter.listTasks !== 'function') {
      throw new InvalidArgumentError({
        argument: 'batch',
        provider: entry.provider,
        message: `createDistributedWatcher: providers' "${entry.provider}" batch needs an adapter that can list tasks`,
      })
    }
    adapters.set(entry.provider, adapter)
  }
  const prefix = options.prefix ?? defaults.prefix
  const keys = stateKeys(prefix)
  const settings: PollerSettings = {
    follow: resolveFollowOptions(options, 'createDistributedWatcher'),
    lockDurationMs: options.lockDurationMs ?? defaults.lockDurationMs,
    callOptions: options.callOptions ?? {},
  }
  const connections: Redis[] = []
  // BullMQ wants commands to wait for a reconnection rather than fail after a few tries.
  const connect = (): Redis => {
    const { connection } = options
    const redis =
      typeof connection === 'string'
        ? new Redis(connection, { maxRetriesPerRequest: null })
        : new Redis({ ...connection, maxRetriesPerRequest: null })
    // Errors of a lost connection are retried by ioredis; without a listener Node would print each.
    redis.on('error', () => {})
    connections.push(redis)
    return redis
  }
  const onError = (error: DistributedWatchError) => options.onError?.(error)
  const redis = withScripts(connect())
  const closingReads = new AbortController()
  const recordContext = (provider: string): RecordContext => ({
    redis,
    keys,
    provider,
    onCorrupt: (id, error) => onError({ provider, id, error, final: false }),
  })
  const queues = new Map<string, Queue<WatcherJobData>>(
    options.providers.map((entry) => {
      const queue = new Queue<WatcherJobData>(`${prefix}.${entry.provider}`, { connection: redis, prefix })
      // A lost connection is retried; reported, so BullMQ does not print it.
      queue.on('error', (error) => onError({ provider: entry.provider, id: undefined, error, final: false }))
      return [entry.provider, queue]
    }),
  )
  const batched = new Set(options.providers.filter((entry) => entry.batch).map((entry) => entry.provider))
  const workers: WatchWorker[] = []
  for (const entry of options.providers) {
    const adapter = adapters.get(entry.provider)
    if (!adapter) continue
    const queue = queues.get(entry.provider) as Queue<WatcherJobData>
    const { requestsPerSecond } = entry.budget
    const budget = sharedBudget(redis, keys, entry.provider, queue, requestsPerSecond, settings.lockDurationMs)
    const context = { ...recordContext(entry.provider), entry, adapter, queue, budget, settings, onError }
    const worker = createPoller({ ...context, closing: closingReads.signal }, connect())
    // A lost connection is retried by BullMQ; it is reported, not thrown.
    worker.on('error', (error) => onError({ provider: entry.provider, id: undefined, error, final: false }))
    worker.on('failed', (job, error) => {
      const id = job && 'id' in job.data ? job.data.id : undefined
      onError({ provider: entry.provider, id, error, final: false })
    })
    workers.push(worker)
  }
  const consumer: ChangeConsumer | undefined = options.onChange
    ? startChangeConsumer<T>(
        connect(),
        keys,
        options.claimAfterMs ?? defaults.claimAfterMs,
        options.onChange as (change: unknown) => void,
        onError,
      )
    : undefined
  let closing: Promise<void> | undefined

  const queueOf = (provider: string): Queue<WatcherJobData> => {
    const queue = queues.get(provider)
    if (queue) return queue
    throw new InvalidArgumentError({
      argument: 'provider',
      message: `DistributedWatcher: no provider named "${provider}"; the watcher has ${[...queues.keys()].join(', ')}`,
    })
  }
  const checkId = (id: unknown): string => {
    if (typeof id === 'string' && id.trim() !== '' && !LONE_SURROGATE.test(id)) return id
    throw new InvalidArgumentError({
      argument: 'id',
      message: 'DistributedWatcher: the task id must be a non-empty string of whole characters (no lone surrogate)',
    })
  }
  const checkOpen = () => {
    if (closing) throw new InvalidArgumentError({ message: 'DistributedWatcher: the watcher is closed' })
  }
  const jobOptions = watchJobOptions(settings.follow.maxIntervalMs)

  const close = (): Promise<void> => {
    closing ??= (async () => {
      options.signal?.removeEventListener('abort', onAbort)
      closingReads.abort()
      const graceful = (async () => {
        await Promise.all(workers.map((worker) => worker.close()))
        await consumer?.close()
        await Promise.all([...queues.values()].map((queue) => queue.close()))
        await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())))
      })()
      if (await settlesWithin(graceful, options.closeTimeoutMs ?? defaults.closeTimeoutMs)) return
      // Redis does not answer: drop every connection (BullMQ's own too), so nothing waits for it any more.
      for (const connection of connections) connection.disconnect()
      for (const worker of workers) worker.abandon()
      void consumer?.close()
      // Not awaited: BullMQ's disconnect first waits for a connection that may never come.
      for (const part of [...workers, ...queues.values()]) void part.disconnect().catch(() => undefined)
    })()
    return closing
  }
  const onAbort = () => void close()
  options.signal?.addEventListener('abort', onAbort, { once: true })

  return {
    async watch(provider, id) {
      checkOpen()
      const queue = queueOf(provider)
      checkId(id)
      const added = await redis.hsetnx(keys.seen(provider), id, '')
      try {
        // Added even when watched already: a job lost with a crash between the two steps comes back.
        if (batched.has(provider)) await queue.add(JOB.sweep, { sweep: true }, { ...jobOptions, jobId: SWEEP_JOB_ID })
        else {
          const data = {
            id,
            intervalMs: Math.min(settings.follow.intervalMs, settings.follow.maxIntervalMs),
            errors: 0,
          }
          await queue.add(JOB.watch, data, { ...jobOptions, jobId: taskJobId(id) })
        }
      } catch (error) {
        // No job reads it: it is not watched after all.
        if (added === 1) await redis.hdel(keys.seen(provider), id)
        throw error
      }
      return added === 1
    },
    async unwatch(provider, id) {
      checkOpen()
      const queue = queueOf(provider)
      checkId(id)
      const [[, removed] = []] =
        (await redis.multi().hdel(keys.seen(provider), id).hdel(keys.confirmed(provider), id).exec()) ?? []
      // A job being read cannot be removed; its worker finds the watch gone and ends it.
      await queue.remove(taskJobId(id)).catch(() => 0)
      return removed === 1
    },
    async isWatching(provider, id) {
      queueOf(provider)
      return (await redis.hexists(keys.seen(provider), checkId(id))) === 1
    },
    async receive(task) {
      checkOpen()
      queueOf(task?.provider)
      checkId(task.id)
      const news = (seen: TaskSnapshot | undefined) =>
        compareTaskStates(seen, task, task.id) === 'news' ? task : undefined
      return (await recordTask(recordContext(task.provider), task.id, news, 'webhook')) === 'delivered'
    },
    get closed() {
      return closing !== undefined
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}
