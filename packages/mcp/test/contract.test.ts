import { type McpEmulator, startMcpEmulator, startMcpExtensionEmulator } from '@taskbridge/testkit'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createMcpAdapter, MCP_ENV_VARS } from '../src/index.js'
import { MCP_OPTIONS_SCHEMA } from '../src/options.js'

// The 2025-11-25 form, served by the official SDK's server classes; one task
// per tasks/list page, so the suite sees the paging (MCP has no page size to
// ask for). The adapter told the form has no answerTask (that form has no tasks/update).
runAdapterContract<McpEmulator>({
  name: 'mcp 2025-11-25 form (testkit emulator on the official SDK server)',
  startEmulator: () => startMcpEmulator({ listPageSize: 1 }),
  createAdapter: (emulator) =>
    createMcpAdapter({
      url: emulator.mcpUrl,
      token: emulator.token,
      form: '2025-11-25',
      retry: { backoffLimitMs: 20 },
    }),
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
  createAdapter: (emulator) =>
    createMcpAdapter({ url: emulator.mcpUrl, token: emulator.token, form: 'extension', retry: { backoffLimitMs: 20 } }),
  startInput: (emulator) => ({ tool: emulator.toolName, arguments: { topic: 'tides' } }),
  answer: () => ({ data: { quarter: 'Q3' } }),
})
