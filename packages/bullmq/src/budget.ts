import { randomUUID } from 'node:crypto'
import type { Queue } from 'bullmq'
import type { ScriptedRedis } from './scripts.js'
import type { StateKeys } from './state.js'

/** One provider's request budget, kept in Redis for every worker of the prefix. */
export interface SharedBudget {
  /** Takes a slot for one request: its name, or how long to wait for one. */
  acquire(): Promise<{ slot: string } | { waitMs: number }>
  /** The request of `slot` was answered: it leaves the window a second from now. */
  release(slot: string): Promise<void>
  /** Pauses every worker of the provider (a 429): its queue, and the sweeps of its listing. */
  pause(ms: number): Promise<void>
  /** How long the provider is still paused, 0 when it is not. */
  pausedForMs(): Promise<number>
}

/** The budget of `provider`: `requestsPerSecond` in any second, a slot of a dead worker held `holdMs`. */
export function sharedBudget(
  redis: ScriptedRedis,
  keys: StateKeys,
  provider: string,
  queue: Queue,
  requestsPerSecond: number,
  holdMs: number,
): SharedBudget {
  const budgetKey = keys.budget(provider)
  const pausedKey = keys.paused(provider)
  const slotPrefix = randomUUID()
  let slots = 0
  return {
    async acquire() {
      slots += 1
      const slot = `${slotPrefix}:${slots}`
      const waitMs = await redis.taskbridgeAcquire(budgetKey, requestsPerSecond, slot, holdMs)
      return waitMs > 0 ? { waitMs } : { slot }
    },
    async release(slot) {
      await redis.taskbridgeRelease(budgetKey, slot)
    },
    async pause(ms) {
      const pauseMs = Math.max(1, Math.ceil(ms))
      await redis.set(pausedKey, '1', 'PX', pauseMs)
      // BullMQ's limiter is kept in Redis: every worker's queue waits.
      await queue.rateLimit(pauseMs)
    },
    async pausedForMs() {
      return Math.max(0, await redis.pttl(pausedKey))
    },
  }
}
