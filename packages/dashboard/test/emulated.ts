// The four emulated providers and a dashboard over them, for the tests.
import { createA2AAdapter } from '@taskbridge/a2a'
import { createTaskClient } from '@taskbridge/core'
import { createMcpAdapter } from '@taskbridge/mcp'
import { createOrkesWorkflowAdapter } from '@taskbridge/orkes'
import {
  startA2AEmulator,
  startMcpEmulator,
  startOrkesEmulator,
  startWexaEmulator,
  startXpanderEmulator,
} from '@taskbridge/testkit'
import { createWexaAdapter } from '@taskbridge/wexa'
import { createXpanderAdapter } from '@taskbridge/xpander'
import { createDashboard, type Dashboard, type DashboardOptions } from '../src/index.js'

/** The emulators, their adapters' client and a dashboard; `close()` stops all of it. */
export async function startEmulated(options: Partial<Omit<DashboardOptions, 'client'>> = {}) {
  const [wexa, xpander, orkes, a2a, mcp] = await Promise.all([
    startWexaEmulator(),
    startXpanderEmulator(),
    startOrkesEmulator(),
    startA2AEmulator(),
    startMcpEmulator(),
  ])
  const mcpAdapter = createMcpAdapter({ url: mcp.mcpUrl, token: mcp.token, retry: false })
  // No retries: the watcher's budget counts every request (see the watcher's README).
  const client = createTaskClient({
    adapters: [
      createWexaAdapter({ baseUrl: wexa.baseUrl, apiKey: wexa.apiKey, projectId: wexa.projectId, retry: false }),
      createXpanderAdapter({
        baseUrl: xpander.baseUrl,
        eventsBaseUrl: xpander.url,
        apiKey: xpander.apiKey,
        retry: false,
      }),
      createOrkesWorkflowAdapter({
        serverUrl: orkes.baseUrl,
        keyId: orkes.keyId,
        keySecret: orkes.keySecret,
        retry: false,
      }),
      createA2AAdapter({ agentCardUrl: a2a.agentCardUrl, apiKey: a2a.apiKey, retry: false }),
      mcpAdapter,
    ],
  })
  a2a.createTask('TASK_STATE_INPUT_REQUIRED')
  a2a.createTask('TASK_STATE_WORKING')
  // An MCP server lists the tasks of the session that started them: the adapter's own.
  await mcpAdapter.startTask({ tool: mcp.toolName, arguments: { topic: 'sales' } })
  const dashboard: Dashboard = createDashboard({
    client,
    token: 'test-token-0123456789abcdef',
    budget: { requestsPerSecond: 50 },
    refresh: { intervalMs: 50, maxIntervalMs: 200 },
    ...options,
  })
  const emulators = { wexa, xpander, orkes, a2a, mcp }
  const secrets = [wexa.apiKey, xpander.apiKey, orkes.keyId, orkes.keySecret, a2a.apiKey, mcp.token]
  return {
    dashboard,
    client,
    emulators,
    secrets,
    async close() {
      await dashboard.close()
      await Promise.all(Object.values(emulators).map((emulator) => emulator.close()))
    },
  }
}

/** What {@link startEmulated} resolves to. */
export type Emulated = Awaited<ReturnType<typeof startEmulated>>
