import { InvalidPayloadError, isTerminal, type StoredTask, type Task } from '@taskbridge/core'
import { summaryKey, type TaskSnapshot } from '@taskbridge/core/internal'
import type { ScriptedRedis } from './scripts.js'

/** One change as the changes stream carries it, and as the handler receives it. */
export interface TaskChange<T extends Task = Task> {
  readonly provider: string
  readonly id: string
  /**
   * The task as read (a poll) or as delivered (a webhook), read back from
   * the changes stream: its own dates are `Date`s, its metadata is what JSON
   * made of the adapter's (a `Date` there is an ISO string); see core's `StoredTask`.
   */
  readonly task: StoredTask<T>
  /** The status is terminal: the task is no longer watched. */
  readonly final: boolean
  /** Where it was seen: a worker's read, or a webhook delivery passed to `receive`. */
  readonly source: 'poll' | 'webhook'
  /**
   * The same for every delivery of this change: `provider:id:status|providerStatus|updatedAt`.
   * A handler that must not act twice keeps the keys it has acted on.
   */
  readonly dedupKey: string
}

/** The Redis keys of one watcher deployment (one `prefix`). */
export interface StateKeys {
  /** Hash per provider: task id → the last state delivered as JSON, `''` before the first. A field exists while the task is watched. */
  seen(provider: string): string
  /** Hash per provider: task id → the list summary that last asked for a full read, so the same summary does not ask twice. */
  confirmed(provider: string): string
  /** Sorted set per provider: its requests in flight and those answered in the last second. */
  budget(provider: string): string
  /** Per provider, set for as long as a 429 asked every worker to wait. */
  paused(provider: string): string
  /** The stream every change is appended to. */
  readonly changes: string
}

/** The keys under `prefix`. */
export function stateKeys(prefix: string): StateKeys {
  return {
    seen: (provider) => `${prefix}:seen:${provider}`,
    confirmed: (provider) => `${prefix}:confirmed:${provider}`,
    budget: (provider) => `${prefix}:budget:${provider}`,
    paused: (provider) => `${prefix}:paused:${provider}`,
    changes: `${prefix}:changes`,
  }
}

/** What is kept in Redis of the last state delivered for one task: core's snapshot, without the id (the hash field). */
type StoredState = Omit<TaskSnapshot, 'id'>

const toStored = (task: Task): StoredState => ({
  status: task.status,
  providerStatus: task.providerStatus,
  ...(task.reason !== undefined ? { reason: task.reason } : {}),
  hasOutput: task.output !== undefined,
  ...(task.updatedAt && Number.isFinite(task.updatedAt.getTime()) ? { updatedAt: task.updatedAt.getTime() } : {}),
})

const optional = (value: unknown, type: 'string' | 'boolean' | 'number'): boolean =>
  value === undefined || (typeof value === type && (type !== 'number' || Number.isFinite(value)))

function isStoredState(value: unknown): value is StoredState {
  if (typeof value !== 'object' || value === null) return false
  const state = value as Record<string, unknown>
  return (
    typeof state.status === 'string' &&
    typeof state.providerStatus === 'string' &&
    optional(state.reason, 'string') &&
    optional(state.hasOutput, 'boolean') &&
    optional(state.updatedAt, 'number')
  )
}

/** What a stored value says: the last state delivered (core's snapshot), or that it is not one this package wrote. */
export type StoredRead = { previous: TaskSnapshot | undefined } | { corrupt: InvalidPayloadError }

/** Reads one stored state; `''` is a watch before its first delivery. */
export function readStored(provider: string, id: string, stored: string): StoredRead {
  if (stored === '') return { previous: undefined }
  let value: unknown
  try {
    value = JSON.parse(stored)
  } catch {
    value = undefined
  }
  if (isStoredState(value)) return { previous: { ...value, id } }
  const corrupt = new InvalidPayloadError({
    provider,
    raw: stored,
    message: `the state stored in Redis for task ${id} is not one this watcher wrote; it is replaced by the next read`,
  })
  return { corrupt }
}

/** What {@link recordTask} did. */
export type RecordOutcome = 'delivered' | 'unchanged' | 'not-watched'

/** What a read means against the last state delivered: the news to deliver, if any. */
export type Decide<T extends Task> = (previous: TaskSnapshot | undefined) => T | undefined

/** Stable for one state of a task: the handler's deduplication key. */
export function dedupKey(task: Task): string {
  return `${task.provider}:${task.id}:${task.status}|${summaryKey(task)}`
}

/** Where {@link recordTask} writes, and whom it tells of a stored state it cannot read. */
export interface RecordContext {
  redis: ScriptedRedis
  keys: StateKeys
  provider: string
  onCorrupt(id: string, error: InvalidPayloadError): void
}

/**
 * Compares a task read or delivered with the last state kept in Redis
 * (`decide`, by core's rules) and, when it is news, stores it and appends the
 * change to the stream, in one atomic step. A stored state this package did
 * not write is reported and counts as none, so the read replaces it.
 */
export async function recordTask<T extends Task>(
  context: RecordContext,
  id: string,
  decide: Decide<T>,
  source: TaskChange['source'],
): Promise<RecordOutcome> {
  const { redis, keys, provider } = context
  const seenKey = keys.seen(provider)
  let reported = false
  for (;;) {
    const stored = await redis.hget(seenKey, id)
    if (stored === null) return 'not-watched'
    const read = readStored(provider, id, stored)
    if ('corrupt' in read && !reported) {
      reported = true
      context.onCorrupt(id, read.corrupt)
    }
    const task = decide('previous' in read ? read.previous : undefined)
    if (task === undefined) return 'unchanged'
    const final = isTerminal(task.status)
    // Written as JSON: the handler reads it back as a TaskChange, its task a StoredTask.
    const change = { provider, id, task, final, source, dedupKey: dedupKey(task) }
    const outcome = await redis.taskbridgeDeliver(
      seenKey,
      keys.changes,
      keys.confirmed(provider),
      id,
      stored,
      JSON.stringify(toStored(task)),
      final ? '1' : '0',
      JSON.stringify(change),
    )
    if (outcome === 1) return 'delivered'
    if (outcome === -1) return 'not-watched'
    // Another process stored a state in between: compare again with it.
  }
}
