import { describe, expect, it } from 'vitest'
import {
  type CallOptions,
  createTaskClient,
  defineAdapter,
  InvalidArgumentError,
  ProviderApiError,
  type Task,
  type TaskAnswer,
  TaskNotWaitingError,
  type TaskStatus,
  UnsupportedOperationError,
  validateTaskAnswer,
} from '../src/index.js'
import { makeTask, rejectionOf } from './support.js'

interface Delivery {
  id: string
  answer: TaskAnswer
}

/** A provider holding one task in `status`, whose answer route refuses with `refusal` when given one. */
function answeringProvider(status: TaskStatus, refusal?: ProviderApiError) {
  const delivered: Delivery[] = []
  const reads: string[] = []
  const adapter = defineAdapter({
    provider: 'memory',
    getTask: async (id: string) => {
      reads.push(id)
      return makeTask({ id, status })
    },
    answerTask: async (id: string, answer: TaskAnswer, _options: CallOptions): Promise<Task> => {
      if (refusal) throw refusal
      delivered.push({ id, answer })
      return makeTask({ id, status: 'running' })
    },
    validateAnswer: validateTaskAnswer,
  })
  return { adapter, delivered, reads }
}

const refused = (status: number) => new ProviderApiError({ provider: 'memory', message: 'refused', status })

describe('defineAdapter: answerTask', () => {
  it('delivers the answer and returns the task afterwards, under the adapter name', async () => {
    const { adapter, delivered } = answeringProvider('waiting_for_input')

    const task = await adapter.answerTask('task-1', { approved: true, text: 'ok' })

    expect(adapter.capabilities.answer).toBe(true)
    expect(task).toMatchObject({ id: 'task-1', status: 'running', provider: 'memory' })
    expect(delivered).toEqual([{ id: 'task-1', answer: { approved: true, text: 'ok' } }])
  })

  it('is unsupported before any request when the provider has no way to answer', async () => {
    const reads: string[] = []
    const adapter = defineAdapter({
      provider: 'memory',
      getTask: async (id: string) => {
        reads.push(id)
        return makeTask({ id })
      },
      unsupportedReasons: { answerTask: 'no public answer route' },
    })

    const error = await rejectionOf(adapter.answerTask('task-1', { approved: true }))

    expect(adapter.capabilities.answer).toBe(false)
    expect(UnsupportedOperationError.is(error)).toBe(true)
    expect(error).toMatchObject({ operation: 'answerTask', provider: 'memory' })
    expect((error as Error).message).toContain('no public answer route')
    expect(reads).toEqual([])
  })

  it.each([
    ['null', null, 'must be an object'],
    ['a string', 'yes', 'must be an object'],
    ['an array', [true], 'must be an object'],
    ['an empty object', {}, 'the answer is empty'],
    ['approved that is not a boolean', { approved: 'yes' }, 'approved must be true or false'],
    ['text that is not a string', { text: 42 }, 'text must be a string'],
    ['data that is not an object', { data: [1] }, 'data must be an object'],
  ])('refuses %s before any request', async (_, answer, message) => {
    const { adapter, delivered, reads } = answeringProvider('waiting_for_input')

    const error = await rejectionOf(adapter.answerTask('task-1', answer as TaskAnswer))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument: 'answer' })
    expect((error as Error).message).toContain(message)
    expect([delivered, reads]).toEqual([[], []])
  })

  it('refuses a bad id before any request', async () => {
    const { adapter, delivered } = answeringProvider('waiting_for_input')

    const error = await rejectionOf(adapter.answerTask(' ', { approved: true }))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(delivered).toEqual([])
  })

  it.each([400, 409, 422])(
    'turns a %i refusal for a task that no longer waits into TaskNotWaitingError',
    async (status) => {
      const refusal = refused(status)
      const { adapter, reads } = answeringProvider('completed', refusal)

      const error = await rejectionOf(adapter.answerTask('task-1', { text: 'late' }))

      expect(TaskNotWaitingError.is(error)).toBe(true)
      expect(error).toMatchObject({ provider: 'memory', taskId: 'task-1', taskStatus: 'completed', retryable: false })
      expect((error as Error).message).toContain('is completed, no longer waiting for input')
      expect((error as Error).cause).toBe(refusal)
      expect(reads).toEqual(['task-1'])
    },
  )

  it('keeps the refusal when the task still waits', async () => {
    const refusal = refused(400)
    const { adapter } = answeringProvider('waiting_for_input', refusal)

    expect(await rejectionOf(adapter.answerTask('task-1', { text: 'bad' }))).toBe(refusal)
  })

  it('does not read the task after a server error', async () => {
    const refusal = refused(503)
    const { adapter, reads } = answeringProvider('completed', refusal)

    expect(await rejectionOf(adapter.answerTask('task-1', { text: 'x' }))).toBe(refusal)
    expect(reads).toEqual([])
  })
})

describe('createTaskClient: answerTask', () => {
  it('routes the answer to the named adapter', async () => {
    const alpha = answeringProvider('waiting_for_input')
    const client = createTaskClient({ adapters: [alpha.adapter] })

    const task = await client.answerTask('memory', 'task-9', { data: { city: 'Lisbon' } })

    expect(task.id).toBe('task-9')
    expect(alpha.delivered).toEqual([{ id: 'task-9', answer: { data: { city: 'Lisbon' } } }])
  })
})
