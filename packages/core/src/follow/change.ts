import { isTerminal, type TaskStatus } from '../status.js'
import type { Task } from '../task.js'

/**
 * What change detection compares of a task: small enough to keep for every
 * followed task (a webhook state store keeps one per task).
 */
export interface TaskSnapshot {
  /** The task's id; compared when both sides have one. */
  id?: string | undefined
  status: string
  providerStatus: string
  reason?: string | undefined
  /** Whether the task had an output; compared when both sides say. */
  hasOutput?: boolean | undefined
  /** `updatedAt` in epoch milliseconds, when the provider sent one. */
  updatedAt?: number | undefined
}

/**
 * How a newly read state relates to the one reported before
 * ({@link compareTaskStates}): `news` is reported, `same` and `older` are
 * not, `foreign` is about another task (a provider or proxy fault).
 */
export type ChangeVerdict = 'news' | 'same' | 'older' | 'foreign'

/** The parts of `task` that {@link compareTaskStates} compares. */
export function taskSnapshot(task: Task): TaskSnapshot {
  const updatedAt = task.updatedAt?.getTime()
  return {
    id: task.id,
    status: task.status,
    providerStatus: task.providerStatus,
    reason: task.reason,
    hasOutput: task.output !== undefined,
    // An invalid date says nothing about order.
    updatedAt: Number.isFinite(updatedAt) ? updatedAt : undefined,
  }
}

// A Task always names its provider; a snapshot never does.
const toSnapshot = (state: Task | TaskSnapshot): TaskSnapshot => ('provider' in state ? taskSnapshot(state) : state)

const ended = (status: string): boolean => isTerminal(status as TaskStatus)

/** Whether the two states differ in what a follower reports: status, provider status, reason or output presence. */
function differs(seen: TaskSnapshot, next: TaskSnapshot): boolean {
  return (
    seen.status !== next.status ||
    seen.providerStatus !== next.providerStatus ||
    seen.reason !== next.reason ||
    (seen.hasOutput !== undefined && next.hasOutput !== undefined && seen.hasOutput !== next.hasOutput)
  )
}

/**
 * The one rule of every follower for whether a state read (or delivered) is
 * news over the one reported before, `seen`:
 *
 * - a state about another task than `expectedId` (or than `seen`) is `foreign`;
 * - nothing follows a terminal state but another terminal state: a
 *   non-terminal state after it is `older`, whatever its timestamp;
 * - a later `updatedAt` is `news`, an earlier one `older`; the first
 *   `updatedAt` after states without one is `news`;
 * - otherwise (the same `updatedAt`, or none on the new state) another status,
 *   provider status, reason or output presence is `news`, and nothing else is.
 *
 * @example
 * ```ts
 * const verdict = compareTaskStates(lastReported, taskSnapshot(read), read.id)
 * if (verdict === 'news') console.log('changed:', read.status)
 * ```
 */
export function compareTaskStates(
  seen: Task | TaskSnapshot | undefined,
  next: Task | TaskSnapshot,
  expectedId?: string | undefined,
): ChangeVerdict {
  const after = toSnapshot(next)
  if (expectedId !== undefined && after.id !== expectedId) return 'foreign'
  if (seen === undefined) return 'news'
  const before = toSnapshot(seen)
  if (before.id !== undefined && after.id !== undefined && before.id !== after.id) return 'foreign'
  if (ended(before.status) && !ended(after.status)) return 'older'
  if (after.updatedAt !== undefined && before.updatedAt !== after.updatedAt) {
    return before.updatedAt === undefined || after.updatedAt > before.updatedAt ? 'news' : 'older'
  }
  return differs(before, after) ? 'news' : 'same'
}

/** Whether `next` is news over `previous` ({@link compareTaskStates} says `news`). */
export function isChange(previous: Task | undefined, next: Task): boolean {
  return compareTaskStates(previous, next) === 'news'
}

/** Whether `next` is older than `previous` ({@link compareTaskStates} says `older`): a late event, an out-of-date replica. */
export function isStale(previous: Task | undefined, next: Task): boolean {
  return compareTaskStates(previous, next) === 'older'
}

/**
 * What a list item that is only a summary (`metadata.summary`) can be trusted
 * to say: its provider status and `updatedAt`. Its normalised status may not
 * be (an xpander list item cannot tell `waiting_for_input` from `paused`), so
 * a summary whose key differs from the last read's asks for a full read. The
 * last read may be kept as its {@link TaskSnapshot}, which gives the same key.
 */
export function summaryKey(state: Task | TaskSnapshot): string {
  const { providerStatus, updatedAt } = toSnapshot(state)
  return `${providerStatus ?? ''}|${updatedAt ?? ''}`
}
