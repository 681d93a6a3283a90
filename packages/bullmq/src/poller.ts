import {
  type CallOptions,
  type FollowState,
  type FollowStep,
  InvalidPayloadError,
  nextStep,
  type ReadOutcome,
  type ResolvedFollowOptions,
  startFollowing,
  type Task,
} from '@taskbridge/core'
import type { WatcherAdapter } from '@taskbridge/watcher'
import { DelayedError, type Job, type JobJson, type Queue, Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { SharedBudget } from './budget.js'
import { JOB, taskIdOfJob, type WatcherJobData, type WatchJobData } from './jobs.js'
import type { DistributedProvider, DistributedWatchError } from './options.js'
import { type RecordContext, recordTask } from './state.js'
import { createSweeper } from './sweep.js'

/** The settings a poller reads by, defaults applied. */
export interface PollerSettings {
  follow: ResolvedFollowOptions
  lockDurationMs: number
  callOptions: Omit<CallOptions, 'signal'>
}

/** What a provider's poller works with. */
export interface PollerContext<T extends Task> extends RecordContext {
  entry: DistributedProvider<T>
  adapter: WatcherAdapter<T>
  queue: Queue<WatcherJobData>
  budget: SharedBudget
  settings: PollerSettings
  /** Aborted when this process closes: a sweep stops between pages. */
  closing: AbortSignal
  onError(error: DistributedWatchError): void
}

/** Concurrency when the budget does not say, as in the in-process watcher. */
const DEFAULT_MAX_CONCURRENCY = 10

/** A job's data as this package wrote it, or `undefined`. */
function watchDataOf(data: unknown): WatchJobData | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const { id, intervalMs, errors, outageReported } = data as Record<string, unknown>
  const valid =
    typeof id === 'string' &&
    typeof intervalMs === 'number' &&
    Number.isFinite(intervalMs) &&
    intervalMs >= 0 &&
    Number.isInteger(errors) &&
    (errors as number) >= 0 &&
    (outageReported === undefined || typeof outageReported === 'boolean')
  return valid ? (data as WatchJobData) : undefined
}

const toData = (id: string, state: FollowState): WatchJobData => ({
  id,
  intervalMs: state.intervalMs,
  errors: state.consecutiveErrors,
  outageReported: state.outageReported,
})

/** BullMQ's worker, able to let go when Redis is gone, and to hand over a job whose data is not JSON. */
export class WatchWorker extends Worker<WatcherJobData> {
  /** A job whose data cannot be parsed reaches the processor with `null` data, instead of stalling forever. */
  protected override createJob(data: JobJson, jobId: string): Job<WatcherJobData> {
    try {
      return super.createJob(data, jobId)
    } catch {
      return super.createJob({ ...data, data: 'null' }, jobId)
    }
  }

  /**
   * Stops the timers a graceful `close()` stops only once Redis answers: the
   * lock renewal and the stalled-jobs check would otherwise keep the process
   * alive while Redis is down.
   */
  abandon(): void {
    void this.lockManager.close()
    // BullMQ keeps the stalled check's wake-up private; it is a plain function when set.
    const stopStalledCheck: unknown = Reflect.get(this, 'stalledCheckStopper')
    if (typeof stopStalledCheck === 'function') stopStalledCheck.call(this)
  }
}

/**
 * A BullMQ worker of one provider's jobs: a watch job is one read, then back
 * to the delayed set until its next; with `batch`, a sweep job reads the
 * listing a page at a time and read jobs confirm what it could not.
 */
