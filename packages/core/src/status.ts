/**
 * The normalised status of a task, the same for every provider.
 *
 * A const object rather than a TypeScript `enum`, so that it is plain data at
 * run time and its values are ordinary string literals.
 */
export const TaskStatus = {
  /** Accepted but not started: queued or scheduled. */
  Pending: 'pending',
  /** Being worked on. */
  Running: 'running',
  /** Stopped on request and able to resume. */
  Paused: 'paused',
  /** Stopped until a person or system answers a request (human in the loop, an auth grant, …). */
  WaitingForInput: 'waiting_for_input',
  /** Finished successfully. */
  Completed: 'completed',
  /** Finished with an error. */
  Failed: 'failed',
  /** Stopped on request before finishing; cannot resume. */
  Cancelled: 'cancelled',
  /** Stopped by the provider because it ran past its time limit. */
  TimedOut: 'timed_out',
  /** Not run because the workflow decided to skip it. */
  Skipped: 'skipped',
  /** A provider status this adapter does not know; `providerStatus` keeps the original. */
  Unknown: 'unknown',
} as const

/** One of the values of {@link TaskStatus}. */
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus]

/** Every normalised status, in lifecycle order. */
export const TASK_STATUSES: readonly TaskStatus[] = Object.freeze(Object.values(TaskStatus))

const terminal: ReadonlySet<string> = new Set<TaskStatus>(['completed', 'failed', 'cancelled', 'timed_out', 'skipped'])
const active: ReadonlySet<string> = new Set<TaskStatus>(['pending', 'running', 'paused', 'waiting_for_input'])
const successful: ReadonlySet<string> = new Set<TaskStatus>(['completed', 'skipped'])

/** Whether `value` is one of the normalised statuses. */
export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value)
}

/**
 * Whether a task in this status will never change again.
 * `unknown` is not terminal: polling goes on until the provider says more.
 */
export function isTerminal(status: TaskStatus): boolean {
  return terminal.has(status)
}

/** Whether a task in this status is still in progress (including paused or waiting for input). */
export function isActive(status: TaskStatus): boolean {
  return active.has(status)
}

/** Whether a task in this status ended well (`completed`, or `skipped` by design). */
export function isSuccessful(status: TaskStatus): boolean {
  return successful.has(status)
}
