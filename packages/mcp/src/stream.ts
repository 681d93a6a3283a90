// A task is followed by reading it (`tasks/get`) at the pace the server asks
// for in its poll interval; where the server sends status notifications, one
// for the task makes the next read come at once.
import type { CallOptions } from '@taskbridge/core'
import { isTerminal } from '@taskbridge/core'
import type { McpTaskResult } from './map.js'
import type { TaskNotifier, TaskSubscription } from './notifications.js'

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

/** Waits for the next read: the poll interval, or less when a notification says the task changed. */
async function nextRead(ms: number, signal: AbortSignal | undefined, subscription: TaskSubscription | undefined) {
  if (!subscription) return pause(ms, signal)
  const settled = new AbortController()
  const both = signal ? AbortSignal.any([signal, settled.signal]) : settled.signal
  try {
    await Promise.race([pause(ms, both), subscription.changed(both)])
  } finally {
    settled.abort()
  }
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

/**
 * Yields the task, then each change of it, reading it every poll interval
 * (sooner when the notifier says it changed) until it ends.
 */
export async function* followTask(
  getTask: (id: string, call: CallOptions) => Promise<McpTaskResult>,
  id: string,
  call: CallOptions,
  notifier?: TaskNotifier,
): AsyncGenerator<McpTaskResult, void, undefined> {
  const subscription = notifier?.subscribe(id)
  try {
    let last: McpTaskResult | undefined
    for (;;) {
      const task = await getTask(id, call)
      if (!last || !sameState(last, task)) yield task
      last = task
      if (isTerminal(task.status)) return
      await nextRead(pollIntervalOf(task), call.signal, subscription)
    }
  } finally {
    subscription?.close()
  }
}
