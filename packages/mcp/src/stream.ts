// MCP servers push task changes only to a listener of the whole session (or
// of a subscription), so a task is followed by polling `tasks/get` at the
// pace the server asks for in its `pollInterval`.
import type { CallOptions } from '@taskbridge/core'
import { isTerminal } from '@taskbridge/core'
import type { McpTaskResult } from './map.js'

/** The wait between two reads when the server names none, as the official SDK's task store sets it. */
const DEFAULT_POLL_INTERVAL_MS = 1000
/** Bounds on a server's poll interval: a zero would spin, a huge one would never look again. */
const MIN_POLL_INTERVAL_MS = 10
const MAX_POLL_INTERVAL_MS = 60_000

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const done = () => {
      signal?.removeEventListener('abort', stop)
      resolve()
    }
    const timer = setTimeout(done, ms)
    const stop = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', stop, { once: true })
  })
}

/** The poll interval the task asks for, bounded. */
export function pollIntervalOf(task: McpTaskResult): number {
  const asked = task.metadata.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS
  return Math.min(Math.max(asked, MIN_POLL_INTERVAL_MS), MAX_POLL_INTERVAL_MS)
}

const sameState = (a: McpTaskResult, b: McpTaskResult) =>
  a.providerStatus === b.providerStatus &&
  a.status === b.status &&
  a.updatedAt?.getTime() === b.updatedAt?.getTime() &&
  a.metadata.statusMessage === b.metadata.statusMessage

/** Yields the task, then each change of it, reading it every poll interval until it ends. */
export async function* followTask(
  getTask: (id: string, call: CallOptions) => Promise<McpTaskResult>,
  id: string,
  call: CallOptions,
): AsyncGenerator<McpTaskResult, void, undefined> {
  let last: McpTaskResult | undefined
  for (;;) {
    const task = await getTask(id, call)
    if (!last || !sameState(last, task)) yield task
    last = task
    if (isTerminal(task.status)) return
    await pause(pollIntervalOf(task), call.signal)
  }
}
