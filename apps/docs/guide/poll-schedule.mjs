// Runs core's own watchTask on a virtual clock against a task that ends after
// RUN_MS, and prints (as JSON) when each poll happened. The chart on
// guide/following-tasks.md is drawn from this output, so it shows what the
// code does. A process of its own: it replaces setTimeout and Math.random.
import { RateLimitError, watchTask } from '@taskbridge/core'

export const RUN_MS = 60_000
const RETRY_AFTER_MS = 10_000

let now = 0
const realSetTimeout = globalThis.setTimeout
// Every wait ends at once in real time, and the virtual clock moves on by it.
globalThis.setTimeout = (callback, ms = 0) =>
  realSetTimeout(() => {
    now += ms
    callback()
  }, 0)

/** The times (ms) of each poll until the end is seen; `rateLimitedPoll` answers 429 with Retry-After once. */
async function polls({ random, rateLimitedPoll }) {
  Math.random = () => random
  now = 0
  const times = []
  const adapter = {
    provider: 'chart',
    async getTask(id) {
      times.push(now)
      if (times.length === rateLimitedPoll) {
        throw new RateLimitError({ provider: 'chart', message: '429', retryAfterMs: RETRY_AFTER_MS })
      }
      const status = now >= RUN_MS ? 'completed' : 'running'
      return { id, provider: 'chart', status, providerStatus: status, metadata: {} }
    },
  }
  for await (const _task of watchTask(adapter, 'task')) {
    // Only the poll times matter here.
  }
  return times
}

process.stdout.write(
  JSON.stringify({
    runMs: RUN_MS,
    retryAfterMs: RETRY_AFTER_MS,
    // Math.random() is in [0, 1): 0 gives the full waits, just under 1 the shortest jitter allows.
    longest: await polls({ random: 0 }),
    shortest: await polls({ random: 0.999_999 }),
    rateLimited: await polls({ random: 0, rateLimitedPoll: 4 }),
  }),
)
