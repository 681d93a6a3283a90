// What both MCP emulators do once their JSON-RPC handling is written: serve
// it over HTTP behind the bearer token, and add the contract harness around
// their task store.
import { randomUUID } from 'node:crypto'
import type { HarnessRoutes } from '../contract/harness.js'
import type { EmulatorClock } from '../toolkit/clock.js'
import { type EmulatorReply, type EmulatorRequest, startEmulatorServer } from '../toolkit/server.js'
import {
  bearerCheck,
  MCP_EMULATOR_ROUTES,
  MCP_EMULATOR_TOOL,
  MCP_PATH,
  type McpEmulator,
  type McpEmulatorOptions,
  methodRoutes,
} from './http.js'
import { type ClockedTaskStore, MCP_PROVIDER_STATUSES } from './store.js'

/** What sets one MCP emulator apart from the other when it starts serving. */
export interface McpServing {
  /** The emulator's start function, named in its errors. */
  name: string
  clock: EmulatorClock
  options: McpEmulatorOptions
  store: ClockedTaskStore
  /** Answers every JSON-RPC request that passed the token check. */
  serve: (request: EmulatorRequest) => Promise<EmulatorReply>
  /** The route names it serves besides those both emulators serve, each with its JSON-RPC method. */
  methods: Record<string, string>
  /** The route names the harness shows. */
  routes: HarnessRoutes
  /** Forgets every session the emulator keeps. */
  dropSessions: () => void
}

/** The routes both emulators serve, each with its JSON-RPC method. */
const SHARED_METHODS: Record<string, string> = {
  [MCP_EMULATOR_ROUTES.initialize]: 'initialize',
  [MCP_EMULATOR_ROUTES.getTask]: 'tasks/get',
  [MCP_EMULATOR_ROUTES.startTask as string]: 'tools/call',
  [MCP_EMULATOR_ROUTES.cancelTask as string]: 'tasks/cancel',
}

/** Serves an MCP emulator on 127.0.0.1 and returns it with the contract harness both emulators share. */
export async function serveMcpEmulator(serving: McpServing): Promise<McpEmulator> {
  const { name, options, store } = serving
  const token = options.token ?? `mcp-test-${randomUUID()}`
  let acceptedToken = token
  const server = await startEmulatorServer({
    clock: serving.clock,
    port: options.port,
    cors: options.cors,
    routes: methodRoutes(serving.serve, { ...SHARED_METHODS, ...serving.methods }),
    authenticate: bearerCheck(() => acceptedToken),
    errorBody: (status, message) => ({ jsonrpc: '2.0', id: null, error: { code: -32000 - (status % 100), message } }),
  })

  return Object.assign(server, {
    baseUrl: `${server.url}${MCP_PATH}`,
    mcpUrl: `${server.url}${MCP_PATH}`,
    token,
    toolName: MCP_EMULATOR_TOOL,
    routes: serving.routes,
    secrets: [token],
    providerStatuses: MCP_PROVIDER_STATUSES,
    createTask: (status?: string) => {
      if (status !== undefined && !MCP_PROVIDER_STATUSES.includes(status)) {
        throw new RangeError(`${name}: createTask takes one of ${MCP_PROVIDER_STATUSES.join(', ')}`)
      }
      return store.seed(status ?? 'working')
    },
    providerStatusOf: (id: string) => store.peek(id)?.task.status,
    unknownTaskId: () => randomUUID(),
    invalidateCredentials: () => {
      acceptedToken = `mcp-rotated-${randomUUID()}`
    },
    dropSessions: serving.dropSessions,
    reset: () => {
      store.clear()
      acceptedToken = token
      server.faults.clear()
      server.clearRequests()
    },
  })
}
