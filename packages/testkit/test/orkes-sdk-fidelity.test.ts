// The official Orkes SDK, unchanged, against the emulator: if the SDK can
// authenticate, read, search and control workflows here, the emulator speaks
// the wire protocol the SDK was generated from.
import { createConductorClient, TaskClient, WorkflowExecutor } from '@io-orkes/conductor-javascript'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { ORKES_SEED_TASK_ID, type OrkesEmulator, startOrkesEmulator } from '../src/orkes/emulator.js'
import { ORKES_SEED_TASK_JSON } from '../src/orkes/seed-data.js'

let orkes: OrkesEmulator
let client: Awaited<ReturnType<typeof createConductorClient>>
let tasks: TaskClient
let executor: WorkflowExecutor

beforeAll(async () => {
  // The SDK prefers these over its config; make sure none leaks in from the environment.
  for (const name of ['CONDUCTOR_SERVER_URL', 'CONDUCTOR_AUTH_KEY', 'CONDUCTOR_AUTH_SECRET']) vi.stubEnv(name, '')
  orkes = await startOrkesEmulator()
  // createConductorClient is what OrkesClients.from() calls; its result is typed with stopBackgroundRefresh().
  client = await createConductorClient({ serverUrl: orkes.url, keyId: orkes.keyId, keySecret: orkes.keySecret })
  tasks = new TaskClient(client)
  executor = new WorkflowExecutor(client)
})

beforeEach(() => orkes.reset())

afterAll(async () => {
  // The client refreshes its token on a setInterval; stop it so no timer outlives the suite.
  client?.stopBackgroundRefresh()
  await orkes?.close()
})

describe('official SDK @io-orkes/conductor-javascript against the emulator', () => {
  it('exchanges its key for a token at /api/token and sends it as X-Authorization', async () => {
    expect(orkes.tokensIssued).toBeGreaterThanOrEqual(1)
    await tasks.getTask(ORKES_SEED_TASK_ID)
    const [request] = orkes.requests
    expect(request?.route).toBe('getTask')
    expect(orkes.secrets).toContain(request?.headers['x-authorization'])
  })

  it('TaskClient.getTask returns the seed task as documented', async () => {
    const task = await tasks.getTask(ORKES_SEED_TASK_ID)
    expect(task).toEqual(JSON.parse(ORKES_SEED_TASK_JSON))
  })

  it('TaskClient.search returns summaries and totalHits', async () => {
    const page = await tasks.search(0, 5, '', '*', 'status IN (COMPLETED,FAILED)')
    expect(page?.results).toHaveLength(5)
    expect(page?.totalHits).toBeGreaterThan(5)
    for (const summary of page?.results ?? []) {
      expect(['COMPLETED', 'FAILED']).toContain(summary.status)
      expect(typeof summary.scheduledTime).toBe('string')
    }
    const sent = orkes.requests.at(-1)
    expect(sent?.route).toBe('searchTasks')
    expect(sent?.query.get('query')).toBe('status IN (COMPLETED,FAILED)')
  })

  it('WorkflowExecutor pause → resume → terminate drive a running workflow', async () => {
    const harness = orkes.workflowHarness()
    const id = harness.createTask()

    await executor.pause(id)
    expect(harness.providerStatusOf(id)).toBe('PAUSED')
    await executor.resume(id)
    expect(harness.providerStatusOf(id)).toBe('RUNNING')
    await executor.terminate(id, 'stopped by the SDK fidelity test')
    expect(harness.providerStatusOf(id)).toBe('TERMINATED')

    const workflow = await executor.getWorkflow(id, true)
    expect(workflow).toMatchObject({
      workflowId: id,
      status: 'TERMINATED',
      reasonForIncompletion: 'stopped by the SDK fidelity test',
    })
    expect(workflow?.tasks?.[0]?.status).toBe('CANCELED')
    expect(orkes.requests.map(({ method, route, status }) => `${method} ${route} ${status}`)).toEqual([
      'PUT pauseWorkflow 200',
      'PUT resumeWorkflow 200',
      'DELETE terminateWorkflow 200',
      'GET getWorkflow 200',
    ])
  })

  it('surfaces a 409 from a refused control call as an error', async () => {
    const id = orkes.workflowHarness().createTask('COMPLETED')
    await expect(executor.resume(id)).rejects.toThrow(/Failed to resume workflow/)
  })

  it('refreshes an expired token once and repeats the call', async () => {
    orkes.expireTokens()
    const issued = orkes.tokensIssued
    const task = await tasks.getTask(ORKES_SEED_TASK_ID)
    expect(task?.taskId).toBe(ORKES_SEED_TASK_ID)
    expect(orkes.tokensIssued).toBe(issued + 1)
    expect(orkes.requests.map(({ route, status }) => `${route} ${status}`)).toEqual([
      'getTask 401',
      'token 200',
      'getTask 200',
    ])
  })
})