export function createPoller<T extends Task>(context: PollerContext<T>, workerConnection: Redis): WatchWorker {
  const { entry, adapter, queue, budget, settings, redis, keys, onError } = context
  const { provider } = entry
  const seenKey = keys.seen(provider)
  const sweeper = createSweeper(context)

  const stopWatching = async (id: string) => {
    await redis.multi().hdel(seenKey, id).hdel(keys.confirmed(provider), id).exec()
  }

  const nextRead = async (job: Job<WatcherJobData>, token: string | undefined, data: WatchJobData, waitMs: number) => {
    await job.updateData(data)
    await job.moveToDelayed(Date.now() + Math.max(0, Math.round(waitMs)), token)
    throw new DelayedError()
  }

  /** Does what core's policy decided after one read of `id`. */
  const follow = async (
    job: Job<WatcherJobData>,
    token: string | undefined,
    id: string,
    step: FollowStep<T>,
    read: boolean,
  ) => {
    if ((step.type === 'wait' || step.type === 'pause') && step.problem !== undefined) {
      onError({ provider, id, error: step.problem, final: false })
    }
    switch (step.type) {
      case 'wait':
        // A read job has done its part once a read answered; the sweep reads the task next.
        if (job.name === JOB.read && read) return
        return nextRead(job, token, toData(id, step.state), step.waitMs)
      case 'pause':
        await job.updateData(toData(id, step.state))
        await budget.pause(step.pauseMs)
        throw Worker.RateLimitError()
      case 'stop':
        if (step.news === undefined) await stopWatching(id)
        return
      case 'give-up':
        await stopWatching(id)
        onError({ provider, id, error: step.error, final: true })
        return
      default:
        return
    }
  }

  /** The task's id and follow state from its job; a job this package did not write is reported and started afresh. */
  const stateOf = async (job: Job<WatcherJobData>): Promise<[string, FollowState<T>] | undefined> => {
    const data = watchDataOf(job.data)
    if (data) {
      const state = { ...startFollowing<T>(settings.follow), intervalMs: data.intervalMs }
      return [data.id, { ...state, consecutiveErrors: data.errors, outageReported: data.outageReported ?? false }]
    }
    const id = taskIdOfJob(job.id)
    const error = new InvalidPayloadError({
      provider,
      raw: job.data,
      message: `the watch job ${job.id} in Redis is not one this watcher wrote; ${id === undefined ? 'it is dropped' : 'it starts again'}`,
    })
    onError({ provider, id, error, final: false })
    if (id === undefined) return undefined
    const state = startFollowing<T>(settings.follow)
    await job.updateData(toData(id, state))
    return [id, state]
  }

  const readTask = async (job: Job<WatcherJobData>, token?: string, signal?: AbortSignal): Promise<void> => {
    const started = await stateOf(job)
    if (!started) return
    const [id, state] = started
    // Unwatched, ended or given up (by any process) since it was scheduled.
    if (!(await redis.hexists(seenKey, id))) return
    const taken = await budget.acquire()
    if ('waitMs' in taken) {
      await queue.rateLimit(taken.waitMs)
      throw Worker.RateLimitError()
    }
    let outcome: ReadOutcome<T>
    try {
      outcome = {
        type: 'read',
        task: await adapter.getTask(id, { ...settings.callOptions, ...(signal ? { signal } : {}) }),
      }
    } catch (error) {
      outcome = { type: 'failed', error }
    } finally {
      await budget.release(taken.slot)
    }
    const options = { ...settings.follow, id, mode: 'long-lived' as const }
    if (outcome.type === 'failed') return follow(job, token, id, nextStep(outcome, state, options), false)
    let step = nextStep<T>(outcome, state, options)
    const recorded = await recordTask(
      context,
      id,
      (previous) => {
        // Core compares a snapshot as it compares a task.
        step = nextStep(outcome, { ...state, seen: previous }, options)
        return step.type === 'wait' || step.type === 'stop' ? step.news : undefined
      },
      'poll',
    )
    if (recorded === 'not-watched') return
    return follow(job, token, id, step, true)
  }

  const processor = (job: Job<WatcherJobData>, token?: string, signal?: AbortSignal): Promise<void> =>
    job.name === JOB.sweep ? sweeper.sweep(job, token) : readTask(job, token, signal)

  return new WatchWorker(queue.name, processor, {
    connection: workerConnection,
    prefix: queue.opts.prefix,
    concurrency: entry.budget.concurrency ?? Math.min(entry.budget.requestsPerSecond, DEFAULT_MAX_CONCURRENCY),
    // Needed for queue.rateLimit to pause the queue; the sliding window in Redis is the budget itself.
    limiter: { max: entry.budget.requestsPerSecond, duration: 1000 },
    lockDuration: settings.lockDurationMs,
    stalledInterval: Math.max(1000, Math.floor(settings.lockDurationMs / 2)),
    // A watch lives through many reads; every restart of a worker mid-read stalls it once.
    maxStalledCount: Number.MAX_SAFE_INTEGER,
  })
}
