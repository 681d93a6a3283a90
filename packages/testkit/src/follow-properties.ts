// The shared property of every follower of tasks (watchTask, the webhook
// handler, createTaskWatcher, the distributed watcher): given a provider
// whose reads (or deliveries) answer a random script of states, timestamps,
// ids and failures, a follower reports exactly what core's follow policy
// calls news, and never a foreign state, an older one, the same state twice
// or a non-terminal state after a terminal one.
import {
  compareTaskStates,
  isTerminal,
  ProviderConnectionError,
  RateLimitError,
  TASK_STATUSES,
  type Task,
  type TaskbridgeError,
} from '@taskbridge/core'
import fc from 'fast-check'

/** One answer of the scripted provider: a state read (or delivered), or a failed read. */
export type FollowAnswer =
  | { readonly type: 'state'; readonly task: Task }
  | { readonly type: 'failure'; readonly error: TaskbridgeError }

/** What a follower is put through: the task it follows and the provider's answers, one per read, in order. */
export interface FollowScript {
  readonly id: string
  readonly answers: readonly FollowAnswer[]
}

/** What a follower did with a script: the states it reported about `script.id`, in order, and how many answers it took. */
export interface FollowerRun {
  readonly reported: readonly Task[]
  readonly consumed: number
}

/** A follower under the shared property; see {@link checkFollowerProperties}. */
export interface FollowerUnderTest {
  readonly name: string
  /** Whether it stops at the first terminal state it reports (every follower but a webhook handler). */
  readonly stopsAtTerminal: boolean
  /**
   * Follows `script.id` through a provider that gives `script.answers` in
   * order, one per read or delivery (see {@link scriptedReads}), and resolves
   * with what it reported once it will take no more.
   */
  run(script: FollowScript): Promise<FollowerRun>
}

const FOLLOWED_ID = 'task-1'
const START = Date.UTC(2026, 0, 1)

const stateArbitrary: fc.Arbitrary<Task> = fc
  .record({
    id: fc.oneof(
      { weight: 9, arbitrary: fc.constant(FOLLOWED_ID) },
      { weight: 1, arbitrary: fc.constant('other-task') },
    ),
    status: fc.constantFrom(...TASK_STATUSES),
    providerStatus: fc.constantFrom('A', 'B'),
    // Few distinct times, so equal timestamps (and missing ones) are common.
    second: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined, freq: 4 }),
    reason: fc.option(fc.constant('input' as const), { nil: undefined, freq: 1 }),
    output: fc.boolean(),
  })
  .map(({ id, status, providerStatus, second, reason, output }) => ({
    id,
    adapter: 'memory',
    provider: 'memory',
    status,
    providerStatus: `${status}:${providerStatus}`,
    ...(second === undefined ? {} : { updatedAt: new Date(START + second * 1000) }),
    ...(reason === undefined ? {} : { reason }),
    ...(output ? { output: { format: 'text' as const, value: 'done' } } : {}),
    metadata: {},
    raw: { id, status, second },
  }))

const failureArbitrary: fc.Arbitrary<TaskbridgeError> = fc.oneof(
  fc.constant(null).map(() => new ProviderConnectionError({ provider: 'memory', message: 'connection reset' })),
  fc
    .option(fc.integer({ min: 1, max: 50 }), { nil: undefined })
    .map((retryAfterMs) => new RateLimitError({ provider: 'memory', message: 'too many requests', retryAfterMs })),
)

/** Random scripts: up to 12 answers, mostly states of the followed task, some of another task, some failures. */
export function followScripts(): fc.Arbitrary<FollowScript> {
  const answer: fc.Arbitrary<FollowAnswer> = fc.oneof(
    { weight: 4, arbitrary: stateArbitrary.map((task) => ({ type: 'state' as const, task })) },
    { weight: 1, arbitrary: failureArbitrary.map((error) => ({ type: 'failure' as const, error })) },
  )
  return fc.array(answer, { minLength: 1, maxLength: 12 }).map((answers) => ({ id: FOLLOWED_ID, answers }))
}

