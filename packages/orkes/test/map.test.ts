import { readFileSync } from 'node:fs'
import { InvalidPayloadError } from '@taskbridge/core'
import { thrownBy } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import {
  mapOrkesTaskStatus,
  mapOrkesWorkflowStatus,
  ORKES_TASK_STATUS_TABLE,
  ORKES_WORKFLOW_STATUS_TABLE,
  type OrkesTaskPayload,
  parseOrkesTask,
  parseOrkesWorkflow,
} from '../src/index.js'

const seed = JSON.parse(
  readFileSync(new URL('./fixtures/get-task-by-id.json', import.meta.url), 'utf8'),
) as OrkesTaskPayload

/** A search summary of the seed task, as /api/tasks/search shapes it: string times, serialised input and output. */
const summary = {
  taskId: seed.taskId,
  taskType: seed.taskType,
  taskDefName: seed.taskDefName,
  workflowId: seed.workflowInstanceId,
  workflowType: seed.workflowType,
  status: seed.status,
  scheduledTime: '2026-02-09T07:10:22.006Z',
  startTime: '2026-02-09T07:10:22.006Z',
  updateTime: '2026-02-09T07:10:22.078Z',
  endTime: '2026-02-09T07:10:22.070Z',
  executionTime: 64,
  queueWaitTime: 0,
  input: JSON.stringify(seed.inputData),
  output: JSON.stringify(seed.outputData),
}

const workflow = {
  workflowId: '1f610b08-0586-11f1-8b8d-6219b54da7fe',
  workflowName: 'DemoWorkflow',
  workflowVersion: 1,
  status: 'RUNNING',
  correlationId: 'order-42',
  input: { orderId: 42 },
  output: {},
  createTime: 1770621022000,
  startTime: 1770621022001,
  updateTime: 1770621022078,
  endTime: 0,
  priority: 0,
  tasks: [],
}

