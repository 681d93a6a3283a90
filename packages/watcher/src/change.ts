import type { Task } from '@taskbridge/core'

/** Whether `next` says something `previous` did not: another status, provider status or a later update. */
export function isChange(previous: Task | undefined, next: Task): boolean {
  return (
    previous === undefined ||
    previous.status !== next.status ||
    previous.providerStatus !== next.providerStatus ||
    previous.updatedAt?.getTime() !== next.updatedAt?.getTime()
  )
}

/** Whether `next` is older than what was already seen (an out-of-date replica or listing). */
export function isStale(previous: Task | undefined, next: Task): boolean {
  const seen = previous?.updatedAt?.getTime()
  const now = next.updatedAt?.getTime()
  return seen !== undefined && now !== undefined && now < seen
}

/** Whether a list item carries less than `getTask` (adapters set `metadata.summary`). */
export function isSummary(task: Task): boolean {
  return (task.metadata as { summary?: unknown } | undefined)?.summary === true
}

/**
 * What a summary can be trusted to say: its provider status and `updatedAt`.
 * Its normalised status may not be (an xpander list item cannot tell
 * `waiting_for_input` from `paused`).
 */
export function summaryKey(task: Task): string {
  return `${task.providerStatus ?? ''}|${task.updatedAt?.getTime() ?? ''}`
}