/** A scripted provider: its `getTask`, and how many answers it gave. */
export interface ScriptedReads {
  readonly consumed: number
  getTask(id: string, options?: { signal?: AbortSignal | undefined }): Promise<Task>
}

/**
 * A provider's `getTask` that answers `script.answers` in order, one per
 * call, whatever id is asked; after the last it never answers (it rejects
 * with the signal's reason when aborted). `consumed` counts the answers given.
 */
export function scriptedReads(script: FollowScript): ScriptedReads {
  let next = 0
  return {
    get consumed(): number {
      return next
    },
    getTask(_id, options = {}) {
      const answer = script.answers[next]
      if (answer === undefined) {
        return new Promise((_, reject) => {
          const { signal } = options
          if (signal?.aborted) return reject(signal.reason)
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
        })
      }
      next += 1
      return answer.type === 'state' ? Promise.resolve(answer.task) : Promise.reject(answer.error)
    },
  }
}

/** What a follower must report for the answers it took: each state that core's policy calls news, in order. */
export function expectedReports(script: FollowScript, consumed: number, stopsAtTerminal: boolean): Task[] {
  const reported: Task[] = []
  for (const answer of script.answers.slice(0, consumed)) {
    if (answer.type !== 'state') continue
    if (compareTaskStates(reported.at(-1), answer.task, script.id) !== 'news') continue
    reported.push(answer.task)
    if (stopsAtTerminal && isTerminal(answer.task.status)) break
  }
  return reported
}

const describe = (task: Task) =>
  `${task.id}:${task.status}/${task.providerStatus}@${task.updatedAt?.getTime() ?? '-'}${task.reason ? `/${task.reason}` : ''}${task.output ? '+output' : ''}`

/**
 * Checks one run against the rules, each on its own (so a policy bug shows
 * too) and then against {@link expectedReports}. Throws an `Error` saying
 * what broke.
 */
export function checkFollowerRun(script: FollowScript, run: FollowerRun, stopsAtTerminal: boolean): void {
  const { reported } = run
  reported.forEach((task, index) => {
    if (task.id !== script.id) throw new Error(`reported a state of another task: ${describe(task)}`)
    const before = reported[index - 1]
    if (!before) return
    if (isTerminal(before.status) && !isTerminal(task.status)) {
      throw new Error(`reported ${describe(task)} after the terminal ${describe(before)}`)
    }
    const [was, now] = [before.updatedAt?.getTime(), task.updatedAt?.getTime()]
    if (was !== undefined && now !== undefined && now < was) {
      throw new Error(`reported the older ${describe(task)} after ${describe(before)}`)
    }
    if (describe(task) === describe(before)) throw new Error(`reported ${describe(task)} twice in a row`)
  })
  const expected = expectedReports(script, run.consumed, stopsAtTerminal)
  if (expected.length !== reported.length || expected.some((task, index) => task !== reported[index])) {
    throw new Error(
      `reported [${reported.map(describe).join(', ')}] but the policy calls [${expected.map(describe).join(', ')}] news`,
    )
  }
}

/**
 * Runs the shared property of followers against `follower`: for random
 * scripts ({@link followScripts}), {@link checkFollowerRun} holds, `runs`
 * times (default 1000). A fixed seed (default 26), so a failure comes back
 * the same; resolves with the number of runs.
 *
 * @example
 * ```ts
 * import { checkFollowerProperties, scriptedReads } from '@taskbridge/testkit/properties'
 * await checkFollowerProperties({ name: 'my follower', stopsAtTerminal: true, run: async (script) => ({ reported: [], consumed: 0 }) })
 * ```
 */
export async function checkFollowerProperties(
  follower: FollowerUnderTest,
  options: { runs?: number; seed?: number } = {},
): Promise<number> {
  const runs = options.runs ?? 1000
  await fc.assert(
    fc.asyncProperty(followScripts(), async (script) => {
      const run = await follower.run(script)
      checkFollowerRun(script, run, follower.stopsAtTerminal)
    }),
    { numRuns: runs, seed: options.seed ?? 26 },
  )
  return runs
}
