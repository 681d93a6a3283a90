// The 2025-11-25 form's status notifications: a server may send
// `notifications/tasks/status` (carrying the task) on the session's own
// event stream, opened with a GET. One stream serves every task the adapter
// follows (a server allows one per session); a notification wakes the
// follower of its task, which then reads the task at once instead of at its
// next poll. Without the stream (refused, cut, no session) polling goes on.
import { parseJsonText } from '@taskbridge/provider-utils'
import type { McpSession } from './session.js'

/** The 2025-11-25 form's notification of a task's new status. */
export const TASK_STATUS_NOTIFICATION = 'notifications/tasks/status'

/** One follower's subscription to a task's notifications. */
export interface TaskSubscription {
  /**
   * Resolves once the server has said the task changed since the last call
   * (at once when it did in between); never when the server cannot say;
   * rejects with the signal's reason on abort.
   */
  changed(signal: AbortSignal): Promise<void>
  /** Ends the subscription; the stream closes with the last one. */
  close(): void
}

/** Tells the followers of tasks when the server says they changed. */
export interface TaskNotifier {
  subscribe(taskId: string): TaskSubscription
}

/** The task a notification is about, when it is a status notification. */
function notifiedTaskId(data: string, provider: string): string | undefined {
  if (data.trim() === '') return undefined
  const message = parseJsonText(data, { provider, what: 'MCP notification' }) as {
    method?: unknown
    params?: { taskId?: unknown }
  } | null
  const taskId = message?.method === TASK_STATUS_NOTIFICATION ? message.params?.taskId : undefined
  return typeof taskId === 'string' ? taskId : undefined
}

interface Follower {
  /** A notification came while nobody waited: the next wait ends at once. */
  changed: boolean
  wake: (() => void) | undefined
}

/** A notifier over the session's event stream, open while some task is followed. */
export function createTaskNotifier(provider: string, session: McpSession): TaskNotifier {
  const followers = new Map<string, Set<Follower>>()
  let listening: AbortController | undefined
  // Once the server refused or cut the stream, followers poll for the rest of the adapter's life.
  let unavailable = false

  const notify = (taskId: string) => {
    for (const follower of followers.get(taskId) ?? []) {
      if (follower.wake) follower.wake()
      else follower.changed = true
    }
  }

  async function listen(controller: AbortController): Promise<void> {
    try {
      const response = await session.listen(controller.signal)
      if (!response?.events) {
        unavailable = true
        return
      }
      for await (const { data } of response.events) {
        const taskId = notifiedTaskId(data, provider)
        if (taskId !== undefined) notify(taskId)
      }
    } catch {
      if (!controller.signal.aborted) unavailable = true
    } finally {
      if (listening === controller) listening = undefined
    }
  }

  function subscribe(taskId: string): TaskSubscription {
    const follower: Follower = { changed: false, wake: undefined }
    const set = followers.get(taskId) ?? new Set()
    followers.set(taskId, set.add(follower))
    if (!unavailable && !listening) {
      listening = new AbortController()
      void listen(listening)
    }
    return {
      changed: (signal) =>
        new Promise<void>((resolve, reject) => {
          if (signal.aborted) return reject(signal.reason)
          if (follower.changed) {
            follower.changed = false
            return resolve()
          }
          const stop = () => {
            follower.wake = undefined
            reject(signal.reason)
          }
          follower.wake = () => {
            follower.wake = undefined
            signal.removeEventListener('abort', stop)
            resolve()
          }
          signal.addEventListener('abort', stop, { once: true })
        }),
      close() {
        set.delete(follower)
        if (set.size === 0) followers.delete(taskId)
        if (followers.size === 0 && listening) {
          listening.abort()
          listening = undefined
        }
      },
    }
  }

  return { subscribe }
}
