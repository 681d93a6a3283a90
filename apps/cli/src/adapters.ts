import { createA2AAdapter } from '@taskbridge/a2a'
import { type AnyTaskAdapter, InvalidArgumentError } from '@taskbridge/core'
import { createMcpAdapter } from '@taskbridge/mcp'
import { createOrkesAdapter, type OrkesResource } from '@taskbridge/orkes'
import { createWexaAdapter } from '@taskbridge/wexa'
import { createXpanderAdapter } from '@taskbridge/xpander'

/** What the command line says about how to reach a provider. */
export interface ConnectionFlags {
  baseUrl?: string
  resource?: string
}

/** A provider the CLI has built in, with the environment variables it reads. */
export interface BuiltInProvider {
  name: 'wexa' | 'xpander' | 'orkes' | 'a2a' | 'mcp'
  /** Every variable it reads. */
  env: readonly string[]
  /** The variables it cannot work without. */
  required: readonly string[]
  /** The adapter option each required variable stands for, so errors can name the variable. */
  optionEnv: Readonly<Record<string, string>>
}

/** The providers the CLI knows without a config file. */
export const BUILT_IN_PROVIDERS: readonly BuiltInProvider[] = [
  {
    name: 'wexa',
    env: ['WEXA_API_KEY', 'WEXA_PROJECT_ID', 'WEXA_BASE_URL'],
    required: ['WEXA_API_KEY', 'WEXA_PROJECT_ID'],
    optionEnv: { apiKey: 'WEXA_API_KEY', projectId: 'WEXA_PROJECT_ID' },
  },
  {
    name: 'xpander',
    env: ['XPANDER_API_KEY', 'XPANDER_BASE_URL', 'XPANDER_EVENTS_BASE_URL'],
    required: ['XPANDER_API_KEY'],
    optionEnv: { apiKey: 'XPANDER_API_KEY' },
  },
  {
    name: 'orkes',
    env: ['ORKES_SERVER_URL', 'ORKES_KEY_ID', 'ORKES_KEY_SECRET', 'ORKES_TOKEN'],
    required: ['ORKES_SERVER_URL'],
    optionEnv: { serverUrl: 'ORKES_SERVER_URL' },
  },
  {
    name: 'a2a',
    env: ['A2A_AGENT_CARD_URL', 'A2A_API_KEY', 'A2A_TOKEN'],
    required: ['A2A_AGENT_CARD_URL'],
    optionEnv: { agentCardUrl: 'A2A_AGENT_CARD_URL' },
  },
  {
    name: 'mcp',
    env: ['MCP_URL', 'MCP_TOKEN'],
    required: ['MCP_URL'],
    optionEnv: { url: 'MCP_URL' },
  },
]

/** The built-in provider of that name, if there is one. */
export function builtInProvider(name: string): BuiltInProvider | undefined {
  return BUILT_IN_PROVIDERS.find((provider) => provider.name === name)
}

/** `--resource` as an Orkes resource; `fallback` when the flag is not given. */
export function resourceOf(flags: ConnectionFlags, fallback: OrkesResource = 'task'): OrkesResource {
  if (flags.resource === undefined) return fallback
  if (flags.resource === 'task' || flags.resource === 'workflow') return flags.resource
  throw new InvalidArgumentError({
    argument: 'resource',
    message: `--resource must be "task" or "workflow", got "${flags.resource}"`,
  })
}

/** The scheme, host and port of `url`; `undefined` when there is none (the factory then reports a bad --base-url). */
function originOf(url: string | undefined): string | undefined {
  return url === undefined || !URL.canParse(url) ? undefined : new URL(url).origin
}

/** A built-in provider's adapter, configured from the environment and the flags. */
export function createBuiltInAdapter(
  provider: BuiltInProvider['name'],
  flags: ConnectionFlags = {},
  defaultResource: OrkesResource = 'task',
): AnyTaskAdapter {
  if (flags.resource !== undefined && provider !== 'orkes') {
    throw new InvalidArgumentError({ argument: 'resource', message: '--resource applies to orkes only' })
  }
  switch (provider) {
    case 'wexa':
      return createWexaAdapter({ baseUrl: flags.baseUrl })
    case 'xpander':
      // The event stream is served from the same host as a --base-url (an emulator, a proxy).
      return createXpanderAdapter({
        baseUrl: flags.baseUrl,
        eventsBaseUrl: originOf(flags.baseUrl),
      })
    case 'orkes':
      return createOrkesAdapter({ serverUrl: flags.baseUrl, resource: resourceOf(flags, defaultResource) })
    case 'a2a':
      // --base-url is one JSON-RPC endpoint, used without reading the agent card.
      return createA2AAdapter({ baseUrl: flags.baseUrl })
    case 'mcp':
      // --base-url is the server's Streamable HTTP endpoint.
      return createMcpAdapter({ url: flags.baseUrl })
  }
}
