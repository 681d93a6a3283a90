import { createWebhookHandler, type Task, waitForTask, watchTask } from '@taskbridge/core'
import { propertyRuns } from '@taskbridge/test-support/property-runs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  checkFollowerProperties,
  type FollowerUnderTest,
  type FollowScript,
  scriptedReads,
} from '../src/follow-properties.js'

// The shared property of followers (src/follow-properties.ts) run against
// core's followers; the watcher's package runs it against createTaskWatcher.
// Every wait is on fake time: short waits, moved past at once.
beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** Short waits, so a whole script plays within one second of fake time. */
const quick = { intervalMs: 10, maxIntervalMs: 10, jitter: 0, rateLimitPauseMs: 10 }

async function runWatchTask(script: FollowScript): Promise<{ reported: Task[]; consumed: number }> {
  const reads = scriptedReads(script)
  const controller = new AbortController()
  const reported: Task[] = []
  const watching = (async () => {
    for await (const task of watchTask({ provider: 'memory', getTask: reads.getTask }, script.id, {
      ...quick,
      signal: controller.signal,
    })) {
      reported.push(task)
    }
  })().catch(() => undefined)
  await vi.advanceTimersByTimeAsync(1000)
  controller.abort()
  await watching
  return { reported, consumed: reads.consumed }
}

const followers: FollowerUnderTest[] = [
  { name: 'watchTask', stopsAtTerminal: true, run: runWatchTask },
  {
    name: 'waitForTask (onUpdate)',
    stopsAtTerminal: true,
    async run(script) {
      const reads = scriptedReads(script)
      const controller = new AbortController()
      const reported: Task[] = []
      const waiting = waitForTask({ provider: 'memory', getTask: reads.getTask }, script.id, {
        ...quick,
        signal: controller.signal,
        onUpdate: (task) => reported.push(task),
      }).catch(() => undefined)
      await vi.advanceTimersByTimeAsync(1000)
      controller.abort()
      await waiting
      return { reported, consumed: reads.consumed }
    },
  },
  {
    name: 'createWebhookHandler',
    // A delivery after a terminal one can still be news (a later terminal state).
    stopsAtTerminal: false,
    async run(script) {
      const reported: Task[] = []
      const handler = createWebhookHandler({
        parse: (body) => {
          const answer = script.answers[(body as { index: number }).index]
          if (answer?.type !== 'state') throw new Error('the script sends only states')
          return answer.task
        },
        onChange: (task) => {
          if (task.id === script.id) reported.push(task)
        },
      })
      for (const [index, answer] of script.answers.entries()) {
        // A failure is a delivery the provider never made.
        if (answer.type !== 'state') continue
        const response = await handler(
          new Request('http://hooks.local/', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ index }),
          }),
        )
        expect(response.status).toBe(200)
      }
      return { reported, consumed: script.answers.length }
    },
  },
]

describe('the shared property of followers', () => {
  for (const follower of followers) {
    it(`${follower.name}: reports exactly the news, never a foreign, older or repeated state, nothing after the end`, async () => {
      expect(await checkFollowerProperties(follower, { runs: propertyRuns() })).toBe(propertyRuns())
    }, 120_000)
  }
})
