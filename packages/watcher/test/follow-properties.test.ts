import type { Task } from '@taskbridge/core'
import { propertyRuns } from '@taskbridge/test-support/property-runs'
import { checkFollowerProperties, type FollowerUnderTest, scriptedReads } from '@taskbridge/testkit/properties'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTaskWatcher } from '../src/index.js'

// The shared property of followers (testkit's follow-properties), the same
// one core's followers pass, run against the watcher on fake time.
beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const watcherFollower: FollowerUnderTest = {
  name: 'createTaskWatcher',
  stopsAtTerminal: true,
  async run(script) {
    const reads = scriptedReads(script)
    const reported: Task[] = []
    const watcher = createTaskWatcher({
      providers: [{ adapter: { provider: 'memory', getTask: reads.getTask }, budget: { requestsPerSecond: 1000 } }],
      intervalMs: 10,
      maxIntervalMs: 10,
      jitter: 0,
      rateLimitPauseMs: 10,
      onEvent: (event) => {
        if (event.type === 'change' && event.id === script.id) reported.push(event.task)
      },
    })
    watcher.watch('memory', script.id)
    await vi.advanceTimersByTimeAsync(1000)
    await watcher.stop()
    return { reported, consumed: reads.consumed }
  },
}

describe('the shared property of followers', () => {
  it('createTaskWatcher: reports exactly the news, never a foreign, older or repeated state, nothing after the end', async () => {
    expect(await checkFollowerProperties(watcherFollower, { runs: propertyRuns() })).toBe(propertyRuns())
  }, 120_000)
})
