import { randomUUID } from 'node:crypto'
import { type CallOptions, isTerminal, RateLimitError, type Task, TaskbridgeError } from '@taskbridge/core'
import type { WatcherAdapter } from '@taskbridge/watcher'
import { DelayedError, type Job, type Queue, Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { DistributedProvider, DistributedWatchError } from './options.js'
import { recordTask, type StateKeys, type withScripts } from './state.js'

/** A watch as its BullMQ job carries it from one read to the next. */
export interface WatchJobData {
  id: string
  /** The wait before the next read. */
  intervalMs: number
  /** Retryable errors in a row. */
  errors: number
}

/** The settings a poller reads by, defaults applied. */
export interface PollerSettings {
  intervalMs: number
  maxIntervalMs: number
  backoffFactor: number
  maxConsecutiveErrors: number
  rateLimitPauseMs: number
  lockDurationMs: number
  callOptions: Omit<CallOptions, 'signal'>
}

/** Concurrency when the budget does not say, as in the in-process watcher. */
const DEFAULT_MAX_CONCURRENCY = 10

/**
 * A BullMQ worker reading one provider's watch jobs: each job is one read,
 * then moved back to the delayed set until its next one.
 */
export function createPoller<T extends Task>(
  entry: DistributedProvider<T>,
  adapter: WatcherAdapter<T>,
  queue: Queue<WatchJobData>,
  redis: ReturnType<typeof withScripts>,
  workerConnection: Redis,
  keys: StateKeys,
  settings: PollerSettings,
  onError: (error: DistributedWatchError) => void,
): Worker<WatchJobData> {
  const { provider, budget } = entry
  const seenKey = keys.seen(provider)
  const budgetKey = keys.budget(provider)
  const slotPrefix = randomUUID()
  let slots = 0

  /** Pauses every worker of this provider's queue: BullMQ's limiter is kept in Redis. */
  const pauseAll = async (ms: number): Promise<never> => {
    await queue.rateLimit(ms)
    throw Worker.RateLimitError()
  }

  const nextRead = async (job: Job<WatchJobData>, token: string | undefined, data: WatchJobData): Promise<never> => {
    await job.updateData(data)
    await job.moveToDelayed(Date.now() + data.intervalMs, token)
    throw new DelayedError()
  }

  const processor = async (job: Job<WatchJobData>, token?: string, signal?: AbortSignal): Promise<void> => {
    const { id } = job.data
    // Unwatched, ended or given up (by any process) since it was scheduled.
    if (!(await redis.hexists(seenKey, id))) return
    slots += 1
    const slot = `${slotPrefix}:${slots}`
    const wait = await redis.taskbridgeAcquire(budgetKey, budget.requestsPerSecond, slot, settings.lockDurationMs)
    if (wait > 0) return pauseAll(wait)
    let read: T
    try {
      read = await adapter.getTask(id, { ...settings.callOptions, ...(signal ? { signal } : {}) })
    } catch (error) {
      await redis.taskbridgeRelease(budgetKey, slot)
      if (RateLimitError.is(error)) return pauseAll(error.retryAfterMs ?? settings.rateLimitPauseMs)
      const retry = TaskbridgeError.is(error) && error.retryable
      if (retry && job.data.errors < settings.maxConsecutiveErrors) {
        onError({ provider, id, error, final: false })
        return nextRead(job, token, { ...job.data, errors: job.data.errors + 1 })
      }
      // Given up: no longer watched, here or anywhere.
      await redis.hdel(seenKey, id)
      onError({ provider, id, error, final: true })
      return
    }
    await redis.taskbridgeRelease(budgetKey, slot)
    const outcome = await recordTask(redis, keys, provider, read, 'poll')
    if (outcome === 'not-watched') return
    if (isTerminal(read.status)) return
    return nextRead(job, token, {
      id,
      intervalMs: Math.min(job.data.intervalMs * settings.backoffFactor, settings.maxIntervalMs),
      errors: 0,
    })
  }

  return new Worker<WatchJobData>(queue.name, processor, {
    connection: workerConnection,
    prefix: queue.opts.prefix,
    concurrency: budget.concurrency ?? Math.min(budget.requestsPerSecond, DEFAULT_MAX_CONCURRENCY),
    // Needed for queue.rateLimit to pause the queue; the sliding window above is the budget itself.
    limiter: { max: budget.requestsPerSecond, duration: 1000 },
    lockDuration: settings.lockDurationMs,
    stalledInterval: Math.max(1000, Math.floor(settings.lockDurationMs / 2)),
    // A watch lives through many reads; every restart of a worker mid-read stalls it once.
    maxStalledCount: Number.MAX_SAFE_INTEGER,
  })
}
