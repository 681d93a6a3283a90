import {
  isChange as coreIsChange,
  isStale as coreIsStale,
  summaryKey as coreSummaryKey,
  type Task,
} from '@taskbridge/core'

/**
 * Whether `next` says something `previous` did not.
 *
 * @deprecated Use `isChange` (or `compareTaskStates`) from `@taskbridge/core`: the one rule every follower shares.
 */
export const isChange: (previous: Task | undefined, next: Task) => boolean = coreIsChange

/**
 * Whether `next` is older than what was already seen.
 *
 * @deprecated Use `isStale` (or `compareTaskStates`) from `@taskbridge/core`.
 */
export const isStale: (previous: Task | undefined, next: Task) => boolean = coreIsStale

/**
 * What a summary list item can be trusted to say: its provider status and `updatedAt`.
 *
 * @deprecated Use `summaryKey` from `@taskbridge/core`.
 */
export const summaryKey: (task: Task) => string = coreSummaryKey

/** Whether a list item carries less than `getTask` (adapters set `metadata.summary`). */
export function isSummary(task: Task): boolean {
  return (task.metadata as { summary?: unknown } | undefined)?.summary === true
}
