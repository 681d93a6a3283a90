import { A2A_ENV_VARS, createA2AAdapter } from '@taskbridge/a2a'
import { type AnyTaskAdapter, InvalidArgumentError } from '@taskbridge/core'
import { createMcpAdapter, MCP_ENV_VARS } from '@taskbridge/mcp'
import { createOrkesTaskAdapter, createOrkesWorkflowAdapter, ORKES_ENV_VARS } from '@taskbridge/orkes'
import { createWexaAdapter, WEXA_ENV_VARS } from '@taskbridge/wexa'
import { createXpanderAdapter, XPANDER_ENV_VARS } from '@taskbridge/xpander'

/** What an Orkes adapter's Tasks are (`--resource`): Orkes tasks, or workflow executions. */
export type OrkesResource = 'task' | 'workflow'

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
  /** Each variable with the option it stands for, as the adapter package lists them. */
  variables: readonly { option: string; name: string }[]
}

/** A provider's entry, from the variables its adapter package names. */
function builtIn(
  name: BuiltInProvider['name'],
  variables: readonly { option: string; name: string; required?: boolean }[],
): BuiltInProvider {
  const required = variables.filter((variable) => variable.required)
  return {
    name,
    env: variables.map((variable) => variable.name),
    required: required.map((variable) => variable.name),
    optionEnv: Object.fromEntries(required.map((variable) => [variable.option, variable.name])),
    variables,
  }
}

/** The providers the CLI knows without a config file, with the variables each adapter package says it reads. */
export const BUILT_IN_PROVIDERS: readonly BuiltInProvider[] = [
  builtIn('wexa', WEXA_ENV_VARS),
  builtIn('xpander', XPANDER_ENV_VARS),
  builtIn('orkes', ORKES_ENV_VARS),
  builtIn('a2a', A2A_ENV_VARS),
  builtIn('mcp', MCP_ENV_VARS),
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
      return resourceOf(flags, defaultResource) === 'workflow'
        ? createOrkesWorkflowAdapter({ serverUrl: flags.baseUrl })
        : createOrkesTaskAdapter({ serverUrl: flags.baseUrl })
    case 'a2a':
      // --base-url is one JSON-RPC endpoint, used without reading the agent card.
      return createA2AAdapter({ baseUrl: flags.baseUrl })
    case 'mcp':
      // --base-url is the server's Streamable HTTP endpoint.
      return createMcpAdapter({ url: flags.baseUrl })
  }
}