describe('parseOrkesTask', () => {
  it('maps the documented task', () => {
    const task = parseOrkesTask(seed)
    expect(task.id).toBe('65fc73fe-0586-11f1-8b8d-6219b54da7fe')
    expect(task.status).toBe('completed')
    expect(task.providerStatus).toBe('COMPLETED')
    expect(task.parentId).toBe('1f610b08-0586-11f1-8b8d-6219b54da7fe')
    expect(task.startedAt?.toISOString()).toBe('2026-02-09T07:10:22.006Z')
    expect(task.finishedAt?.toISOString()).toBe('2026-02-09T07:10:22.070Z')
    expect(task.createdAt?.toISOString()).toBe('2026-02-09T07:10:22.006Z')
    expect(task.updatedAt?.toISOString()).toBe('2026-02-09T07:10:22.078Z')
    expect(task.output?.format).toBe('data')
    expect(task.output?.value).toMatchObject({ response: { statusCode: 200 } })
    expect(task.input).toEqual(seed.inputData)
    expect(task.name).toBe('http')
    expect(task.attempts).toBe(0)
    expect(task.error).toBeUndefined()
    expect(task.metadata).toEqual({
      resource: 'task',
      taskType: 'HTTP',
      taskDefName: 'http',
      referenceTaskName: 'http_ref',
      workflowType: 'DemoWorkflow',
      workerId: 'orkes-conductor-deployment-f4bb6bd9b-fkpdb',
      seq: 1,
      pollCount: 0,
      iteration: 0,
    })
    expect(task.raw).toBe(seed)
  })

  it('treats 0 as an unset time', () => {
    const task = parseOrkesTask({ ...seed, status: 'SCHEDULED', startTime: 0, endTime: 0 })
    expect(task.startedAt).toBeUndefined()
    expect(task.finishedAt).toBeUndefined()
  })

  it('maps a search summary: string times, serialised input and output', () => {
    const task = parseOrkesTask(summary)
    expect(task.startedAt?.toISOString()).toBe('2026-02-09T07:10:22.006Z')
    expect(task.finishedAt?.toISOString()).toBe('2026-02-09T07:10:22.070Z')
    expect(task.input).toEqual(seed.inputData)
    expect(task.output?.value).toEqual(seed.outputData)
    expect(task.parentId).toBe(seed.workflowInstanceId)
    expect(task.metadata.summary).toBe(true)
  })

  it('treats the epoch string of a summary as unset, and keeps input that is not JSON as text', () => {
    const task = parseOrkesTask({ ...summary, endTime: '1970-01-01T00:00:00.000Z', input: 'not json' })
    expect(task.finishedAt).toBeUndefined()
    expect(task.input).toBe('not json')
  })

  it('keeps the reason of COMPLETED_WITH_ERRORS as the error of a completed task', () => {
    const task = parseOrkesTask({
      ...seed,
      status: 'COMPLETED_WITH_ERRORS',
      reasonForIncompletion: 'one optional step failed',
    })
    expect(task.status).toBe('completed')
    expect(task.reason).toBe('failed')
    expect(task.error).toEqual({ message: 'one optional step failed', code: 'COMPLETED_WITH_ERRORS' })
  })

  it.each([
    ['FAILED', 'failed'],
    ['FAILED_WITH_TERMINAL_ERROR', 'failed'],
    ['TIMED_OUT', 'expired'],
    ['COMPLETED', undefined],
    ['IN_PROGRESS', undefined],
    ['toString', undefined],
  ])('gives the task status %s the reason %s', (providerStatus, reason) => {
    expect(parseOrkesTask({ ...seed, status: providerStatus }).reason).toBe(reason)
  })

  it('reports the reason of a failed task', () => {
    const task = parseOrkesTask({ ...seed, status: 'FAILED_WITH_TERMINAL_ERROR', reasonForIncompletion: 'HTTP 500' })
    expect(task).toMatchObject({ status: 'failed', error: { message: 'HTTP 500', code: 'FAILED_WITH_TERMINAL_ERROR' } })
  })

  it.each(Object.entries(ORKES_TASK_STATUS_TABLE))('task status %s maps to %s', (providerStatus, status) => {
    expect(mapOrkesTaskStatus(providerStatus)).toBe(status)
    expect(parseOrkesTask({ ...seed, status: providerStatus }).status).toBe(status)
  })

  it.each(['CANCELLED', 'RUNNING', 'in_progress'])('maps the unknown task status %s to unknown', (providerStatus) => {
    expect(parseOrkesTask({ ...seed, status: providerStatus })).toMatchObject({ status: 'unknown', providerStatus })
  })

  it('needs only taskId and status, accepts null elsewhere and keeps unknown fields', () => {
    expect(parseOrkesTask({ taskId: 't', status: 'SCHEDULED' })).toMatchObject({ id: 't', status: 'pending' })
    const nulls = Object.fromEntries(Object.keys(seed).map((key) => [key, null]))
    expect(parseOrkesTask({ ...nulls, taskId: 't', status: 'IN_PROGRESS' }).status).toBe('running')
    const extra = { ...seed, brandNew: true }
    expect(parseOrkesTask(extra).raw).toBe(extra)
  })

  it.each([
    ['no taskId', { status: 'COMPLETED' }, ['taskId']],
    ['a numeric status', { taskId: 't', status: 1 }, ['status']],
    ['a boolean time', { taskId: 't', status: 'COMPLETED', startTime: true }, ['startTime']],
    ['inputData as a list', { taskId: 't', status: 'COMPLETED', inputData: [] }, ['inputData']],
  ])('rejects %s with InvalidPayloadError keeping raw', (_, payload, path) => {
    const error = thrownBy(() => parseOrkesTask(payload)) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error.raw).toBe(payload)
    expect(error.issues[0]?.path).toEqual(path)
  })

  it('accepts JSON text and rejects text that is not JSON', () => {
    expect(parseOrkesTask(JSON.stringify(seed)).raw).toEqual(seed)
    const error = thrownBy(() => parseOrkesTask('{"taskId"')) as InvalidPayloadError
    expect(error.raw).toBe('{"taskId"')
  })
})

