// The environment variables of the built-in providers, from the lists each
// adapter package exports (`WEXA_ENV_VARS` and the like), as the CLI gathers
// them (apps/cli/src/adapters.ts). test/environment.test.ts checks each
// variable's option against the adapter's options.
import { BUILT_IN_PROVIDERS } from '../../cli/src/adapters.js'
import { codeSpans } from './code-spans.ts'

export interface EnvironmentRow {
  variable: string
  provider: string
  /** Whether the CLI (and the adapter, at its first request) cannot work without it. */
  required: boolean
  /** The adapter option it stands in for, as the adapter package names it (`WEXA_PROJECT_ID`, `projectId`). */
  option: string
  /** What it is, as HTML (written here; the build fails when a variable has none). Every adapter reads its variables when it is created. */
  details: string
}

// What the code cannot say about each variable. A variable added to an adapter's
// list without an entry here, or an entry for one no longer listed, fails the build.
const DETAILS: Readonly<Record<string, string>> = {
  WEXA_API_KEY: 'sent as `x-api-key`',
  WEXA_PROJECT_ID: 'sent as the `projectID` query parameter',
  WEXA_BASE_URL: 'default `https://api.wexa.ai`',
  XPANDER_API_KEY: 'sent as `x-api-key`',
  XPANDER_BASE_URL: 'default `https://api.xpander.ai/v1`',
  XPANDER_EVENTS_BASE_URL: 'where task event streams are read, default `https://agent-controller.xpander.ai`',
  ORKES_SERVER_URL: 'with or without `/api`',
  ORKES_KEY_ID: 'with `ORKES_KEY_SECRET`, exchanged for a token at the first request',
  ORKES_KEY_SECRET: 'with `ORKES_KEY_ID`, exchanged for a token at the first request',
  ORKES_TOKEN: 'a ready token, sent as `x-authorization`, instead of a key',
  A2A_AGENT_CARD_URL:
    'the agent card, which names the endpoint and the credentials to send; not read when `baseUrl` is given',
  A2A_API_KEY: 'sent in the header the agent card names (without a card, `apiKeyHeader`)',
  A2A_TOKEN: 'sent as `Authorization: Bearer …`',
  MCP_URL: 'the server’s Streamable HTTP endpoint',
  MCP_TOKEN: 'sent as `Authorization: Bearer …`',
}

export function environmentRows(): EnvironmentRow[] {
  const rows = BUILT_IN_PROVIDERS.flatMap((provider) =>
    provider.variables.map(({ name: variable, option }) => ({
      variable,
      provider: provider.name,
      required: provider.required.includes(variable),
      option,
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
