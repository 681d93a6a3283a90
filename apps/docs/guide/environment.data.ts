// The environment variables of the built-in providers, from the CLI's list of
// them (apps/cli/src/adapters.ts, the one list of names in code: the adapters
// read each name where they need it and export no list). test/environment.test.ts
// checks that list against the names the adapters' sources read.
import { BUILT_IN_PROVIDERS } from '../../cli/dist/adapters.js'

export interface EnvironmentRow {
  variable: string
  provider: string
  /** Whether the CLI (and the adapter, at its first request) cannot work without it. */
  required: boolean
  /** The adapter option it stands in for: the name without the prefix, in camelCase (`WEXA_PROJECT_ID`, `projectId`). */
  option: string
}

/** `XPANDER_EVENTS_BASE_URL` → `eventsBaseUrl`; test/environment.test.ts checks each adapter has that option. */
export function optionOf(provider: string, variable: string): string {
  return variable
    .slice(provider.length + 1)
    .toLowerCase()
    .replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
}

export function environmentRows(): EnvironmentRow[] {
  return BUILT_IN_PROVIDERS.flatMap((provider) =>
    provider.env.map((variable) => ({
      variable,
      provider: provider.name,
      required: provider.required.includes(variable),
      option: optionOf(provider.name, variable),
    })),
  )
}

export default { load: environmentRows }
