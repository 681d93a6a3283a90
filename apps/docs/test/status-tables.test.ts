// The status tables the adapter pages show are written by hand in each
// adapter's README; this keeps them equal to the tables the code maps with.
import { readFileSync } from 'node:fs'
import { A2A_STATUS_TABLE } from '@taskbridge/a2a'
import type { TaskStatus } from '@taskbridge/core'
import { MCP_STATUS_TABLE } from '@taskbridge/mcp'
import { ORKES_TASK_STATUS_TABLE, ORKES_WORKFLOW_STATUS_TABLE } from '@taskbridge/orkes'
import { WEXA_STATUS_TABLE } from '@taskbridge/wexa'
import { XPANDER_STATUS_TABLE } from '@taskbridge/xpander'
import { describe, expect, it } from 'vitest'

type StatusTable = Readonly<Record<string, TaskStatus>>

/** The rows of the README's "## Statuses" section, as cells. */
function statusRows(adapter: string): string[][] {
  const readme = readFileSync(new URL(`../../../packages/${adapter}/README.md`, import.meta.url), 'utf8')
  const section = readme.split(/^## /m).find((part) => part.startsWith('Statuses'))
  if (!section) throw new Error(`packages/${adapter}/README.md has no "## Statuses" section`)
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('|---'))
    .slice(1)
    .map((line) => line.split('|').slice(1, -1))
}

const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string)

/**
 * What the README says each provider status maps to, read from one pair of
 * columns: `A`, `B` → `x` maps both to x; `A`, `B` → `x`, `y` maps them in
 * order; "as named" maps to the lower-cased name. Rows with a condition
 * ("`paused` with a `hitl_request`") or no status (anything else) are prose.
 */
function documented(rows: string[][], keyColumn: number): Record<string, string> {
  const mapped: Record<string, string> = {}
  for (const row of rows) {
    const keysCell = row[keyColumn] ?? ''
    const valueCell = row[keyColumn + 1] ?? ''
    const keys = codes(keysCell)
    if (keys.length === 0 || keysCell.includes(' with ')) continue
    const values = codes(valueCell)
    keys.forEach((key, index) => {
      mapped[key] = valueCell.includes('as named')
        ? key.toLowerCase()
        : ((values.length === keys.length ? values[index] : values[0]) ?? '')
    })
  }
  return mapped
}

describe('the adapters’ READMEs show the status tables the code maps with', () => {
  it.each([
    ['wexa', 0, WEXA_STATUS_TABLE],
    ['xpander', 0, XPANDER_STATUS_TABLE],
    ['orkes', 0, ORKES_TASK_STATUS_TABLE],
    ['orkes', 3, ORKES_WORKFLOW_STATUS_TABLE],
    ['a2a', 0, A2A_STATUS_TABLE],
    ['mcp', 0, MCP_STATUS_TABLE],
  ] as [string, number, StatusTable][])('%s (columns from %i)', (adapter, keyColumn, table) => {
    expect(documented(statusRows(adapter), keyColumn)).toEqual({ ...table })
  })
})
