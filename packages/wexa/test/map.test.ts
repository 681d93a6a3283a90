import { readFileSync } from 'node:fs'
import { InvalidPayloadError } from '@taskbridge/core'
import { thrownBy } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import { mapWexaStatus, parseWexaTask, WEXA_STATUS_TABLE, type WexaTaskPayload } from '../src/index.js'

function fixture(name: string): WexaTaskPayload {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as WexaTaskPayload
}

const getTaskSeed = fixture('get-task-by-id.json')
const stopTaskSeed = fixture('stop-task.json')

/** The seed task with several executions: the first concluded, the second still running. */
function withSeveralExecutions(): WexaTaskPayload {
  const [first] = getTaskSeed.executions ?? []
  return {
    ...getTaskSeed,
    status: 'running',
    executions: [
      { ...first, created_at: 1745216425.5, end_time: 1745216582.1 },
      {
        ...first,
        execution_id: 'second-execution',
        goal: 'now write about his books',
        status: 'running',
        created_at: 1745216600.25,
        end_time: null,
        conclusion: null,
      },
    ],
  }
}

describe('parseWexaTask on the documented payloads', () => {
  it('maps the get-task-by-id seed', () => {
    const task = parseWexaTask(getTaskSeed)
    expect(task.id).toBe('6805e3a97d3775bffdb87608')
    expect(task.provider).toBe('wexa')
    expect(task.status).toBe('completed')
    expect(task.providerStatus).toBe('completed')
    expect(task.name).toBe('new platform')
    expect(task.createdAt?.toISOString()).toBe('2025-04-21T06:20:25.411Z')
    expect(task.updatedAt?.toISOString()).toBe('2025-04-21T06:20:25.411Z')
    expect(task.output?.format).toBe('markdown')
    expect(String(task.output?.value).startsWith('# Dr. A.P.J. Abdul Kalam')).toBe(true)
    expect(task.input).toBe('create a content about abdul kalam')
    expect(task.finishedAt?.toISOString()).toBe('2025-04-21T06:23:02.085Z')
    expect(task.startedAt).toBeUndefined()
    expect(task.parentId).toBe('67fdea40aac77be632954f13')
    expect(task.metadata).toEqual({
      projectId: '67fdea40aac77be632954f13',
      createdBy: '67fdea40aac77be632954f0e',
      executionIds: ['5f316a19-debf-479c-aae5-5c3ecceef2b8'],
      executionTree: getTaskSeed.execution_nodes,
      executions: [
        {
          id: '5f316a19-debf-479c-aae5-5c3ecceef2b8',
          status: 'completed',
          agentflowId: '67fdea9b68df1c3e9580a549',
          goal: 'create a content about abdul kalam',
        },
      ],
      executionsStatusCount: { completed: 1 },
      conclusionLinks: [],
    })
    expect(task.raw).toBe(getTaskSeed)
  })

  it('maps the stop seed, which has no executions', () => {
    const task = parseWexaTask(stopTaskSeed)
    expect(task).toMatchObject({ id: '680716d41a9ea363140a265c', status: 'cancelled', name: 'content creator testing' })
    expect(task.output).toBeUndefined()
    expect(task.input).toBeUndefined()
    expect(task.finishedAt).toBeUndefined()
    expect(task.metadata.executions).toEqual([])
  })

  it('accepts the payload as JSON text and keeps the parsed value as raw', () => {
    const task = parseWexaTask(JSON.stringify(getTaskSeed))
    expect(task.raw).toEqual(getTaskSeed)
    expect(task.status).toBe('completed')
  })

  it('never alters the payload', () => {
    const frozen = structuredClone(getTaskSeed)
    const deepFreeze = (value: unknown): void => {
      if (typeof value === 'object' && value !== null) {
        Object.freeze(value)
        for (const child of Object.values(value)) deepFreeze(child)
      }
    }
    deepFreeze(frozen)
    expect(parseWexaTask(frozen).raw).toEqual(getTaskSeed)
  })
})

describe('Wexa statuses', () => {
  it.each(Object.entries(WEXA_STATUS_TABLE))('%s maps to %s', (providerStatus, status) => {
    expect(mapWexaStatus(providerStatus)).toBe(status)
    expect(parseWexaTask({ ...getTaskSeed, status: providerStatus })).toMatchObject({ status, providerStatus })
  })

  it.each(['COMPLETED', 'archived', 'constructor', ''])(
    'an unknown status %j maps to unknown and is kept',
    (providerStatus) => {
      expect(parseWexaTask({ ...getTaskSeed, status: providerStatus })).toMatchObject({
        status: 'unknown',
        providerStatus,
      })
    },
  )

  it('gives no finishedAt to a task that is not terminal', () => {
    expect(parseWexaTask({ ...getTaskSeed, status: 'running' }).finishedAt).toBeUndefined()
  })
})

