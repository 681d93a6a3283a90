import { type Task, TaskNotFoundError } from '@taskbridge/core'
import { propertyRuns } from '@taskbridge/test-support/property-runs'
import { type RedisServer, startRedisServer } from '@taskbridge/test-support/redis-server'
import {
  checkFollowerProperties,
  type FollowerUnderTest,
  type FollowScript,
  scriptedReads,
} from '@taskbridge/testkit/properties'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDistributedWatcher, type DistributedWatcher, type TaskChange } from '../src/index.js'

// The shared property of followers (testkit's follow-properties), the same
// one core's followers and the in-process watcher pass, run against the
// distributed watcher: its worker and its handler in this process, its state
// in a redis-server of the test's own. BullMQ runs on real time, so each
// case watches a task of its own and every wait is a millisecond.
const PREFIX = `property-${process.pid}`
const WAIT = { timeout: 60_000, interval: 5 }

/** What the case being run has answered and reported. */
interface Case {
  readonly id: string
  readonly script: FollowScript
  readonly reads: ReturnType<typeof scriptedReads>
  readonly reported: Task[]
  ended: boolean
}

let redis: RedisServer
let client: Redis
let watcher: DistributedWatcher
let current: Case | undefined
let cases = 0

/** The script's answer, about this case's own task id when it was about the followed one; `raw` says which answer. */
async function answer(run: Case, id: string): Promise<Task> {
  if (run.reads.consumed === run.script.answers.length) {
    // The script is over: an error that is not retryable ends the watch (a final error event).
    throw new TaskNotFoundError({ provider: 'memory', message: 'the script has no more answers' })
  }
  const index = run.reads.consumed
  const task = await run.reads.getTask(id)
  const own = task.id === run.script.id ? run.id : task.id
  return { ...task, id: own, raw: { answer: index } }
}

/** A change back to the script's own state object, as the property compares them. */
function scriptTaskOf(run: Case, change: TaskChange): Task {
  const { answer: index } = change.task.raw as { answer: number }
  const scripted = run.script.answers[index]
  if (scripted?.type !== 'state') throw new Error(`change ${change.dedupKey} is not a state of the script`)
  return scripted.task
}

beforeAll(async () => {
  redis = await startRedisServer()
  client = new Redis(redis.url)
  watcher = createDistributedWatcher({
    connection: redis.url,
    prefix: PREFIX,
    intervalMs: 1,
    maxIntervalMs: 1,
    jitter: 0,
    rateLimitPauseMs: 1,
    providers: [
      {
        provider: 'memory',
        budget: { requestsPerSecond: 100_000 },
        createAdapter: () => ({
          provider: 'memory',
          getTask: (id) => (current ? answer(current, id) : Promise.reject(new Error('no case runs'))),
        }),
      },
    ],
    onChange: (change) => {
      if (current && change.id === current.id) current.reported.push(scriptTaskOf(current, change))
      if (current && change.id === current.id && change.final) current.ended = true
    },
    onError: (error) => {
      if (current && error.id === current.id && error.final) current.ended = true
    },
  })
})
afterAll(async () => {
  await watcher?.close()
  client?.disconnect()
  await redis?.stop()
})

const distributedFollower: FollowerUnderTest = {
  name: 'createDistributedWatcher',
  stopsAtTerminal: true,
  async run(script) {
    cases += 1
    const run: Case = { id: `case-${cases}`, script, reads: scriptedReads(script), reported: [], ended: false }
    current = run
    await watcher.watch('memory', run.id)
    await vi.waitFor(() => expect(run.ended).toBe(true), WAIT)
    // Every change appended before the end has reached the handler.
    await vi.waitFor(async () => expect(await client.xlen(`${PREFIX}:changes`)).toBe(0), WAIT)
    current = undefined
    return { reported: run.reported, consumed: run.reads.consumed }
  },
}

// Each case is BullMQ jobs round-tripping through Redis, about 0.1 s: this
// follower runs a fifth of the cases the in-process ones run (200 by default,
// 2,000 when TASKBRIDGE_PROPERTY_RUNS=10000), with the same scripts and seed.
const RUNS = propertyRuns({ fraction: 0.2 })

describe('the shared property of followers', () => {
  it(`createDistributedWatcher: reports exactly the news, never a foreign, older or repeated state, nothing after the end (${RUNS} cases)`, async () => {
    expect(await checkFollowerProperties(distributedFollower, { runs: RUNS })).toBe(RUNS)
  }, 600_000)
})
