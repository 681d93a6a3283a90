import { readFileSync } from 'node:fs'
import { type McpEmulator, startMcpEmulator, startMcpExtensionEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createMcpAdapter, MCP_ENV_VARS } from '../src/index.js'
import { MCP_OPTIONS_SCHEMA } from '../src/options.js'

// The User-Agent names the version in package.json: a version.ts that drifted from it fails here.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

const adapterFor =
  (form: '2025-11-25' | 'extension') => (emulator: McpEmulator, headers?: Record<string, string | undefined>) =>
    createMcpAdapter({ url: emulator.mcpUrl, token: emulator.token, form, retry: { backoffLimitMs: 20 }, headers })

/** The headers section: the token travels as a bearer token. */
const headerChecks = (form: '2025-11-25' | 'extension') => ({
  createAdapter: adapterFor(form),
  authHeader: 'authorization',
  authValue: (emulator: McpEmulator) => `Bearer ${emulator.token}`,
  userAgent: `taskbridge-mcp/${version}`,
  // Streamable HTTP asks a client to accept both.
  accept: 'application/json, text/event-stream',
})

// The 2025-11-25 form, served by the official SDK's server classes; one task
// per tasks/list page, so the suite sees the paging (MCP has no page size to
// ask for). The adapter told the form has no answerTask (that form has no tasks/update).
runAdapterContract<McpEmulator>({
  name: 'mcp 2025-11-25 form (testkit emulator on the official SDK server)',
  startEmulator: () => startMcpEmulator({ listPageSize: 1 }),
  createAdapter: (emulator) => adapterFor('2025-11-25')(emulator),
  headers: headerChecks('2025-11-25'),
  startInput: (emulator) => ({ tool: emulator.toolName, arguments: { topic: 'tides' } }),
  factoryOptions: {
    factory: createMcpAdapter,
    schema: MCP_OPTIONS_SCHEMA,
    valid: (emulator) => ({ url: emulator.mcpUrl, token: emulator.token, form: '2025-11-25' }),
    envVars: MCP_ENV_VARS,
  },
})

// The extension form has no tasks/list: the adapter told so has no listTasks.
// Its answers are tasks/update with inputResponses.
runAdapterContract<McpEmulator>({
  name: 'mcp io.modelcontextprotocol/tasks extension (testkit emulator)',
  startEmulator: () => startMcpExtensionEmulator(),
  createAdapter: (emulator) => adapterFor('extension')(emulator),
  headers: headerChecks('extension'),
  startInput: (emulator) => ({ tool: emulator.toolName, arguments: { topic: 'tides' } }),
  answer: () => ({ data: { quarter: 'Q3' } }),
})
