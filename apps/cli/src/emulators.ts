import {
  type EmulatorClockOption,
  ORKES_REGISTERED_WORKFLOWS,
  startA2AEmulator,
  startMcpEmulator,
  startOrkesEmulator,
  startWexaEmulator,
  startXpanderEmulator,
  XPANDER_SEED_AGENT_IDS,
} from '@taskbridge/testkit'
import { builtInProvider } from './adapters.js'

/** The providers `taskbridge emulate` can emulate, in the order it starts them. */
export const EMULATED_PROVIDERS = ['wexa', 'xpander', 'orkes', 'a2a', 'mcp'] as const

/** One of {@link EMULATED_PROVIDERS}. */
export type EmulatedProvider = (typeof EMULATED_PROVIDERS)[number]

/** One running emulator, as `emulate` reports it. */
export interface EmulatorInfo {
  provider: EmulatedProvider
  /** The URL adapters talk to (xpander's ends in `/v1`, as its API does; the A2A agent's is its JSON-RPC endpoint, the MCP server's its Streamable HTTP endpoint). */
  baseUrl: string
  port: number
  /** The variables that point the CLI and the adapters at it, throwaway credentials included. */
  env: Record<string, string>
  /** A command to try against it. */
  example: string
}

/** Emulators started by {@link startEmulators}. */
export interface RunningEmulators {
  emulators: EmulatorInfo[]
  close(): Promise<void>
}

/** The variables that give these options to the provider's adapter, named as its package names them. */
function envFor(provider: EmulatedProvider, options: Readonly<Record<string, string>>): Record<string, string> {
  const variables = builtInProvider(provider)?.variables ?? []
  const env: Record<string, string> = {}
  for (const { option, name } of variables) {
    const value = options[option]
    if (value !== undefined) env[name] = value
  }
  return env
}

async function startOne(provider: EmulatedProvider, clock: EmulatorClockOption, port: number | undefined) {
  switch (provider) {
    case 'wexa': {
      const wexa = await startWexaEmulator({ clock, port })
      const env = envFor(provider, { apiKey: wexa.apiKey, projectId: wexa.projectId, baseUrl: wexa.baseUrl })
      const example = 'taskbridge start wexa --agentflow demo-flow --goal "Write the weekly report" --watch'
      return { server: wexa, info: { provider, baseUrl: wexa.baseUrl, port: wexa.port, env, example } }
    }
    case 'xpander': {
      const xpander = await startXpanderEmulator({ clock, port })
      const env = envFor(provider, { apiKey: xpander.apiKey, baseUrl: xpander.baseUrl, eventsBaseUrl: xpander.url })
      const example = `taskbridge start xpander --agent ${XPANDER_SEED_AGENT_IDS.writer} --text "Draft the release notes" --watch`
      return { server: xpander, info: { provider, baseUrl: xpander.baseUrl, port: xpander.port, env, example } }
    }
    case 'orkes': {
      const orkes = await startOrkesEmulator({ clock, port })
      const env = envFor(provider, { serverUrl: orkes.baseUrl, keyId: orkes.keyId, keySecret: orkes.keySecret })
      const example = `taskbridge start orkes --workflow ${ORKES_REGISTERED_WORKFLOWS[0]} --input '{"orderId":"ord-1"}' --watch`
      return { server: orkes, info: { provider, baseUrl: orkes.baseUrl, port: orkes.port, env, example } }
    }
    case 'a2a': {
      const agent = await startA2AEmulator({ clock, port })
      const env = envFor(provider, { agentCardUrl: agent.agentCardUrl, apiKey: agent.apiKey })
      const example = 'taskbridge start a2a --text "Summarise the quarterly report" --watch'
      return { server: agent, info: { provider, baseUrl: agent.baseUrl, port: agent.port, env, example } }
    }
    case 'mcp': {
      const mcp = await startMcpEmulator({ clock, port })
      const env = envFor(provider, { url: mcp.mcpUrl, token: mcp.token })
      const example = `taskbridge start mcp --tool ${mcp.toolName} --input '{"topic":"sales"}' --watch`
      return { server: mcp, info: { provider, baseUrl: mcp.mcpUrl, port: mcp.port, env, example } }
    }
  }
}

/**
 * Starts the emulators of `providers` on 127.0.0.1, in real time (`speed`
 * times faster), each on its port from `ports` or on a free one. When one
 * cannot start (its port is taken), the ones already started are closed.
 */
export async function startEmulators(
  providers: readonly EmulatedProvider[],
  options: { speed: number; ports: Partial<Record<EmulatedProvider, number>> },
): Promise<RunningEmulators> {
  const clock: EmulatorClockOption = { realTime: { speed: options.speed } }
  const started = await Promise.allSettled(
    providers.map((provider) => startOne(provider, clock, options.ports[provider])),
  )
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value.server] : []))
  const close = async () => {
    await Promise.all(servers.map((server) => server.close()))
  }
  const failed = started.find((result) => result.status === 'rejected')
  if (failed) {
    await close()
    throw failed.reason
  }
  return {
    emulators: started.flatMap((result) => (result.status === 'fulfilled' ? [result.value.info] : [])),
    close,
  }
}

/** A value quoted for POSIX shells. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}