describe('parseOrkesWorkflow', () => {
  it('maps a running workflow', () => {
    const task = parseOrkesWorkflow(workflow)
    expect(task).toMatchObject({
      id: workflow.workflowId,
      provider: 'orkes',
      status: 'running',
      providerStatus: 'RUNNING',
      name: 'DemoWorkflow',
      input: { orderId: 42 },
      metadata: {
        resource: 'workflow',
        workflowName: 'DemoWorkflow',
        version: 1,
        correlationId: 'order-42',
        taskCount: 0,
      },
    })
    expect(task.output).toBeUndefined()
    expect(task.finishedAt).toBeUndefined()
    expect(task.createdAt?.toISOString()).toBe('2026-02-09T07:10:22.000Z')
  })

  it('reports why a workflow was terminated', () => {
    const task = parseOrkesWorkflow({
      ...workflow,
      status: 'TERMINATED',
      reasonForIncompletion: 'user asked',
      endTime: 1770621030000,
    })
    expect(task).toMatchObject({ status: 'cancelled', error: { message: 'user asked', code: 'TERMINATED' } })
    expect(task.finishedAt?.toISOString()).toBe('2026-02-09T07:10:30.000Z')
  })

  it('maps a search summary', () => {
    const task = parseOrkesWorkflow({
      workflowId: 'w1',
      workflowType: 'DemoWorkflow',
      version: 2,
      status: 'COMPLETED',
      startTime: '2026-02-09T07:10:22.001Z',
      updateTime: '2026-02-09T07:10:25.000Z',
      endTime: '2026-02-09T07:10:25.000Z',
      input: '{"orderId":42}',
      output: '{"ok":true}',
    })
    expect(task).toMatchObject({
      name: 'DemoWorkflow',
      status: 'completed',
      input: { orderId: 42 },
      output: { format: 'data', value: { ok: true } },
    })
    expect(task.metadata).toMatchObject({ summary: true, version: 2 })
    expect(task.createdAt?.toISOString()).toBe('2026-02-09T07:10:22.001Z')
  })

  it('keeps a summary output nested 20,000 levels deep as text, with the reason, so the task serialises', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`
    const task = parseOrkesWorkflow({
      workflowId: 'w1',
      workflowType: 'DemoWorkflow',
      status: 'COMPLETED',
      input: deep,
      output: deep,
    })
    expect(task.output).toEqual({ format: 'data', value: deep })
    expect(task.input).toBe(deep)
    expect(task.metadata).toMatchObject({
      outputParseError: 'JSON nested deeper than 1000 levels',
      inputParseError: 'JSON nested deeper than 1000 levels',
    })
    expect(() => JSON.stringify(task)).not.toThrow()
  })

  it.each(Object.entries(ORKES_WORKFLOW_STATUS_TABLE))('workflow status %s maps to %s', (providerStatus, status) => {
    expect(mapOrkesWorkflowStatus(providerStatus)).toBe(status)
    expect(parseOrkesWorkflow({ ...workflow, status: providerStatus }).status).toBe(status)
  })

  it.each([
    ['FAILED', 'failed'],
    ['TIMED_OUT', 'expired'],
    ['TERMINATED', undefined],
  ])('gives the workflow status %s the reason %s', (providerStatus, reason) => {
    expect(parseOrkesWorkflow({ ...workflow, status: providerStatus }).reason).toBe(reason)
  })

  it('rejects a workflow without an id', () => {
    expect(InvalidPayloadError.is(thrownBy(() => parseOrkesWorkflow({ status: 'RUNNING' })))).toBe(true)
  })
})
