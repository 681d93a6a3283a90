// The environment variables of the built-in providers, from the CLI's list of
// them (apps/cli/src/adapters.ts, the one list of names in code: the adapters
// read each name where they need it and export no list). test/environment.test.ts
// checks that list against the names the adapters' sources read.
import { BUILT_IN_PROVIDERS } from '../../cli/src/adapters.js'
import { codeSpans } from './code-spans.ts'

export interface EnvironmentRow {
  variable: string
  provider: string
  /** Whether the CLI (and the adapter, at its first request) cannot work without it. */
  required: boolean
  /** The adapter option it stands in for: the name without the prefix, in camelCase (`WEXA_PROJECT_ID`, `projectId`). */
  option: string
  /** What it is and when the adapter reads it, as HTML (written here; the build fails when a variable has none). */
  details: string
}

// What the code cannot say about each variable. A variable added to the CLI's
// list without an entry here, or an entry for one no longer listed, fails the build.
const DETAILS: Readonly<Record<string, string>> = {
  WEXA_API_KEY: 'sent as `x-api-key`; read at each request',
  WEXA_PROJECT_ID: 'sent as the `projectID` query parameter; read at each request',
  WEXA_BASE_URL: 'default `https://api.wexa.ai`; read when the adapter is created',
  XPANDER_API_KEY: 'sent as `x-api-key`; read at each request',
  XPANDER_BASE_URL: 'default `https://api.xpander.ai/v1`; read when the adapter is created',
  XPANDER_EVENTS_BASE_URL:
    'where task event streams are read, default `https://agent-controller.xpander.ai`; read when the adapter is created',
  ORKES_SERVER_URL: 'with or without `/api`; read at each request',
  ORKES_KEY_ID: 'with `ORKES_KEY_SECRET`, exchanged for a token; read at the first request',
  ORKES_KEY_SECRET: 'with `ORKES_KEY_ID`, exchanged for a token; read at the first request',
  ORKES_TOKEN: 'a ready token, sent as `x-authorization`, instead of a key; read at the first request',
  A2A_AGENT_CARD_URL:
    'the agent card, which names the endpoint and the credentials to send; not read when `baseUrl` is given; read when the adapter is created',
  A2A_API_KEY: 'sent in the header the agent card names (without a card, `apiKeyHeader`); read at each request',
  A2A_TOKEN: 'sent as `Authorization: Bearer …`; read at each request',
  MCP_URL: 'the server’s Streamable HTTP endpoint; read when the adapter is created',
  MCP_TOKEN: 'sent as `Authorization: Bearer …`; read at each request',
}

/** `XPANDER_EVENTS_BASE_URL` → `eventsBaseUrl`; test/environment.test.ts checks each adapter has that option. */
export function optionOf(provider: string, variable: string): string {
  return variable
    .slice(provider.length + 1)
    .toLowerCase()
    .replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
}

export function environmentRows(): EnvironmentRow[] {
  const rows = BUILT_IN_PROVIDERS.flatMap((provider) =>
    provider.env.map((variable) => ({
      variable,
      provider: provider.name,
      required: provider.required.includes(variable),
      option: optionOf(provider.name, variable),
      details: codeSpans(DETAILS[variable] ?? ''),
    })),
  )
  const undocumented = rows.filter((row) => row.details === '').map((row) => row.variable)
  const unlisted = Object.keys(DETAILS).filter((variable) => !rows.some((row) => row.variable === variable))
  if (undocumented.length > 0 || unlisted.length > 0) {
    throw new Error(
      `guide/environment.data.ts: describe ${undocumented.join(', ') || 'nothing'}; remove ${unlisted.join(', ') || 'nothing'}`,
    )
  }
  return rows
}

export default { load: environmentRows }
