// The capabilities table of concepts/adapters.md, read from adapters created
// with their defaults when the site is built (creating one needs no
// credentials), so the table says what the code does.
import { createA2AAdapter } from '@taskbridge/a2a'
import type { Capabilities } from '@taskbridge/core'
import { createMcpAdapter } from '@taskbridge/mcp'
import { createOrkesTaskAdapter, createOrkesWorkflowAdapter } from '@taskbridge/orkes'
import { createWexaAdapter } from '@taskbridge/wexa'
import { createXpanderAdapter } from '@taskbridge/xpander'

export interface CapabilityData {
  capabilities: (keyof Capabilities)[]
  rows: { adapter: string; capabilities: Capabilities }[]
}

export function capabilityData(): CapabilityData {
  const rows = [
    { adapter: 'Wexa', capabilities: createWexaAdapter().capabilities },
    { adapter: 'xpander.ai', capabilities: createXpanderAdapter().capabilities },
    { adapter: 'Orkes, task mode (default)', capabilities: createOrkesTaskAdapter().capabilities },
    { adapter: 'Orkes, workflow mode', capabilities: createOrkesWorkflowAdapter().capabilities },
    { adapter: 'Agent2Agent', capabilities: createA2AAdapter().capabilities },
    { adapter: 'MCP', capabilities: createMcpAdapter().capabilities },
  ]
  return { capabilities: Object.keys(rows[0]?.capabilities ?? {}) as (keyof Capabilities)[], rows }
}

export default { load: capabilityData }
