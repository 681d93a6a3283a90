import { UnsupportedOperationError } from '@taskbridge/core'
import { useEmulator } from '@taskbridge/test-support/use-emulator'
import { rejectionOf, startWexaEmulator, WEXA_GET_TASK_SEED, type WexaEmulator } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import { parseWexaTask, WEXA_ROUTES, type WexaAdapterOptions } from '../src/index.js'
import { wexaAdapter } from './emulator-setup.js'

// The routes and statuses confirmed by Wexa's Python SDK (wexa-sdk 0.1.16).
let emulator: WexaEmulator

useEmulator(startWexaEmulator, (started) => {
  emulator = started
})

const wexa = (options: WexaAdapterOptions = {}) => wexaAdapter(emulator, options)

async function ids(iterable: AsyncIterable<{ id: string }>): Promise<string[]> {
  const found: string[] = []
  for await (const task of iterable) found.push(task.id)
  return found
}

const requestsTo = (route: string) => emulator.requests.filter((request) => request.route === route)
const start = { agentflowId: 'flow-1', goal: 'Write the weekly report' }

describe("the routes of Wexa's SDK", () => {
  it('lists at GET /tasks/{projectID}, paged by limit and skip', async () => {
    expect(WEXA_ROUTES.listTasks).toBe('GET /tasks/{projectID}')

    const listed = await ids(wexa().listTasks({ pageSize: 3 }))

    expect(listed).toHaveLength(emulator.tasks.list().length)
    const sent = requestsTo('listTasks')
    expect(sent[0]?.path).toBe(`/tasks/${emulator.projectId}`)
    expect(sent.map((request) => request.query.get('skip'))).toEqual(['0', '3', '6'])
    expect(sent[0]?.query.get('limit')).toBe('3')
    expect(sent[0]?.query.has('projectID')).toBe(false)
    expect(sent[0]?.query.has('page')).toBe(false)
  })

  it('filters by creator with created_by', async () => {
    const creator = WEXA_GET_TASK_SEED.created_by
    const listed = await ids(wexa().listTasks({ createdBy: creator }))

    expect(listed).toHaveLength(emulator.tasks.list().length)
    expect(requestsTo('listTasks')[0]?.query.get('created_by')).toBe(creator)
    expect(await ids(wexa().listTasks({ createdBy: 'someone-else' }))).toEqual([])
  })

  it('sends the project as a query parameter on a list route override without {projectID}', async () => {
    const error = await rejectionOf(ids(wexa({ routes: { listTasks: 'GET /tasks' } }).listTasks()))

    expect(emulator.requests[0]?.target).toBe(`/tasks?projectID=${emulator.projectId}&limit=20&skip=0`)
    expect(error).toMatchObject({ status: 404 })
  })

  it('reads a list answered as a plain array', async () => {
    const plain: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      const { data } = (await response.json()) as { data: unknown[] }
      return Response.json(data)
    }

    expect(await ids(wexa({ fetch: plain }).listTasks())).toHaveLength(emulator.tasks.list().length)
  })

  it('executes the new execution with the body { execution_id, projectID }', async () => {
    const task = await wexa().startTask(start)

    const [execute] = requestsTo('executeFlow')
    const executionId = emulator.tasks.get(task.id)?.data.executions[0]?.execution_id
    expect(execute?.body).toEqual({ execution_id: executionId, projectID: emulator.projectId })
    expect(execute?.status).toBe(201)
  })

  it('pauses and resumes without a projectID, as the SDK does', async () => {
    const id = emulator.createTask('running')

    await wexa().pauseTask(id)
    await wexa().resumeTask(id)

    for (const route of ['pauseTask', 'resumeTask'])
      expect(requestsTo(route)[0]?.target).toBe(`/task/${id}/${route.replace('Task', '')}`)
  })

  it('maps canceled, the SDK spelling, to cancelled', () => {
    const task = parseWexaTask({ ...WEXA_GET_TASK_SEED, status: 'canceled' })

    expect(task).toMatchObject({ status: 'cancelled', providerStatus: 'canceled' })
  })

  it('refuses an idempotency key, which Wexa cannot take, unless told to start without it', async () => {
    const adapter = wexa()
    expect(adapter.capabilities.idempotentStart).toBe(false)

    const error = await rejectionOf(adapter.startTask(start, { idempotencyKey: 'report-1' }))
    expect(UnsupportedOperationError.is(error)).toBe(true)
    expect((error as Error).message).toContain('no idempotency key')
    expect(emulator.requests).toHaveLength(0)

    await adapter.startTask(start, { idempotencyKey: 'report-1', startWithoutIdempotency: true })
    expect(requestsTo('startTask')).toHaveLength(1)
  })
})
