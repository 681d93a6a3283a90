// Conductor tasks that wait for a person, from the payloads Orkes publishes:
// a HUMAN task in progress (orkes.io/content/reference-docs/api/human-tasks/
// get-conductor-task-by-human-task-id) and WAIT tasks (orkes.io/content/
// reference-docs/operators/wait: until, duration, or a signal).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseOrkesTask, parseOrkesWorkflow } from '../src/index.js'

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>
const seedTask = fixture('get-task-by-id.json')
const seedWorkflow = fixture('workflow.json')

const humanContext = {
  state: 'ASSIGNED',
  lastUpdated: 1770302732960,
  humanTaskTriggerLog: [],
  humanTaskActionLogs: [],
}

/** The published HUMAN task in progress: the seed task's fields with the HUMAN payload's. */
const humanTask = {
  ...seedTask,
  taskType: 'HUMAN',
  status: 'IN_PROGRESS',
  referenceTaskName: 'review_paper_ref',
  inputData: { paperUrl: 'documents.pdf', __humanTaskProcessContext: humanContext },
}

const waitTask = (inputData: Record<string, unknown>) => ({
  ...seedTask,
  taskType: 'WAIT',
  status: 'IN_PROGRESS',
  referenceTaskName: 'wait_ref',
  inputData,
})

describe('Orkes tasks that wait for a person', () => {
  it('maps the published HUMAN payload in progress to waiting_for_input, approval', () => {
    const task = parseOrkesTask(humanTask)

    expect(task).toMatchObject({ status: 'waiting_for_input', reason: 'approval', providerStatus: 'IN_PROGRESS' })
    expect(task.request).toEqual({
      kind: 'approval',
      title: 'review_paper_ref',
      metadata: { taskType: 'HUMAN', inputData: humanTask.inputData },
    })
  })

  it('maps a WAIT task waiting for a signal to waiting_for_input, input', () => {
    const task = parseOrkesTask(waitTask({}))

    expect(task).toMatchObject({ status: 'waiting_for_input', reason: 'input' })
    expect(task.request).toMatchObject({ kind: 'input', title: 'wait_ref' })
  })

  it.each([
    ['a duration', { duration: '2 days 3 hours' }],
    ['an until', { until: '2026-04-30 15:20 GMT+04:00' }],
  ])('keeps a WAIT task with %s running, with no request', (_, inputData) => {
    const task = parseOrkesTask(waitTask(inputData))

    expect(task.status).toBe('running')
    expect(task.request).toBeUndefined()
    expect(task.reason).toBeUndefined()
  })

  it.each(['SCHEDULED', 'COMPLETED'])('does not call a HUMAN task that is %s waiting', (status) => {
    const task = parseOrkesTask({ ...humanTask, status })

    expect(task.status).not.toBe('waiting_for_input')
    expect(task.request).toBeUndefined()
  })

  it('reads a search summary, whose input is JSON text', () => {
    const summary = {
      taskId: 't-1',
      taskType: 'WAIT',
      taskDefName: 'wait_for_signal',
      status: 'IN_PROGRESS',
      workflowId: 'w-1',
      scheduledTime: '2026-12-06T10:00:00.000Z',
      input: '{"subject":"refund"}',
    }

    expect(parseOrkesTask(summary)).toMatchObject({ status: 'waiting_for_input', reason: 'input' })
  })

  it('maps a running workflow whose pending task is the HUMAN task to waiting_for_input, approval', () => {
    const done = { ...seedTask, taskId: 'done-1', status: 'COMPLETED' }
    const workflow = parseOrkesWorkflow({ ...seedWorkflow, status: 'RUNNING', tasks: [done, humanTask] })

    expect(workflow).toMatchObject({ status: 'waiting_for_input', reason: 'approval', providerStatus: 'RUNNING' })
    expect(workflow.request?.kind).toBe('approval')
  })

  it('keeps a running workflow on a WAIT with a duration running, and a paused one paused', () => {
    const timed = waitTask({ duration: '1 hour' })

    expect(parseOrkesWorkflow({ ...seedWorkflow, status: 'RUNNING', tasks: [timed] }).status).toBe('running')
    expect(parseOrkesWorkflow({ ...seedWorkflow, status: 'PAUSED', tasks: [humanTask] }).status).toBe('paused')
  })
})
