import {
  type AnyTaskAdapter,
  type CallOptions,
  ProviderApiError,
  TASK_REQUEST_KINDS,
  type TaskAnswer,
  TaskNotFoundError,
  TaskNotWaitingError,
  type WatchableAdapter,
  waitForTask,
} from '@taskbridge/core'
import { describe, expect, it } from 'vitest'
import { rejectionOf } from '../assert.js'
import type { EmulatorHarness } from './harness.js'

/** The answer the suite sends when the adapter's options do not give one. */
export const CONTRACT_ANSWER: TaskAnswer = Object.freeze({ approved: true, text: 'Approved by the contract suite' })

interface AnswerTestContext<Harness extends EmulatorHarness> {
  emulator(): Harness
  adapter(): AnyTaskAdapter
  answer(): unknown
}

const waitLimit = { timeout: 30_000 }

/** The adapter, with the emulator's clock moved on by a second before each read. */
function steppedByPolls(adapter: AnyTaskAdapter, harness: EmulatorHarness): WatchableAdapter {
  return {
    name: adapter.name,
    getTask: (id: string, options?: CallOptions) => {
      harness.clock.advance(1000)
      return adapter.getTask(id, options)
    },
  }
}

/** A task of `createWaitingTask`, which the emulator must have when it serves answers. */
function waitingTask(harness: EmulatorHarness): string {
  if (!harness.createWaitingTask) throw new Error('the emulator serves answerTask, so it needs createWaitingTask')
  return harness.createWaitingTask()
}

/** The contract's tests of `answerTask`, for adapters with the `answer` capability. */
export function registerAnswerTests<Harness extends EmulatorHarness>(context: AnswerTestContext<Harness>): void {
  const { emulator, adapter, answer } = context
  const answering = () => adapter().capabilities.answer && emulator().routes.answerTask !== undefined

  describe('answerTask', () => {
    it('a waiting task says what it asks, and an answer resumes it to completed', waitLimit, async (test) => {
      if (!answering()) test.skip()
      const id = waitingTask(emulator())
      const waiting = await adapter().getTask(id)
      expect(waiting.status).toBe('waiting_for_input')
      expect(TASK_REQUEST_KINDS).toContain(waiting.request?.kind)

      const answered = await adapter().answerTask(id, answer())
      expect(answered.id).toBe(id)
      expect(answered).toMatchObject({ adapter: adapter().name, provider: adapter().name })
      expect(answered.status).not.toBe('waiting_for_input')
      expect(answered.request).toBeUndefined()

      const done = await waitForTask(steppedByPolls(adapter(), emulator()), id, {
        intervalMs: 1,
        maxIntervalMs: 1,
        jitter: 0,
        timeoutMs: 30_000,
      })
      expect(done.status).toBe('completed')
    })

    it('an answer to a task that no longer waits throws TaskNotWaitingError', async (test) => {
      if (!answering()) test.skip()
      const id = waitingTask(emulator())
      await adapter().answerTask(id, answer())

      const error = await rejectionOf(adapter().answerTask(id, answer()))
      expect(TaskNotWaitingError.is(error), String(error)).toBe(true)
      expect(error).toMatchObject({ taskId: id, provider: adapter().name })
      expect((error as TaskNotWaitingError).taskStatus).toBeDefined()
      expect((error as TaskNotWaitingError).taskStatus).not.toBe('waiting_for_input')
    })

    it('an answer to an unknown id throws TaskNotFoundError', async (test) => {
      if (!answering()) test.skip()
      const error = await rejectionOf(adapter().answerTask(emulator().unknownTaskId(), answer()))
      expect(TaskNotFoundError.is(error), String(error)).toBe(true)
    })

    it('an answer is not retried after a server error', async (test) => {
      const route = emulator().routes.answerTask
      if (!answering() || !route) test.skip()
      const id = waitingTask(emulator())
      emulator().faults.inject(route as string, { type: 'status', status: 500 }, { times: Infinity })
      const error = await rejectionOf(adapter().answerTask(id, answer()))
      expect(ProviderApiError.is(error)).toBe(true)
      expect(emulator().requests.filter((request) => request.route === route).length).toBe(1)
    })
  })
}
