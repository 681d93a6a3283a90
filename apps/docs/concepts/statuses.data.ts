// The cross-provider status table of concepts/statuses.md, read from the
// adapters' own mapping tables when the site is built, so it cannot drift.
import { A2A_REASON_TABLE, A2A_STATUS_TABLE } from '@taskbridge/a2a'
import { isActive, isSuccessful, isTerminal, TASK_STATUSES, type TaskStatus } from '@taskbridge/core'
import { MCP_STATUS_TABLE } from '@taskbridge/mcp'
import { ORKES_TASK_STATUS_TABLE, ORKES_WORKFLOW_STATUS_TABLE } from '@taskbridge/orkes'
import { WEXA_STATUS_TABLE } from '@taskbridge/wexa'
import { XPANDER_STATUS_TABLE } from '@taskbridge/xpander'

type Table = Readonly<Record<string, TaskStatus>>

export interface StatusRow {
  status: TaskStatus
  kind: 'terminal' | 'active' | 'neither'
  successful: boolean
  /** Per column of `PROVIDER_COLUMNS`, the provider statuses that map to `status`. */
  providerStatuses: string[][]
}

export interface StatusData {
  columns: string[]
  rows: StatusRow[]
  a2aReasons: [state: string, reason: string][]
}

const PROVIDER_COLUMNS: [name: string, table: Table][] = [
  ['Wexa', WEXA_STATUS_TABLE],
  ['xpander.ai', XPANDER_STATUS_TABLE],
  ['Orkes task', ORKES_TASK_STATUS_TABLE],
  ['Orkes workflow', ORKES_WORKFLOW_STATUS_TABLE],
  ['A2A', A2A_STATUS_TABLE],
  ['MCP', MCP_STATUS_TABLE],
]

export function statusData(): StatusData {
  return {
    columns: PROVIDER_COLUMNS.map(([name]) => name),
    rows: TASK_STATUSES.map((status) => ({
      status,
      kind: isTerminal(status) ? 'terminal' : isActive(status) ? 'active' : 'neither',
      successful: isSuccessful(status),
      providerStatuses: PROVIDER_COLUMNS.map(([, table]) =>
        Object.entries(table)
          .filter(([, mapped]) => mapped === status)
          .map(([providerStatus]) => providerStatus),
      ),
    })),
    a2aReasons: Object.entries(A2A_REASON_TABLE),
  }
}

export default { load: statusData }
