import { describe, expect, it } from 'vitest'
import { TASK_REASONS, type Task, TaskSchema } from '../src/index.js'
import { makeTask } from './support.js'

function makeFullTask(): Task {
  return makeTask({
    id: 'exec-42',
    provider: 'xpander',
    status: 'failed',
    providerStatus: 'error',
    reason: 'failed',
    name: 'Summarise the report',
    input: { text: 'summarise', files: ['a.pdf'] },
    output: { format: 'json', value: { summary: 'short', score: 0.5 } },
    error: { message: 'tool crashed', code: 'E_TOOL', details: { tool: 'search' } },
    createdAt: new Date('2024-03-01T10:00:00.000Z'),
    updatedAt: new Date('2024-03-01T10:05:30.250Z'),
    startedAt: new Date('2024-03-01T10:00:01.500Z'),
    finishedAt: new Date('2024-03-01T10:05:30.000Z'),
    parentId: 'parent-7',
    attempts: 2,
    metadata: { source: 'api', tags: ['x'] },
    raw: { id: 'exec-42', status: 'error', created_at: '2024-03-01T10:00:00Z' },
  })
}

/** The paths of the issues `value` fails with; fails the test when it parses. */
function issuePaths(value: unknown): PropertyKey[][] {
  const result = TaskSchema.safeParse(value)
  expect(result.success).toBe(false)
  return result.success ? [] : result.error.issues.map((issue) => issue.path)
}

function makeWaitingTask(): Task {
  return makeTask({
    status: 'waiting_for_input',
    providerStatus: 'input-required',
    reason: 'approval',
    request: {
      kind: 'approval',
      title: 'Approve refund',
      message: 'Refund 40 EUR for order 1234?',
      choices: [{ value: 'approve', label: 'Approve' }, { value: 'reject' }],
      schema: { type: 'object', properties: { note: { type: 'string' } } },
      url: 'https://console.example/tasks/task-1',
      metadata: { humanTaskProcessContext: { state: 'ASSIGNED' } },
    },
  })
}

describe('TaskSchema', () => {
  it('keeps what a waiting task asks for through JSON', () => {
    const task = makeWaitingTask()

    expect(TaskSchema.parse(JSON.parse(JSON.stringify(task)))).toEqual(task)
  })

  it.each([
    ['an unknown kind', { kind: 'payment' }, ['request', 'kind']],
    ['a choice without a value', { kind: 'approval', choices: [{ label: 'Yes' }] }, ['request', 'choices', 0, 'value']],
    ['a schema that is not an object', { kind: 'input', schema: 'string' }, ['request', 'schema']],
  ])('refuses a request with %s', (_, request, path) => {
    expect(issuePaths({ ...makeTask(), request })).toContainEqual(path)
  })

  it('turns a task stored as JSON back into the same task, with Dates', () => {
    const task = makeFullTask()

    const again = TaskSchema.parse(JSON.parse(JSON.stringify(task)))

    for (const field of ['createdAt', 'updatedAt', 'startedAt', 'finishedAt'] as const) {
      expect(again[field]).toBeInstanceOf(Date)
      expect(again[field]?.getTime()).toBe(task[field]?.getTime())
    }
    expect(again).toEqual(task)
  })

  it('accepts Date instances as they are in memory', () => {
    const createdAt = new Date('2024-03-01T10:00:00.000Z')

    const parsed = TaskSchema.parse(makeTask({ createdAt }))

    expect(parsed.createdAt).toBeInstanceOf(Date)
    expect(parsed.createdAt?.getTime()).toBe(createdAt.getTime())
  })

  it('accepts ISO strings with an offset', () => {
    const parsed = TaskSchema.parse({ ...makeTask(), startedAt: '2024-03-01T12:00:00+02:00' })

    expect(parsed.startedAt?.toISOString()).toBe('2024-03-01T10:00:00.000Z')
  })

  it('rejects a status that is not normalised', () => {
    expect(issuePaths({ ...makeTask(), status: 'RUNNING' })).toEqual([['status']])
  })

  it('rejects an empty id', () => {
    expect(issuePaths(makeTask({ id: '' }))).toEqual([['id']])
  })

  it('rejects a task without metadata', () => {
    const { metadata: _, ...withoutMetadata } = makeTask()

    expect(issuePaths(withoutMetadata)).toEqual([['metadata']])
  })

  it.each([
    ['a date without a time', '2024-03-01'],
    ['a time without an offset', '2024-03-01T10:00:00'],
    ['an RFC 2822 date', 'Fri, 01 Mar 2024 10:00:00 GMT'],
    ['unix seconds as a string', '1709287200'],
    ['free text', 'yesterday'],
  ])('rejects %s as a date', (_, value) => {
    expect(issuePaths({ ...makeTask(), updatedAt: value })).toEqual([['updatedAt']])
  })

  it('rejects an invalid Date instance', () => {
    expect(issuePaths(makeTask({ finishedAt: new Date('not a date') }))).toEqual([['finishedAt']])
  })

  it.each([-1, 1.5])('rejects %s attempts', (attempts) => {
    expect(issuePaths(makeTask({ attempts }))).toEqual([['attempts']])
  })

  it('accepts zero attempts', () => {
    expect(TaskSchema.parse(makeTask({ attempts: 0 })).attempts).toBe(0)
  })

  it.each([
    ['past the year 9999', new Date(1e15)],
    ['before the year 0000', new Date(-1e14)],
  ])('rejects a Date %s, which its JSON could not bring back', (_, date) => {
    expect(issuePaths(makeTask({ createdAt: date }))).toEqual([['createdAt']])
  })

  it('accepts the first and last dates JSON can bring back, and round-trips them', () => {
    const task = makeTask({
      createdAt: new Date('0000-01-01T00:00:00.000Z'),
      finishedAt: new Date('9999-12-31T23:59:59.999Z'),
    })
    expect(TaskSchema.parse(JSON.parse(JSON.stringify(task)))).toMatchObject({
      createdAt: task.createdAt,
      finishedAt: task.finishedAt,
    })
  })

  it.each(TASK_REASONS)('keeps the reason %s', (reason) => {
    expect(TaskSchema.parse({ ...makeFullTask(), reason }).reason).toBe(reason)
  })

  it('refuses a reason outside the closed set', () => {
    expect(issuePaths({ ...makeFullTask(), reason: 'bored' })).toEqual([['reason']])
  })
})
