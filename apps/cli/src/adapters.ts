import { InvalidArgumentError, type TaskAdapter } from '@taskbridge/core'
import { createOrkesAdapter, type OrkesResource } from '@taskbridge/orkes'
import { createWexaAdapter } from '@taskbridge/wexa'
import { createXpanderAdapter } from '@taskbridge/xpander'

/** What the command line says about how to reach a provider. */
export interface ConnectionFlags {
  baseUrl?: string
  resource?: string
}

/** The providers the CLI knows, with the environment variables each reads. */
export const PROVIDERS: readonly { name: string; env: readonly string[]; required: readonly string[] }[] = [
  { name: 'wexa', env: ['WEXA_API_KEY', 'WEXA_PROJECT_ID'], required: ['WEXA_API_KEY', 'WEXA_PROJECT_ID'] },
  { name: 'xpander', env: ['XPANDER_API_KEY'], required: ['XPANDER_API_KEY'] },
  {
    name: 'orkes',
    env: ['ORKES_SERVER_URL', 'ORKES_KEY_ID', 'ORKES_KEY_SECRET', 'ORKES_TOKEN'],
    required: ['ORKES_SERVER_URL'],
  },
]

function resourceOf(flags: ConnectionFlags): OrkesResource {
  if (flags.resource === undefined || flags.resource === 'task' || flags.resource === 'workflow') {
    return flags.resource ?? 'task'
  }
  throw new InvalidArgumentError({
    argument: 'resource',
    message: `--resource must be "task" or "workflow", got "${flags.resource}"`,
  })
}

/** The adapter for a provider name, configured from the environment and the flags. */
export function createAdapterFor(provider: string, flags: ConnectionFlags = {}): TaskAdapter {
  if (flags.resource !== undefined && provider !== 'orkes') {
    throw new InvalidArgumentError({ argument: 'resource', message: '--resource applies to orkes only' })
  }
  switch (provider) {
    case 'wexa':
      return createWexaAdapter({ baseUrl: flags.baseUrl })
    case 'xpander':
      return createXpanderAdapter({ baseUrl: flags.baseUrl })
    case 'orkes':
      return createOrkesAdapter({ serverUrl: flags.baseUrl, resource: resourceOf(flags) })
    default:
      throw new InvalidArgumentError({
        argument: 'provider',
        message: `Unknown provider "${provider}"; choose one of ${PROVIDERS.map((entry) => entry.name).join(', ')}`,
      })
  }
}
