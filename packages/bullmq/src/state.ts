import { isTerminal, type Task, type TaskStatus } from '@taskbridge/core'
import { isChange, isStale, summaryKey } from '@taskbridge/watcher'
import type { Redis } from 'ioredis'

/** What is kept in Redis of the last state delivered for one task. */
interface SeenState {
  status: TaskStatus
  providerStatus: string
  updatedAt?: number
}

/** One change as the changes stream carries it, and as the handler receives it. */
export interface TaskChange<T extends Task = Task> {
  readonly provider: string
  readonly id: string
  /** The task as read (a poll) or as delivered (a webhook). */
  readonly task: T
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
  /** Sorted set per provider: its requests in flight and those answered in the last second. */
  budget(provider: string): string
  /** The stream every change is appended to. */
  readonly changes: string
}

/** The keys under `prefix`. */
export function stateKeys(prefix: string): StateKeys {
  return {
    seen: (provider) => `${prefix}:seen:${provider}`,
    budget: (provider) => `${prefix}:budget:${provider}`,
    changes: `${prefix}:changes`,
  }
}

// Compare-and-set: the change is appended only when the task's stored state is
// still the one it was compared with, so of two processes that saw the same
// change only one delivers it. A final change stops the watch in the same step.
const DELIVER = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return -1 end
if current ~= ARGV[2] then return 0 end
if ARGV[4] == '1' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
redis.call('XADD', KEYS[2], '*', 'change', ARGV[5])
return 1
`

// A sliding window of one second on Redis's own clock, shared by every
// process. A request counts from when it is sent until one second after its
// answer (RELEASE), so however long it travels, no second at the provider
// sees more than ARGV[1] arrive. One whose worker died counts until ARGV[3] ms
// have passed. Without a free slot the answer is how long to wait: until the
// oldest answered request leaves the window, or briefly when all are in flight.
const ACQUIRE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 1000000)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]) * 1000, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) + 2000)
  return 0
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
if oldest > now then return 20 end
return math.max(1, math.ceil((oldest + 1000000 - now) / 1000))
`

const RELEASE = `
local time = redis.call('TIME')
redis.call('ZADD', KEYS[1], 'XX', tonumber(time[1]) * 1000000 + tonumber(time[2]), ARGV[1])
return 0
`

/** Redis with the scripts defined. */
type ScriptedRedis = Redis & {
  taskbridgeDeliver(
    seenKey: string,
    changesKey: string,
    id: string,
    expected: string,
    next: string,
    final: '0' | '1',
    change: string,
  ): Promise<number>
  taskbridgeAcquire(budgetKey: string, requestsPerSecond: number, slot: string, holdMs: number): Promise<number>
  taskbridgeRelease(budgetKey: string, slot: string): Promise<number>
}

/** Defines the scripts on a connection (`defineCommand` sends each by its hash, loading it once). */
export function withScripts(redis: Redis): ScriptedRedis {
  const scripted = redis as ScriptedRedis
  if (typeof scripted.taskbridgeDeliver !== 'function') {
    redis.defineCommand('taskbridgeDeliver', { numberOfKeys: 2, lua: DELIVER })
    redis.defineCommand('taskbridgeAcquire', { numberOfKeys: 1, lua: ACQUIRE })
    redis.defineCommand('taskbridgeRelease', { numberOfKeys: 1, lua: RELEASE })
  }
  return scripted
}

const toSeen = (task: Task): SeenState => ({
  status: task.status,
  providerStatus: task.providerStatus,
  ...(task.updatedAt ? { updatedAt: task.updatedAt.getTime() } : {}),
})

/** The stored state as the part of a Task that the watcher's change detection reads. */
function fromSeen(provider: string, id: string, stored: string): Task | undefined {
  if (stored === '') return undefined
  const seen = JSON.parse(stored) as SeenState
  return {
    id,
    provider,
    status: seen.status,
    providerStatus: seen.providerStatus,
    metadata: {},
    raw: undefined,
    ...(seen.updatedAt !== undefined ? { updatedAt: new Date(seen.updatedAt) } : {}),
  }
}

/** What {@link recordTask} did. */
export type RecordOutcome = 'delivered' | 'unchanged' | 'not-watched'

/** Stable for one state of a task: the handler's deduplication key. */
export function dedupKey(task: Task): string {
  return `${task.provider}:${task.id}:${task.status}|${summaryKey(task)}`
}

/**
 * Compares a task read or delivered with the last state kept in Redis and,
 * when it is new (by the in-process watcher's rules), stores it and appends
 * the change to the stream, in one atomic step.
 */
export async function recordTask<T extends Task>(
  redis: ScriptedRedis,
  keys: StateKeys,
  provider: string,
  task: T,
  source: TaskChange['source'],
): Promise<RecordOutcome> {
  const seenKey = keys.seen(provider)
  for (;;) {
    const stored = await redis.hget(seenKey, task.id)
    if (stored === null) return 'not-watched'
    const previous = fromSeen(provider, task.id, stored)
    if (isStale(previous, task) || !isChange(previous, task)) return 'unchanged'
    const final = isTerminal(task.status)
    const change: TaskChange<T> = { provider, id: task.id, task, final, source, dedupKey: dedupKey(task) }
    const outcome = await redis.taskbridgeDeliver(
      seenKey,
      keys.changes,
      task.id,
      stored,
      JSON.stringify(toSeen(task)),
      final ? '1' : '0',
      JSON.stringify(change),
    )
    if (outcome === 1) return 'delivered'
    if (outcome === -1) return 'not-watched'
    // Another process stored a state in between: compare again with it.
  }
}
