// Orkes tasks and Orkes workflows in one typed client, over real HTTP to the
// emulator: each adapter under its own name, and tasks that lead back to it.
import { createTaskClient, TaskNotFoundError, waitForTask } from '@taskbridge/core'
import { useEmulator } from '@taskbridge/test-support/use-emulator'
import { type OrkesEmulator, rejectionOf, startOrkesEmulator } from '@taskbridge/testkit'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  createOrkesTaskAdapter,
  createOrkesWorkflowAdapter,
  type OrkesTaskAdapter,
  type OrkesTaskMetadata,
  type OrkesWorkflowAdapter,
  type OrkesWorkflowMetadata,
} from '../src/index.js'
import { orkesCredentials } from './emulator-setup.js'

let emulator: OrkesEmulator

useEmulator(startOrkesEmulator, (started) => {
  emulator = started
})

function twoOrkesAdapters() {
  const credentials = orkesCredentials(emulator)
  return createTaskClient({
    adapters: [createOrkesTaskAdapter(credentials), createOrkesWorkflowAdapter({ ...credentials, name: 'flows' })],
  })
}

describe('a client with an Orkes task adapter and an Orkes workflow adapter', () => {
  it('keeps each adapter’s own type under its name', () => {
    const client = twoOrkesAdapters()
    expectTypeOf(client.adapter('orkes')).toEqualTypeOf<OrkesTaskAdapter<'orkes'>>()
    expectTypeOf(client.adapter('flows')).toEqualTypeOf<OrkesWorkflowAdapter<'flows'>>()
    expectTypeOf(client.providers).toEqualTypeOf<readonly ('orkes' | 'flows')[]>()
    // @ts-expect-error a name the client does not have does not compile
    expect(() => client.adapter('orkse')).toThrow('No adapter named "orkse"')
    expect(client.providers).toEqual(['orkes', 'flows'])
  })

  it('starts a workflow, follows it to completed and reads its tasks through the task adapter', async () => {
    const client = twoOrkesAdapters()
    const started = await client.startTask('flows', {
      name: 'order_fulfillment',
      input: { orderId: 'ord-42' },
      correlationId: 'checkout-42',
    })
    expectTypeOf(started.provider).toEqualTypeOf<'flows'>()
    expectTypeOf(started.metadata).toEqualTypeOf<OrkesWorkflowMetadata>()
    expect(started).toMatchObject({ provider: 'flows', status: 'running', providerStatus: 'RUNNING' })
    expect(started.metadata.correlationId).toBe('checkout-42')

    // The task's provider is the adapter's name, so it routes back to the workflow adapter.
    const paused = await client.pauseTask(started.provider, started.id)
    expect(paused.status).toBe('paused')
    await client.resumeTask(started.provider, started.id)
    const stepped = {
      provider: 'flows',
      getTask: (id: string) => {
        emulator.clock.advance(1000)
        return client.getTask('flows', id)
      },
    }
    const done = await waitForTask(stepped, started.id, {
      intervalMs: 1,
      maxIntervalMs: 1,
      jitter: 0,
      timeoutMs: 30_000,
    })
    expect(done.status).toBe('completed')

    let firstTask: Awaited<ReturnType<typeof client.getTask<'orkes'>>> | undefined
    for await (const task of client.listTasks('orkes', { limit: 1 })) firstTask = task
    expectTypeOf(firstTask?.metadata).toEqualTypeOf<OrkesTaskMetadata | undefined>()
    expect(firstTask?.provider).toBe('orkes')
    expect(await client.getTask(firstTask?.provider ?? 'orkes', firstTask?.id ?? '')).toMatchObject({
      id: firstTask?.id,
      provider: 'orkes',
    })
  })

  it('cancels a workflow that has ended by returning it unchanged, and an unknown one with TaskNotFoundError', async () => {
    const client = twoOrkesAdapters()
    const ended = emulator.workflowHarness().createTask('COMPLETED')
    const before = await client.getTask('flows', ended)
    const after = await client.cancelTask('flows', ended)
    expect(after).toMatchObject({ id: ended, status: 'completed', providerStatus: 'COMPLETED' })
    expect(after.finishedAt).toEqual(before.finishedAt)
    const unknown = await rejectionOf(client.cancelTask('flows', emulator.workflowHarness().unknownTaskId()))
    expect(TaskNotFoundError.is(unknown)).toBe(true)
  })
})
