import { inspect } from 'node:util'
import {
  type AnyTaskAdapter,
  AuthenticationError,
  type CallOptions,
  InvalidArgumentError,
  InvalidPayloadError,
  isActive,
  isTaskStatus,
  isTerminal,
  type Operation,
  ProviderApiError,
  ProviderConnectionError,
  RateLimitError,
  type Task,
  type TaskAdapter,
  TaskbridgeError,
  TaskNotFoundError,
  TaskSchema,
  UnsupportedOperationError,
  type WatchableAdapter,
  waitForTask,
} from '@taskbridge/core'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { rejectionOf } from '../assert.js'
import { CONTRACT_ANSWER, registerAnswerTests } from './answer-checks.js'
import type { EmulatorHarness } from './harness.js'
import { type HeaderContractOptions, registerHeaderTests } from './header-checks.js'
import { type AdapterOptionsContract, registerOptionTests } from './option-checks.js'
import { knownStatusProblem, unknownStatusProblem } from './status-checks.js'

/** What the suite's extra tests can reach. */
export interface AdapterContractContext<Harness extends EmulatorHarness> {
  /** The running emulator (valid inside tests). */
  emulator(): Harness
  /** The adapter under test, created fresh for each test. */
  adapter(): AnyTaskAdapter
}

/** Options of {@link runAdapterContract}. */
export interface AdapterContractOptions<Harness extends EmulatorHarness> {
  /** The suite's title, usually the adapter's name. */
  name: string
  /** Starts the emulator the adapter talks to; called once for the suite. */
  startEmulator(): Promise<Harness>
  /** Creates the adapter under test, pointed at `emulator.baseUrl` with the emulator's credentials. */
  createAdapter(emulator: Harness): AnyTaskAdapter
  /**
   * What to pass to `startTask` so the emulator starts work that runs to
   * `completed` on its clock. Required when the adapter can start tasks.
   */
  startInput?(emulator: Harness): unknown
  /** What to pass to `answerTask` for a task of `createWaitingTask`. Default: `{ approved: true, text: … }`. */
  answer?(emulator: Harness): unknown
  /**
   * Set when the server under test starts a second run for a repeated
   * idempotency key although the adapter sends it (an A2A agent that does not
   * drop a repeated `messageId`, which A2A leaves to the agent): the suite
   * then checks that the key is accepted rather than that it gives one run.
   */
  serverRunsRepeatedStarts?: boolean
  /**
   * The headers section: how to create the adapter with a `headers` option
   * and what it must send. Without it the section is skipped.
   */
  headers?: HeaderContractOptions<Harness>
  /**
   * The factory and its options, for the options section: an unknown key, a
   * bad value of each option the schema names, a required option missing
   * with its variable unset, and a variable read when the adapter is created.
   */
  factoryOptions?: AdapterOptionsContract<Harness>
  /** More tests to run with the same emulator and reset rules. */
  additionalTests?(context: AdapterContractContext<Harness>): void
}

// Each test talks to a real server over loopback; these limits hold on a loaded
// machine, whatever timeout the user's own vitest config sets.
const testLimit = { timeout: 60_000 }
const waitLimit = { timeout: 30_000 }

const operations: readonly { operation: Operation; capability: keyof TaskAdapter['capabilities'] }[] = [
  { operation: 'getTask', capability: 'get' },
  { operation: 'listTasks', capability: 'list' },
  { operation: 'startTask', capability: 'start' },
  { operation: 'streamTask', capability: 'stream' },
  { operation: 'pauseTask', capability: 'pause' },
  { operation: 'resumeTask', capability: 'resume' },
  { operation: 'answerTask', capability: 'answer' },
  { operation: 'cancelTask', capability: 'cancel' },
]

async function take(iterable: AsyncIterable<Task>, count: number): Promise<Task[]> {
  const tasks: Task[] = []
  if (count <= 0) return tasks
  for await (const task of iterable) {
    tasks.push(task)
    if (tasks.length >= count) break
  }
  return tasks
}

function callOperation(adapter: AnyTaskAdapter, operation: Operation, id: string): Promise<unknown> {
  if (operation === 'listTasks') return take(adapter.listTasks(), 1)
  if (operation === 'startTask') return adapter.startTask({})
  if (operation === 'streamTask') return take(adapter.streamTask(id), 1)
  if (operation === 'answerTask') return adapter.answerTask(id, CONTRACT_ANSWER)
  return adapter[operation](id)
}

