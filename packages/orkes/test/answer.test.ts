import { useEmulator } from '@taskbridge/test-support/use-emulator'
import { type OrkesEmulator, startOrkesEmulator } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import { createOrkesTaskAdapter, createOrkesWorkflowAdapter } from '../src/index.js'
import { orkesCredentials } from './emulator-setup.js'

let emulator: OrkesEmulator

useEmulator(startOrkesEmulator, (started) => {
  emulator = started
})

const credentials = () => orkesCredentials(emulator)

describe('answering an Orkes task that waits for a person', () => {
  it('workflow mode: waiting → answered → running → completed, the HUMAN task completed with the answer', async () => {
    const workflows = createOrkesWorkflowAdapter({ ...credentials() })
    const id = emulator.workflowHarness().createWaitingTask()

    const waiting = await workflows.getTask(id)
    const answered = await workflows.answerTask(id, { approved: true, text: 'ok', data: { amount: 40 } })
    emulator.clock.advance(1000)
    const running = await workflows.getTask(id)
    emulator.clock.advance(10_000)
    const completed = await workflows.getTask(id)

    expect(waiting).toMatchObject({ status: 'waiting_for_input', reason: 'approval', request: { kind: 'approval' } })
    expect(answered.status).toBe('running')
    expect(answered.request).toBeUndefined()
    expect(running.status).toBe('running')
    expect(completed.status).toBe('completed')
    const update = emulator.requests.find((request) => request.route === 'updateTask')
    expect(update?.body).toEqual({
      workflowInstanceId: id,
      taskId: (waiting.raw as { tasks: { taskId: string }[] }).tasks[0]?.taskId,
      status: 'COMPLETED',
      outputData: { amount: 40, approved: true, text: 'ok' },
    })
  })

  it('lists the tasks that wait for a person, which Orkes reports as IN_PROGRESS', async () => {
    const tasks = createOrkesTaskAdapter(credentials())
    const id = emulator.createWaitingTask()

    const waiting = []
    for await (const task of tasks.listTasks({ status: 'waiting_for_input' })) waiting.push(task)

    expect(waiting.map((task) => task.id)).toEqual([id])
    expect(emulator.requests.at(-1)?.query.get('query')).toBe('status IN (IN_PROGRESS)')
  })

  it('task mode: the WAIT task completes with the answer as its output', async () => {
    const tasks = createOrkesTaskAdapter(credentials())
    const id = emulator.createWaitingTask()

    const waiting = await tasks.getTask(id)
    const answered = await tasks.answerTask(id, { data: { signal: 'go' } })

    expect(waiting).toMatchObject({ status: 'waiting_for_input', reason: 'input', request: { kind: 'input' } })
    expect(answered).toMatchObject({ status: 'completed', output: { format: 'data', value: { signal: 'go' } } })
  })
})
