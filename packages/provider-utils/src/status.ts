import type { TaskStatus } from '@taskbridge/core'

/** Maps a provider's status string to the normalised {@link TaskStatus}; the table is kept for docs and tests. */
export interface StatusMapper {
  (providerStatus: string): TaskStatus
  /** The provider statuses this mapper knows, frozen. */
  readonly table: Readonly<Record<string, TaskStatus>>
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
  return Object.assign(mapper, { table: frozen })
}
