import { InvalidArgumentError, type Task } from '@taskbridge/core'
import { Queue, type Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { type ChangeConsumer, startChangeConsumer } from './changes.js'
import { checkDistributedOptions, type DistributedWatchError, type DistributedWatcherOptions } from './options.js'
import { createPoller, type PollerSettings, type WatchJobData } from './poller.js'
import { recordTask, stateKeys, withScripts } from './state.js'

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
   * Stops this process's part: no new read starts, the reads in flight finish
   * and are recorded, the change being handled is acknowledged, and the
   * connections are closed. Watches stay in Redis for the other processes and
   * the next start.
   */
  close(): Promise<void>
}

const defaults = {
  prefix: 'taskbridge',
  intervalMs: 1000,
  maxIntervalMs: 6000,
  backoffFactor: 2,
  maxConsecutiveErrors: 3,
  rateLimitPauseMs: 1000,
  lockDurationMs: 30_000,
  claimAfterMs: 60_000,
}

/** BullMQ job ids must not contain `:`; encoding keeps every task id distinct. */
const jobIdOf = (id: string): string => encodeURIComponent(id)

/**
 * Watches tasks from any number of processes on BullMQ and Redis, for
 * providers whose rate limit belongs to the API key rather than the process.
 *
 * Each watch is a BullMQ job in the provider's queue (`<prefix>.<provider>`):
 * any process with the provider's `createAdapter` runs a worker that reads
 * the task, records what it saw, and delays the job until its next read
 * (`intervalMs`, growing by `backoffFactor` up to `maxIntervalMs`). Every
 * request first takes a slot of the provider's budget, a sliding window of
 * one second kept in Redis for all workers; a 429 pauses the provider's queue
 * for every worker for its `Retry-After` (or `rateLimitPauseMs`).
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
  const prefix = options.prefix ?? defaults.prefix
  const keys = stateKeys(prefix)
  const settings: PollerSettings = {
    intervalMs: options.intervalMs ?? defaults.intervalMs,
    maxIntervalMs: options.maxIntervalMs ?? defaults.maxIntervalMs,
    backoffFactor: options.backoffFactor ?? defaults.backoffFactor,
    maxConsecutiveErrors: options.maxConsecutiveErrors ?? defaults.maxConsecutiveErrors,
    rateLimitPauseMs: options.rateLimitPauseMs ?? defaults.rateLimitPauseMs,
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
  const queues = new Map<string, Queue<WatchJobData>>(
    options.providers.map((entry) => {
      const queue = new Queue<WatchJobData>(`${prefix}.${entry.provider}`, { connection: redis, prefix })
      // A lost connection is retried; reported, so BullMQ does not print it.
      queue.on('error', (error) => onError({ provider: entry.provider, id: undefined, error, final: false }))
      return [entry.provider, queue]
    }),
  )
  const workers: Worker<WatchJobData>[] = []
  for (const entry of options.providers) {
    if (!entry.createAdapter) continue
    const queue = queues.get(entry.provider) as Queue<WatchJobData>
    const adapter = entry.createAdapter()
    const worker = createPoller(entry, adapter, queue, redis, connect(), keys, settings, onError)
    // A lost connection is retried by BullMQ; it is reported, not thrown.
    worker.on('error', (error) => onError({ provider: entry.provider, id: undefined, error, final: false }))
    worker.on('failed', (job, error) => onError({ provider: entry.provider, id: job?.data.id, error, final: false }))
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

  const queueOf = (provider: string): Queue<WatchJobData> => {
    const queue = queues.get(provider)
    if (queue) return queue
    throw new InvalidArgumentError({
      argument: 'provider',
      message: `DistributedWatcher: no provider named "${provider}"; the watcher has ${[...queues.keys()].join(', ')}`,
    })
  }
  const checkId = (id: unknown): string => {
    if (typeof id === 'string' && id.trim() !== '') return id
    throw new InvalidArgumentError({
      argument: 'id',
      message: 'DistributedWatcher: the task id must be a non-empty string',
    })
  }
  const checkOpen = () => {
    if (closing) throw new InvalidArgumentError({ message: 'DistributedWatcher: the watcher is closed' })
  }

  const close = (): Promise<void> => {
    closing ??= (async () => {
      options.signal?.removeEventListener('abort', onAbort)
      await Promise.all(workers.map((worker) => worker.close()))
      await consumer?.close()
      await Promise.all([...queues.values()].map((queue) => queue.close()))
      await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())))
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
      // Added even when watched already: a job lost with a crash between the two steps comes back.
      await queue.add(
        'watch',
        { id, intervalMs: Math.min(settings.intervalMs, settings.maxIntervalMs), errors: 0 },
        {
          jobId: jobIdOf(id),
          removeOnComplete: true,
          removeOnFail: true,
          // A read that failed on Redis's side (not the provider's) is tried again, as long as the task is watched.
          attempts: Number.MAX_SAFE_INTEGER,
          backoff: { type: 'fixed', delay: settings.maxIntervalMs },
        },
      )
      return added === 1
    },
    async unwatch(provider, id) {
      checkOpen()
      const queue = queueOf(provider)
      checkId(id)
      const removed = await redis.hdel(keys.seen(provider), id)
      // A job being read cannot be removed; its worker finds the watch gone and ends it.
      await queue.remove(jobIdOf(id)).catch(() => 0)
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
      return (await recordTask(redis, keys, task.provider, task, 'webhook')) === 'delivered'
    },
    get closed() {
      return closing !== undefined
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}
