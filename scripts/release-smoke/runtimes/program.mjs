// The one program every runtime of the matrix runs, unchanged: Node, Bun and
// Deno import it from a project that installed the packages from the
// registry; workerd and Chromium run it bundled with them. It calls the xpander
// emulator over fetch and builds the webhook's Request itself, so it needs no
// node: module. Each step answers `{ ok, detail }`, and one failing step does
// not stop the others.
import { createTaskClient, createWebhookHandler, waitForTask } from '@taskbridge/core'
import { createXpanderAdapter, parseXpanderTask } from '@taskbridge/xpander'

/** The steps, in the order they run and the matrix shows them. */
export const STEPS = ['get', 'list', 'wait', 'client', 'webhook']

function check(condition, message) {
  if (!condition) throw new Error(message)
}

function deliver(handler, payload) {
  const request = new Request('http://127.0.0.1/webhooks/xpander', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  })
  return handler(request)
}

/**
 * Runs the steps against the emulator `config` names: `{ baseUrl,
 * eventsBaseUrl, apiKey, taskId, agentId }`, where `taskId` is a completed task.
 */
export async function runProgram(config) {
  const xpander = createXpanderAdapter({
    baseUrl: config.baseUrl,
    eventsBaseUrl: config.eventsBaseUrl,
    apiKey: config.apiKey,
  })
  const steps = {
    get: async () => {
      const task = await xpander.getTask(config.taskId)
      check(task.status === 'completed', `status ${task.status}`)
      return `${task.id} ${task.status}`
    },
    list: async () => {
      const tasks = []
      for await (const task of xpander.listTasks({ limit: 3 })) tasks.push(task)
      check(tasks.length === 3, `${tasks.length} tasks`)
      return `${tasks.length} tasks`
    },
    wait: async () => {
      const { id } = await xpander.startTask({ agentId: config.agentId, text: 'Draft the release notes' })
      const task = await waitForTask(xpander, id, { timeoutMs: 60_000 })
      check(task.status === 'completed', `status ${task.status}`)
      return `${id} ${task.status}`
    },
    client: async () => {
      const client = createTaskClient({ adapters: [xpander] })
      const task = await client.getTask('xpander', config.taskId)
      check(task.provider === 'xpander' && task.status === 'completed', `${task.provider} ${task.status}`)
      return `${task.provider} ${task.status}`
    },
    webhook: async () => {
      const changes = []
      const handler = createWebhookHandler({ parse: parseXpanderTask, onChange: (task) => changes.push(task) })
      const { raw } = await xpander.getTask(config.taskId)
      const first = await deliver(handler, raw)
      const again = await deliver(handler, raw)
      check(first.status === 200 && again.status === 200, `answered ${first.status}, ${again.status}`)
      check((await again.json()).duplicate === true, 'the second delivery was not a duplicate')
      check(changes.length === 1, `${changes.length} changes`)
      return `1 change from 2 deliveries`
    },
  }
  const results = {}
  for (const step of STEPS) {
    try {
      results[step] = { ok: true, detail: await steps[step]() }
    } catch (error) {
      results[step] = { ok: false, detail: `${error?.name}: ${error?.message}` }
    }
  }
  return results
}
