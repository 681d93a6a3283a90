import type { Task } from '@taskbridge/core'
import {
  isChange as coreIsChange,
  isStale as coreIsStale,
  summaryKey as coreSummaryKey,
} from '@taskbridge/core/internal'

/**
 * Whether `next` says something `previous` did not.
 *
 * @deprecated Use `compareTaskStates(previous, next) === 'news'` from `@taskbridge/core`: the one rule every follower shares. Will be removed in 2.0.
 */
export const isChange: (previous: Task | undefined, next: Task) => boolean = coreIsChange

/**
 * Whether `next` is older than what was already seen.
 *
 * @deprecated Use `compareTaskStates(previous, next) === 'older'` from `@taskbridge/core`. Will be removed in 2.0.
 */
export const isStale: (previous: Task | undefined, next: Task) => boolean = coreIsStale

/**
 * What a summary list item can be trusted to say: its provider status and `updatedAt`.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export const summaryKey: (task: Task) => string = coreSummaryKey

/** Whether a list item carries less than `getTask` (adapters set `metadata.summary`). */
export function isSummary(task: Task): boolean {
  return (task.metadata as { summary?: unknown } | undefined)?.summary === true
}
