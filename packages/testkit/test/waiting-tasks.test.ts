// Each emulator puts a task into a waiting state on command, and its answer
// route resumes it: the raw routes, without an adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startOrkesEmulator } from '../src/orkes/emulator.js'
import { startWexaEmulator } from '../src/wexa/emulator.js'

async function send(url: string, init: RequestInit & { json?: unknown }) {
  const { json, ...rest } = init
  const response = await fetch(url, {
    ...rest,
    headers: { 'content-type': 'application/json', ...(rest.headers as Record<string, string>) },
    body: JSON.stringify(json),
  })
  const text = await response.text()
  return { status: response.status, text }
}

describe('Wexa emulator: runs waiting for runtime input', () => {
  let wexa: Awaited<ReturnType<typeof startWexaEmulator>>
  beforeAll(async () => {
    wexa = await startWexaEmulator()
  })
  afterAll(() => wexa.close())

  const executionOf = (id: string) => wexa.tasks.get(id)?.data.executions[0]?.execution_id as string
  const answer = (type: string, executionId: string, json: unknown) =>
    send(`${wexa.url}/inbox/update/${type}/${executionId}?projectID=${wexa.projectId}`, {
      method: 'POST',
      headers: { 'x-api-key': wexa.apiKey },
      json,
    })

  it('keeps a draft waiting, and a submitted answer resumes the run to completed', async () => {
    const id = wexa.createWaitingTask()
    const executionId = executionOf(id)

    const draft = await answer('runtime_input', executionId, { is_submitted: false, values: { a: 1 } })
    const waitingAfterDraft = wexa.providerStatusOf(id)
    const submitted = await answer('runtime_input', executionId, { is_submitted: true, values: { a: 1 } })
    const afterAnswer = wexa.providerStatusOf(id)
    wexa.clock.advance(4000)

    expect([draft.status, waitingAfterDraft]).toEqual([200, 'input_required'])
    expect([submitted.status, afterAnswer]).toEqual([200, 'running'])
    expect(wexa.providerStatusOf(id)).toBe('completed')
  })

  it('cancels the run on a rejected preview, and refuses an answer to a run that no longer waits', async () => {
    const id = wexa.createWaitingTask()
    const executionId = executionOf(id)

    const rejected = await answer('preview', executionId, { agent_id: 'a1', is_approved: false })
    const again = await answer('anomaly_detection', executionId, { is_approved: true })
    const unknown = await answer('runtime_input', 'no-such-execution', { is_submitted: true })

    expect([rejected.status, wexa.providerStatusOf(id)]).toEqual([200, 'cancelled'])
    expect(again.status).toBe(400)
    expect(unknown.status).toBe(404)
  })
})

describe('Orkes emulator: tasks waiting for a person', () => {
  let orkes: Awaited<ReturnType<typeof startOrkesEmulator>>
  beforeAll(async () => {
    orkes = await startOrkesEmulator({ requireAuth: false })
  })
  afterAll(() => orkes.close())

  const update = (json: unknown) => send(`${orkes.url}/api/tasks`, { method: 'POST', json })

  it('holds a HUMAN task as Orkes publishes it, and a task update completes it and moves the workflow on', async () => {
    const workflowId = orkes.workflowHarness().createWaitingTask()
    const human = orkes.tasks
      .list()
      .map(({ data }) => data)
      .find((task) => task.workflowInstanceId === workflowId)
    orkes.clock.advance(60_000)

    expect(human).toMatchObject({
      taskType: 'HUMAN',
      status: 'IN_PROGRESS',
      inputData: { __humanTaskProcessContext: { state: 'ASSIGNED' } },
    })
    expect(orkes.workflowHarness().providerStatusOf(workflowId)).toBe('RUNNING')

    const done = await update({
      workflowInstanceId: workflowId,
      taskId: human?.taskId,
      status: 'COMPLETED',
      outputData: { ok: true },
    })
    orkes.clock.advance(10_000)

    expect(done).toEqual({ status: 200, text: human?.taskId })
    expect(orkes.providerStatusOf(human?.taskId as string)).toBe('COMPLETED')
    expect(orkes.workflowHarness().providerStatusOf(workflowId)).toBe('COMPLETED')
  })

  it('ignores an update of a task that has ended, as Conductor does, and refuses an unknown one', async () => {
    const taskId = orkes.createWaitingTask()
    await update({ taskId, status: 'COMPLETED', outputData: { first: true } })

    const second = await update({ taskId, status: 'COMPLETED', outputData: { second: true } })
    const unknown = await update({ taskId: 'no-such-task', status: 'COMPLETED' })

    expect(second.status).toBe(200)
    expect(orkes.tasks.get(taskId)?.data.outputData).toEqual({ first: true })
    expect(unknown.status).toBe(404)
  })
})
