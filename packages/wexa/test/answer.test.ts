import { InvalidArgumentError, TaskNotWaitingError } from '@taskbridge/core'
import { useEmulator } from '@taskbridge/test-support/use-emulator'
import { rejectionOf, startWexaEmulator, type WexaEmulator } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import { createWexaAdapter, parseWexaTask } from '../src/index.js'
import { wexaCredentials } from './emulator-setup.js'

let emulator: WexaEmulator

useEmulator(startWexaEmulator, (started) => {
  emulator = started
})

const wexa = () => createWexaAdapter(wexaCredentials(emulator))
const executionOf = (id: string) => emulator.tasks.get(id)?.data.executions[0]?.execution_id as string
const lastInboxRequest = () => emulator.requests.filter((request) => request.path.startsWith('/inbox/')).at(-1)

describe('Wexa: a run waiting for a person', () => {
  it('maps a task whose execution is input_required to waiting_for_input, asking for input', () => {
    const task = parseWexaTask({
      _id: '6805e3a97d3775bffdb87608',
      status: 'running',
      executions: [{ execution_id: 'e1', status: 'input_required' }],
    })

    expect(task).toMatchObject({ status: 'waiting_for_input', reason: 'input', providerStatus: 'running' })
    expect(task.request).toEqual({
      kind: 'input',
      metadata: { execution: { execution_id: 'e1', status: 'input_required' } },
    })
  })

  it('waiting → answered → running → completed through the runtime-input inbox route', async () => {
    const id = emulator.createWaitingTask()

    const waiting = await wexa().getTask(id)
    const answered = await wexa().answerTask(id, { data: { city: 'Lisbon' }, agentId: 'agent-7' })
    emulator.clock.advance(4000)
    const completed = await wexa().getTask(id)

    expect(waiting).toMatchObject({ status: 'waiting_for_input', request: { kind: 'input' } })
    expect(answered.status).toBe('running')
    expect(completed.status).toBe('completed')
    expect(lastInboxRequest()).toMatchObject({
      path: `/inbox/update/runtime_input/${executionOf(id)}`,
      body: { is_submitted: true, values: { city: 'Lisbon' }, agent_id: 'agent-7' },
    })
    expect(lastInboxRequest()?.query.get('projectID')).toBe(emulator.projectId)
  })

  it.each([
    ['preview', { agent_id: 'agent-7', is_approved: false, preview_input: 'too expensive' }],
    ['anomaly_detection', { is_approved: false }],
  ] as const)('sends a %s approval to its inbox route, keyed by the execution', async (inbox, body) => {
    const id = emulator.createWaitingTask()

    const answered = await wexa().answerTask(id, { inbox, approved: false, text: 'too expensive', agentId: 'agent-7' })

    expect(answered.status).toBe('cancelled')
    expect(lastInboxRequest()).toMatchObject({ path: `/inbox/update/${inbox}/${executionOf(id)}`, body })
  })

  it('refuses an approval without approved, and an unknown inbox, before any request', async () => {
    const id = emulator.createWaitingTask()
    const before = emulator.requests.length

    const noDecision = await rejectionOf(wexa().answerTask(id, { inbox: 'preview', text: 'ok' }))
    const unknownInbox = await rejectionOf(wexa().answerTask(id, { inbox: 'email' as never, approved: true }))

    expect(InvalidArgumentError.is(noDecision)).toBe(true)
    expect((noDecision as Error).message).toContain('give approved')
    expect(InvalidArgumentError.is(unknownInbox)).toBe(true)
    expect(emulator.requests.length).toBe(before)
  })

  it('says a task that does not wait is not waiting, without sending the answer', async () => {
    const id = emulator.createTask('completed')

    const error = await rejectionOf(wexa().answerTask(id, { text: 'late' }))

    expect(TaskNotWaitingError.is(error)).toBe(true)
    expect(error).toMatchObject({ taskId: id, taskStatus: 'completed' })
    expect(lastInboxRequest()).toBeUndefined()
  })
})
