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

/** The scheme, host and port of `url`; `undefined` when there is none (the factory then reports a bad --base-url). */
function originOf(url: string | undefined): string | undefined {
  return url === undefined || !URL.canParse(url) ? undefined : new URL(url).origin
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
      // The event stream is served from the same host as a --base-url (an emulator, a proxy).
      return createXpanderAdapter({
        baseUrl: flags.baseUrl,
        eventsBaseUrl: originOf(flags.baseUrl),
      })
    case 'orkes':
      return createOrkesAdapter({ serverUrl: flags.baseUrl, resource: resourceOf(flags) })
    default:
      throw new InvalidArgumentError({
        argument: 'provider',
        message: `Unknown provider "${provider}"; choose one of ${PROVIDERS.map((entry) => entry.name).join(', ')}`,
      })
  }
}