describe('Wexa payload variants', () => {
  it('needs only _id and status', () => {
    const task = parseWexaTask({ _id: 'abc', status: 'ready' })
    expect(task).toMatchObject({
      id: 'abc',
      status: 'pending',
      metadata: { executionIds: [], executionTree: [], executions: [] },
    })
    expect(task.createdAt).toBeUndefined()
    expect(task.name).toBeUndefined()
  })

  it('accepts null where the seed has values', () => {
    const nulls = Object.fromEntries(Object.keys(getTaskSeed).map((key) => [key, null]))
    const task = parseWexaTask({ ...nulls, _id: 'abc', status: 'completed' })
    expect(task).toMatchObject({ id: 'abc', status: 'completed' })
    expect(task.parentId).toBeUndefined()
  })

  it('accepts null inside executions', () => {
    const execution = Object.fromEntries(Object.keys(getTaskSeed.executions?.[0] ?? {}).map((key) => [key, null]))
    const task = parseWexaTask({ ...getTaskSeed, executions: [execution] })
    expect(task.output).toBeUndefined()
    expect(task.metadata.executions).toEqual([{}])
  })

  it('lets unknown fields through into raw', () => {
    const payload = { ...getTaskSeed, priority: 'high', executions: [{ ...getTaskSeed.executions?.[0], cost: 3 }] }
    const task = parseWexaTask(payload)
    expect(task.raw).toBe(payload)
    expect((task.raw as { priority: string }).priority).toBe('high')
  })

  it('maps zero executions to no input and no output', () => {
    const task = parseWexaTask({ ...getTaskSeed, executions: [], executions_status_count: {} })
    expect(task.input).toBeUndefined()
    expect(task.output).toBeUndefined()
    expect(task.finishedAt).toBeUndefined()
  })

  it('takes the output from the latest execution that concluded, and times from all of them', () => {
    const task = parseWexaTask(withSeveralExecutions())
    expect(String(task.output?.value).startsWith('# Dr. A.P.J. Abdul Kalam')).toBe(true)
    expect(task.input).toBe('now write about his books')
    expect(task.startedAt?.toISOString()).toBe('2025-04-21T06:20:25.500Z')
    expect(task.finishedAt).toBeUndefined()
    expect(task.metadata.executions).toEqual([
      expect.objectContaining({ id: '5f316a19-debf-479c-aae5-5c3ecceef2b8', status: 'completed' }),
      expect.objectContaining({ id: 'second-execution', status: 'running' }),
    ])
  })

  it('takes finishedAt from the latest end_time of a finished task', () => {
    const payload = withSeveralExecutions()
    const executions = (payload.executions ?? []).map((execution) => ({
      ...execution,
      end_time: execution.end_time ?? 1745216700.75,
    }))
    const task = parseWexaTask({ ...payload, status: 'completed', executions })
    expect(task.finishedAt?.toISOString()).toBe('2025-04-21T06:25:00.750Z')
  })
})

describe('parseWexaTask on bad payloads', () => {
  it.each([
    ['no _id', { status: 'completed' }, ['_id']],
    ['an empty _id', { _id: '', status: 'completed' }, ['_id']],
    ['a numeric _id', { _id: 42, status: 'completed' }, ['_id']],
    ['no status', { _id: 'abc' }, ['status']],
    ['created_at as text', { _id: 'abc', status: 'completed', created_at: 'yesterday' }, ['created_at']],
    ['executions not a list', { _id: 'abc', status: 'completed', executions: {} }, ['executions']],
  ])('rejects %s with InvalidPayloadError keeping raw', (_, payload, path) => {
    const error = thrownBy(() => parseWexaTask(payload)) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error.raw).toBe(payload)
    expect(error.provider).toBe('wexa')
    expect(error.issues[0]?.path).toEqual(path)
  })

  it.each([null, 'text that is not JSON', '[1,2]', 42])('rejects %j', (payload) => {
    const error = thrownBy(() => parseWexaTask(payload)) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
  })

  it('keeps text that is not JSON as raw', () => {
    const error = thrownBy(() => parseWexaTask('{"_id": "abc", ')) as InvalidPayloadError
    expect(error.raw).toBe('{"_id": "abc", ')
  })
})