/** The adapter, with the emulator's clock moved on by a second before each read: a started task runs poll by poll. */
function steppedByPolls(adapter: AnyTaskAdapter, harness: EmulatorHarness): WatchableAdapter {
  return {
    name: adapter.name,
    getTask: (id: string, options?: CallOptions) => {
      harness.clock.advance(1000)
      return adapter.getTask(id, options)
    },
  }
}

/**
 * Registers the shared vitest suite that every taskbridge adapter must pass:
 * built-in ones, the example, and yours. It starts the emulator once, resets
 * it after each test, and checks over real HTTP what the contract promises:
 * capabilities that match behaviour, tasks and raw payloads, every provider
 * status mapped, typed errors for each failure, lazy paging, aborts, no
 * secret in any error and, given `factoryOptions`, what the factory does with
 * its options and environment variables.
 *
 * @example
 * ```ts
 * import { startWexaEmulator } from '@taskbridge/testkit'
 * import { runAdapterContract } from '@taskbridge/testkit/vitest'
 *
 * runAdapterContract({
 *   name: 'wexa',
 *   startEmulator: () => startWexaEmulator(),
 *   createAdapter: (emulator) =>
 *     createWexaAdapter({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, projectId: emulator.projectId }),
 * })
 * ```
 */
export function runAdapterContract<Harness extends EmulatorHarness>(options: AdapterContractOptions<Harness>): void {
  describe(`adapter contract: ${options.name}`, testLimit, () => {
    let running: Harness | undefined
    let current: AnyTaskAdapter | undefined
    const emulator = (): Harness => {
      if (!running) throw new Error('runAdapterContract: the emulator is not running')
      return running
    }
    const adapter = (): AnyTaskAdapter => {
      current ??= options.createAdapter(emulator())
      return current
    }
    const requestsTo = (route: string | undefined) =>
      emulator().requests.filter((request) => request.route === route).length
    const expectNoSecrets = (error: unknown) => {
      const shown = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join('\n')
      for (const secret of emulator().secrets) expect(shown).not.toContain(secret)
    }

    beforeAll(async () => {
      running = await options.startEmulator()
    }, testLimit.timeout)
    afterEach(() => {
      current = undefined
      running?.reset()
    })
    afterAll(async () => {
      await running?.close()
      running = undefined
    }, testLimit.timeout)

    describe('capabilities', () => {
      it('agree with the routes the emulator serves', () => {
        const { capabilities } = adapter()
        expect(capabilities.get).toBe(true)
        for (const { operation, capability } of operations) {
          expect(capabilities[capability], `${operation}: capability vs emulator route`).toBe(
            emulator().routes[operation] !== undefined,
          )
        }
      })

      for (const { operation, capability } of operations) {
        it(`${operation} without the capability throws UnsupportedOperationError before any request`, async (context) => {
          if (adapter().capabilities[capability]) context.skip()
          const id = emulator().createTask()
          const before = emulator().requests.length
          const error = await rejectionOf(callOperation(adapter(), operation, id))
          expect(UnsupportedOperationError.is(error)).toBe(true)
          expect((error as UnsupportedOperationError).operation).toBe(operation)
          expect(emulator().requests.length).toBe(before)
        })
      }
    })

    describe('getTask', () => {
      it('returns the task, with raw equal to the payload received', async () => {
        const id = emulator().createTask()
        const task = await adapter().getTask(id)
        expect(task.id).toBe(id)
        expect(task).toMatchObject({ adapter: adapter().name, provider: adapter().name })
        expect(task.providerStatus).toBe(emulator().providerStatusOf(id))
        expect(isTaskStatus(task.status)).toBe(true)
        const served = emulator()
          .requests.filter((request) => request.route === emulator().routes.getTask)
          .at(-1)
        expect(task.raw).toEqual(served?.response)
        expect(typeof task.metadata).toBe('object')
      })

      it('returns a task that survives JSON and TaskSchema', async () => {
        const task = await adapter().getTask(emulator().createTask())
        const again = TaskSchema.parse(JSON.parse(JSON.stringify(task)))
        expect(again.id).toBe(task.id)
        expect(again.status).toBe(task.status)
        expect(again.createdAt?.getTime()).toBe(task.createdAt?.getTime())
      })

      it('maps every status the emulator can produce to a known normalised status', async () => {
        for (const providerStatus of emulator().providerStatuses) {
          const task = await adapter().getTask(emulator().createTask(providerStatus))
          expect(knownStatusProblem(task, providerStatus)).toBeUndefined()
        }
      })

      it('maps a status it does not know to unknown, keeping providerStatus', async () => {
        const id = emulator().createTask()
        emulator().faults.inject(emulator().routes.getTask, { type: 'unknown-status', value: 'surprise_status' })
        const task = await adapter().getTask(id)
        expect(unknownStatusProblem(task, 'surprise_status')).toBeUndefined()
      })

      it('throws TaskNotFoundError for an unknown id', async () => {
        const error = await rejectionOf(adapter().getTask(emulator().unknownTaskId()))
        expect(TaskNotFoundError.is(error)).toBe(true)
        expect((error as TaskNotFoundError).provider).toBe(adapter().name)
        expectNoSecrets(error)
      })

      it.each(['', '   '])('rejects the id %j with InvalidArgumentError and sends nothing', async (id) => {
        const before = emulator().requests.length
        const error = await rejectionOf(adapter().getTask(id))
        expect(InvalidArgumentError.is(error)).toBe(true)
        expect(emulator().requests.length).toBe(before)
      })
    })

    describe('errors', () => {
      it('refused credentials give AuthenticationError with no secret in it', async () => {
        const id = emulator().createTask()
        const withOldCredentials = adapter()
        emulator().invalidateCredentials()
        const error = await rejectionOf(withOldCredentials.getTask(id))
        expect(AuthenticationError.is(error)).toBe(true)
        expectNoSecrets(error)
      })

      it('429 gives RateLimitError with the Retry-After wait', async () => {
        const id = emulator().createTask()
        emulator().faults.inject(
          emulator().routes.getTask,
          { type: 'status', status: 429, retryAfter: '3600' },
          { times: Infinity },
        )
        const error = await rejectionOf(adapter().getTask(id))
        expect(RateLimitError.is(error)).toBe(true)
        expect((error as RateLimitError).retryAfterMs).toBe(3_600_000)
        expectNoSecrets(error)
      })

      it('a server error gives a retryable ProviderApiError', async () => {
        const id = emulator().createTask()
        emulator().faults.inject(emulator().routes.getTask, { type: 'status', status: 500 }, { times: Infinity })
        const error = await rejectionOf(adapter().getTask(id))
        expect(ProviderApiError.is(error)).toBe(true)
        expect(error).toMatchObject({ status: 500, retryable: true })
        expectNoSecrets(error)
      })

      it('a body that is not JSON gives InvalidPayloadError keeping the raw text', async () => {
        const id = emulator().createTask()
        emulator().faults.inject(emulator().routes.getTask, { type: 'non-json' }, { times: Infinity })
        const error = await rejectionOf(adapter().getTask(id))
        expect(InvalidPayloadError.is(error)).toBe(true)
        expect(String((error as InvalidPayloadError).raw)).toContain('<html>')
        expectNoSecrets(error)
      })

      it('a truncated body gives InvalidPayloadError', async () => {
        const id = emulator().createTask()
        emulator().faults.inject(emulator().routes.getTask, { type: 'truncate' }, { times: Infinity })
        expect(InvalidPayloadError.is(await rejectionOf(adapter().getTask(id)))).toBe(true)
      })

      it('a reset connection gives a retryable ProviderConnectionError', async () => {
        const id = emulator().createTask()
        emulator().faults.inject(emulator().routes.getTask, { type: 'reset' }, { times: Infinity })
        const error = await rejectionOf(adapter().getTask(id))
        expect(ProviderConnectionError.is(error)).toBe(true)
        expect((error as ProviderConnectionError).retryable).toBe(true)
        expectNoSecrets(error)
      })

      it('a transient failure on getTask is retried', async () => {
        const id = emulator().createTask()
        emulator().faults.inject(emulator().routes.getTask, { type: 'status', status: 503 })
        await expect(adapter().getTask(id)).resolves.toMatchObject({ id })
      })

      it('an AbortSignal cancels a call in flight with the AbortError itself', async () => {
        const id = emulator().createTask()
        emulator().faults.inject(emulator().routes.getTask, { type: 'delay', ms: 60_000 })
        const controller = new AbortController()
        const pending = rejectionOf(adapter().getTask(id, { signal: controller.signal }))
        await vi.waitFor(() => expect(requestsTo(emulator().routes.getTask)).toBeGreaterThan(0), waitLimit)
        controller.abort()
        const error = await pending
        expect(error).toBe(controller.signal.reason)
        expect(TaskbridgeError.is(error)).toBe(false)
        // The request itself must be cancelled, not just abandoned.
        const inFlight = emulator().requests.filter((request) => request.route === emulator().routes.getTask)
        await vi.waitFor(() => expect(inFlight.at(-1)?.clientClosed).toBe(true), waitLimit)
      })
    })

    describe('listTasks', () => {
      it('fetches pages lazily and stops when the consumer stops', async (context) => {
        if (!adapter().capabilities.list) context.skip()
        for (let i = 0; i < 3; i++) emulator().createTask()
        const all = await take(adapter().listTasks({ pageSize: 2 }), 3)
        expect(all).toHaveLength(3)
        emulator().reset()
        for (let i = 0; i < 3; i++) emulator().createTask()
        const listRoute = emulator().routes.listTasks
        const first = await take(adapter().listTasks({ pageSize: 1 }), 1)
        expect(first).toHaveLength(1)
        expect(requestsTo(listRoute)).toBe(1)
      })

      it('honours limit', async (context) => {
        if (!adapter().capabilities.list) context.skip()
        for (let i = 0; i < 3; i++) emulator().createTask()
        const tasks: Task[] = []
        for await (const task of adapter().listTasks({ limit: 2, pageSize: 1 })) tasks.push(task)
        expect(tasks).toHaveLength(2)
        expect(requestsTo(emulator().routes.listTasks)).toBe(2)
      })

      it('yields tasks of this provider with known statuses', async (context) => {
        if (!adapter().capabilities.list) context.skip()
        emulator().createTask()
        const tasks = await take(adapter().listTasks({ pageSize: 5 }), 5)
        expect(tasks.length).toBeGreaterThan(0)
        for (const task of tasks) {
          expect(task).toMatchObject({ adapter: adapter().name, provider: adapter().name })
          expect(task.id).not.toBe('')
          expect(isTaskStatus(task.status)).toBe(true)
        }
      })

      it('reports a failing page as a typed error', async (context) => {
        if (!adapter().capabilities.list) context.skip()
        emulator().faults.inject(
          emulator().routes.listTasks ?? '',
          { type: 'status', status: 401 },
          { times: Infinity },
        )
        expect(AuthenticationError.is(await rejectionOf(take(adapter().listTasks(), 1)))).toBe(true)
      })
    })

    describe('control', () => {
      it('pauseTask pauses and resumeTask resumes', async (context) => {
        if (!(adapter().capabilities.pause && adapter().capabilities.resume)) context.skip()
        const id = emulator().createTask()
        const paused = await adapter().pauseTask(id)
        expect(paused.id).toBe(id)
        expect(paused.status).toBe('paused')
        expect((await adapter().getTask(id)).status).toBe('paused')
        const resumed = await adapter().resumeTask(id)
        expect(isActive(resumed.status)).toBe(true)
        expect(resumed.status).not.toBe('paused')
      })

      it('cancelTask cancels', async (context) => {
        if (!adapter().capabilities.cancel) context.skip()
        const id = emulator().createTask()
        const cancelled = await adapter().cancelTask(id)
        expect(cancelled.id).toBe(id)
        expect(cancelled.status).toBe('cancelled')
        expect(isTerminal((await adapter().getTask(id)).status)).toBe(true)
      })

      it('control calls are not retried after a server error', async (context) => {
        const control = (['cancelTask', 'pauseTask'] as const).find((operation) => emulator().routes[operation])
        if (!control || !adapter().capabilities[control === 'cancelTask' ? 'cancel' : 'pause']) context.skip()
        const route = emulator().routes[control as 'cancelTask' | 'pauseTask'] as string
        const id = emulator().createTask()
        emulator().faults.inject(route, { type: 'status', status: 500 }, { times: Infinity })
        const error = await rejectionOf(adapter()[control as 'cancelTask' | 'pauseTask'](id))
        expect(ProviderApiError.is(error)).toBe(true)
        expect(requestsTo(route)).toBe(1)
      })
    })

    describe('lifecycle', () => {
      it('startTask starts work that waitForTask follows to completed', async (context) => {
        if (!adapter().capabilities.start) context.skip()
        if (!options.startInput) throw new Error(`${options.name}: the adapter can start tasks, so give startInput`)
        const started = await adapter().startTask(options.startInput(emulator()))
        expect(started.id).not.toBe('')
        expect(started).toMatchObject({ adapter: adapter().name, provider: adapter().name })
        expect(isTerminal(started.status), `a new task is ${started.status}`).toBe(false)
        const done = await waitForTask(steppedByPolls(adapter(), emulator()), started.id, {
          intervalMs: 1,
          maxIntervalMs: 1,
          jitter: 0,
          timeoutMs: 30_000,
        })
        expect(done.status).toBe('completed')
        expect(done.id).toBe(started.id)
      })

      it('startTask is not retried after a server error', async (context) => {
        const route = emulator().routes.startTask
        if (!adapter().capabilities.start || !route || !options.startInput) context.skip()
        emulator().faults.inject(route as string, { type: 'status', status: 500 }, { times: Infinity })
        const error = await rejectionOf(adapter().startTask(options.startInput?.(emulator())))
        expect(ProviderApiError.is(error)).toBe(true)
        expect(requestsTo(route)).toBe(1)
      })

      it('startTask twice with one idempotencyKey gives one run, where the adapter honours keys', async (context) => {
        if (!adapter().capabilities.idempotentStart || !options.startInput) context.skip()
        const once = { idempotencyKey: `contract-${Math.random().toString(36).slice(2)}` }
        const first = await adapter().startTask(options.startInput?.(emulator()), once)
        const second = await adapter().startTask(options.startInput?.(emulator()), once)
        if (options.serverRunsRepeatedStarts) expect(second.id).not.toBe('')
        else expect(second.id).toBe(first.id)
      })

      it('startTask refuses an idempotencyKey it cannot honour, before any request', async (context) => {
        if (!adapter().capabilities.start || adapter().capabilities.idempotentStart) context.skip()
        const error = await rejectionOf(adapter().startTask(options.startInput?.(emulator()), { idempotencyKey: 'k' }))
        expect(UnsupportedOperationError.is(error)).toBe(true)
        expect(emulator().requests).toHaveLength(0)
      })

      it('a start that timed out without an idempotencyKey is not retryable', async (context) => {
        const route = emulator().routes.startTask
        if (!adapter().capabilities.start || !route || !options.startInput) context.skip()
        // Ends when the client gives up, so no timer outlives the test.
        emulator().faults.inject(route as string, { type: 'delay', ms: 60_000 })
        const error = await rejectionOf(adapter().startTask(options.startInput?.(emulator()), { timeoutMs: 300 }))
        expect(error).toMatchObject({ name: 'TimeoutError', retryable: false })
      })

      it('cancelTask on a task that has ended returns it unchanged', async (context) => {
        if (!adapter().capabilities.cancel) context.skip()
        for (const providerStatus of emulator().providerStatuses) {
          const id = emulator().createTask(providerStatus)
          const before = await adapter().getTask(id)
          if (!isTerminal(before.status)) continue
          const after = await adapter().cancelTask(id)
          expect(after, `cancel of a ${providerStatus} task`).toMatchObject({
            id,
            status: before.status,
            providerStatus: before.providerStatus,
          })
          expect(emulator().providerStatusOf(id)).toBe(providerStatus)
        }
      })

      it('cancelTask on an unknown id throws TaskNotFoundError', async (context) => {
        if (!adapter().capabilities.cancel) context.skip()
        const error = await rejectionOf(adapter().cancelTask(emulator().unknownTaskId()))
        expect(TaskNotFoundError.is(error)).toBe(true)
        expectNoSecrets(error)
      })
    })

    registerAnswerTests({ emulator, adapter, answer: () => options.answer?.(emulator()) ?? CONTRACT_ANSWER })
    if (options.headers) registerHeaderTests({ emulator, options: options.headers })

    if (options.factoryOptions) registerOptionTests({ emulator, contract: options.factoryOptions })

    options.additionalTests?.({ emulator, adapter })
  })
}
