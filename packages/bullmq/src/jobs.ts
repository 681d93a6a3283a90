import type { JobsOptions } from 'bullmq'

/** The job that sweeps a batched provider's listing: one per provider queue. */
export const SWEEP_JOB_ID = 'sweep'

const TASK_JOB_PREFIX = 'task-'
/** Characters a job id keeps as they are; every other UTF-16 unit becomes `~` and four hex digits. */
const KEPT = /^[A-Za-z0-9_.-]$/
const ESCAPED = /~([0-9a-f]{4})/g

/**
 * The BullMQ job id of a task's watch. BullMQ refuses ids that are integers
 * or contain `:`, so every task id is escaped and prefixed: `'42'` becomes
 * `task-42`, and no two task ids share a job id (nor the sweep's).
 */
export function taskJobId(id: string): string {
  let escaped = TASK_JOB_PREFIX
  for (let index = 0; index < id.length; index += 1) {
    const unit = id[index] as string
    escaped += KEPT.test(unit) ? unit : `~${unit.charCodeAt(0).toString(16).padStart(4, '0')}`
  }
  return escaped
}

/** The task id a job id of {@link taskJobId} stands for; `undefined` for any other job id. */
export function taskIdOfJob(jobId: string | undefined): string | undefined {
  if (!jobId?.startsWith(TASK_JOB_PREFIX)) return undefined
  const id = jobId
    .slice(TASK_JOB_PREFIX.length)
    .replace(ESCAPED, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
  return taskJobId(id) === jobId ? id : undefined
}

/** The job names: a task polled on its own, a task read once (for a sweep), and a sweep of the listing. */
export const JOB = { watch: 'watch', read: 'read', sweep: 'sweep' } as const

/** A watch as its BullMQ job carries it from one read to the next: core's follow state, less what Redis keeps. */
export interface WatchJobData {
  id: string
  /** The wait before the next read, before jitter. */
  intervalMs: number
  /** Retryable errors in a row. */
  errors: number
  /** This run of errors was reported as an outage. */
  outageReported?: boolean
}

/** The sweep job carries the listing's failures in a row (the watched tasks are in Redis). */
export interface SweepJobData {
  sweep: true
  /** Pages that failed in a row, sweep after sweep. */
  errors?: number
  /** This run of failures was reported as an outage. */
  outageReported?: boolean
}

/** The data of any job of a provider's queue. */
export type WatcherJobData = WatchJobData | SweepJobData

/** Options of every job: removed once done, and tried again after a failure on Redis's side for as long as it is watched. */
export function watchJobOptions(maxIntervalMs: number): JobsOptions {
  return {
    removeOnComplete: true,
    removeOnFail: true,
    attempts: Number.MAX_SAFE_INTEGER,
    backoff: { type: 'fixed', delay: maxIntervalMs },
  }
}
