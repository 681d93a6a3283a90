import { InvalidArgumentError, ProviderApiError, TimeoutError } from '@taskbridge/core'
import { useEmulator } from '@taskbridge/test-support/use-emulator'
import { type OrkesEmulator, rejectionOf, startOrkesEmulator } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import { createOrkesWorkflowAdapter, type OrkesWorkflowAdapterOptions } from '../src/index.js'
import { orkesCredentials } from './emulator-setup.js'

let emulator: OrkesEmulator

useEmulator(startOrkesEmulator, (started) => {
  emulator = started
})

function workflows(options: OrkesWorkflowAdapterOptions = {}) {
  return createOrkesWorkflowAdapter({
    ...orkesCredentials(emulator),
    retry: { backoffLimitMs: 20 },
    ...options,
  })
}

const order = (orderId: string) => ({ name: 'order_fulfillment', input: { orderId } })
const starts = () => emulator.requests.filter((request) => request.route === 'startWorkflow')
const runsOf = (orderId: string) =>
  emulator.workflows.list().filter((workflow) => workflow.data.input.orderId === orderId)

describe('startTask with an idempotencyKey', () => {
  it('starts once for two starts with one key: both give the same run', async () => {
    const adapter = workflows()
    expect(adapter.capabilities.idempotentStart).toBe(true)

    const first = await adapter.startTask(order('ord-7'), { idempotencyKey: 'order-7' })
    const second = await adapter.startTask(order('ord-7'), { idempotencyKey: 'order-7' })

    expect(second.id).toBe(first.id)
    expect(runsOf('ord-7')).toHaveLength(1)
    expect(starts().map((request) => request.body)).toEqual([
      expect.objectContaining({ idempotencyKey: 'order-7', idempotencyStrategy: 'RETURN_EXISTING' }),
      expect.objectContaining({ idempotencyKey: 'order-7', idempotencyStrategy: 'RETURN_EXISTING' }),
    ])
  })

  it('starts two runs for two keys, and sends no key when given none', async () => {
    const adapter = workflows()

    const first = await adapter.startTask(order('ord-8'), { idempotencyKey: 'a' })
    const second = await adapter.startTask(order('ord-8'), { idempotencyKey: 'b' })
    await adapter.startTask(order('ord-9'))

    expect(second.id).not.toBe(first.id)
    expect(starts()[2]?.body).not.toHaveProperty('idempotencyKey')
    expect(starts()[2]?.body).not.toHaveProperty('idempotencyStrategy')
  })

  it("sends the input's strategy: FAIL refuses a repeated key with Orkes' 409", async () => {
    const adapter = workflows()
    const input = { ...order('ord-10'), idempotencyStrategy: 'FAIL' as const }

    await adapter.startTask(input, { idempotencyKey: 'order-10' })
    const error = await rejectionOf(adapter.startTask(input, { idempotencyKey: 'order-10' }))

    expect(ProviderApiError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 409 })
    expect(runsOf('ord-10')).toHaveLength(1)
  })

  it('refuses two different keys, in the input and the options, before sending anything', async () => {
    const error = await rejectionOf(
      workflows().startTask({ ...order('ord-11'), idempotencyKey: 'one' }, { idempotencyKey: 'two' }),
    )

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument: 'idempotencyKey' })
    expect(starts()).toHaveLength(0)
  })

  it('makes a start that timed out without a key not retryable, and keeps it retryable with one', async () => {
    const adapter = workflows()
    emulator.faults.inject('startWorkflow', { type: 'delay', ms: 60_000 })
    const unkeyed = await rejectionOf(adapter.startTask(order('ord-12'), { timeoutMs: 200 }))
    emulator.faults.inject('startWorkflow', { type: 'delay', ms: 60_000 })
    const keyed = await rejectionOf(adapter.startTask(order('ord-12'), { timeoutMs: 200, idempotencyKey: 'k' }))

    expect(TimeoutError.is(unkeyed)).toBe(true)
    expect(unkeyed).toMatchObject({ retryable: false })
    expect((unkeyed as Error).message).toContain('without an idempotencyKey')
    expect(keyed).toMatchObject({ name: 'TimeoutError', retryable: true })
  })
})

describe('listTasks with Conductor search fields', () => {
  async function listed(query: Parameters<ReturnType<typeof workflows>['listTasks']>[0]) {
    const ids: string[] = []
    for await (const task of workflows().listTasks(query)) ids.push(task.id)
    return ids
  }

  it('maps workflow name, correlation id, free text and a query onto the search API', async () => {
    const ids = await listed({
      status: 'running',
      workflowName: 'order_fulfillment',
      correlationId: ['order-1', 'order 2'],
      freeText: 'ord-1',
      query: 'taskType = HTTP',
    })

    const sent = emulator.requests.find((request) => request.route === 'searchWorkflows')
    expect(sent?.query.get('query')).toBe(
      'status IN (RUNNING) AND workflowType = order_fulfillment AND correlationId IN (order-1,"order 2") AND taskType = HTTP',
    )
    expect(sent?.query.get('freeText')).toBe('ord-1')
    expect(ids).toEqual([])
  })

  it('finds runs by workflow name and correlation id on the emulator', async () => {
    const adapter = workflows()
    const started = await adapter.startTask({ ...order('ord-20'), correlationId: 'batch 20' })
    await adapter.startTask({ ...order('ord-21'), correlationId: 'batch-21' })

    expect(await listed({ workflowName: 'order_fulfillment', correlationId: 'batch 20' })).toEqual([started.id])
    expect(await listed({ freeText: 'ord-20', workflowName: 'order_fulfillment' })).toEqual([started.id])
    expect(await listed({ workflowName: 'no_such_workflow' })).toEqual([])
  })

  it('sends freeText * and no query when given none', async () => {
    await listed({})

    const sent = emulator.requests.find((request) => request.route === 'searchWorkflows')
    expect(sent?.query.get('freeText')).toBe('*')
    expect(sent?.query.has('query')).toBe(false)
  })

  it.each([
    ['a value with a double quote', { correlationId: 'say "hi"' }, 'correlationId'],
    ['an empty workflow name', { workflowName: '' }, 'workflowType'],
    ['no workflow names at all', { workflowName: [] }, 'workflowType'],
    ['blank free text', { freeText: ' ' }, 'freeText'],
    ['a query that is not text', { query: 42 as never }, 'query'],
  ])('refuses %s before any request', async (_label, query, argument) => {
    const error = await rejectionOf(listed(query))

    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument })
    expect(emulator.requests.filter((request) => request.route === 'searchWorkflows')).toHaveLength(0)
  })
})
