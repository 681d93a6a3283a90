import type { Redis } from 'ioredis'

// Compare-and-set: the change is appended only when the task's stored state is
// still the one it was compared with, so of two processes that saw the same
// change only one delivers it. A final change stops the watch in the same step.
const DELIVER = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return -1 end
if current ~= ARGV[2] then return 0 end
if ARGV[4] == '1' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
end
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

/** Redis with the watcher's scripts defined. */
export type ScriptedRedis = Redis & {
  taskbridgeDeliver(
    seenKey: string,
    changesKey: string,
    confirmedKey: string,
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
    redis.defineCommand('taskbridgeDeliver', { numberOfKeys: 3, lua: DELIVER })
    redis.defineCommand('taskbridgeAcquire', { numberOfKeys: 1, lua: ACQUIRE })
    redis.defineCommand('taskbridgeRelease', { numberOfKeys: 1, lua: RELEASE })
  }
  return scripted
}
