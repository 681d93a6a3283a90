import type { ListQuery, Task, TaskStatus } from '@taskbridge/core'

/** Maps a provider's status string to the normalised {@link TaskStatus}; the table is kept for docs and tests. */
export interface StatusMapper {
  (providerStatus: string): TaskStatus
  /** The provider statuses this mapper knows, frozen. */
  readonly table: Readonly<Record<string, TaskStatus>>
  /** The provider statuses that map to any of `wanted`, in table order: what to send as a list filter. */
  providerStatusesFor(wanted: TaskStatus | readonly TaskStatus[]): string[]
}

/**
 * Builds the status lookup of an adapter from its table. A status the table
 * does not have maps to `unknown` (never an error), and only the table's own
 * keys count, so a status such as `constructor` cannot reach `Object.prototype`.
 *
 * @example
 * ```ts
 * const toStatus = createStatusMapper({ queued: 'pending', in_progress: 'running', done: 'completed' })
 * toStatus('done') // 'completed'
 * toStatus('exploded') // 'unknown'
 * ```
 */
export function createStatusMapper(table: Record<string, TaskStatus>): StatusMapper {
  const frozen = Object.freeze({ ...table })
  const mapper = (providerStatus: string): TaskStatus =>
    Object.hasOwn(frozen, providerStatus) ? (frozen[providerStatus] as TaskStatus) : 'unknown'
  const providerStatusesFor = (wanted: TaskStatus | readonly TaskStatus[]): string[] => {
    const set = new Set<TaskStatus>(typeof wanted === 'string' ? [wanted] : wanted)
    return Object.entries(frozen)
      .filter(([, status]) => set.has(status))
      .map(([providerStatus]) => providerStatus)
  }
  return Object.assign(mapper, { table: frozen, providerStatusesFor })
}

/**
 * Whether a task passes a list query's status and creation-time filters: for
 * adapters whose provider cannot filter (or not exactly) on its side. A task
 * with no creation time passes only when no time filter is set.
 */
export function matchesListQuery(task: Task, query: ListQuery): boolean {
  if (query.status !== undefined) {
    const wanted: readonly TaskStatus[] = typeof query.status === 'string' ? [query.status] : query.status
    if (!wanted.includes(task.status)) return false
  }
  const created = task.createdAt?.getTime()
  if (query.createdAfter && (created === undefined || created < query.createdAfter.getTime())) return false
  if (query.createdBefore && (created === undefined || created >= query.createdBefore.getTime())) return false
  return true
}
