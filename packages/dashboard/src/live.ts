import { compareTaskStates, isTerminal, type Task } from '@taskbridge/core'
import { summaryKey } from '@taskbridge/core/internal'
import { createTaskWatcher, type TaskWatcher } from '@taskbridge/watcher'
import { errorBody } from './http.js'
import type { ResolvedDashboardOptions } from './options.js'
import { pageTask } from './redact.js'

/** One observed state of a task, for its timeline. */
export interface TimelineEntry {
  /** When the dashboard saw it (ISO). */
  seenAt: string
  status: string
  providerStatus: string
  reason?: string | undefined
  updatedAt?: string | undefined
}

/** What the page is told: a task changed, or reading it failed. */
export type LiveEvent =
  | { seq: number; type: 'task'; task: Task }
  | { seq: number; type: 'failure'; provider: string; id?: string | undefined; error: ReturnType<typeof errorBody> }

/** The dashboard's memory of tasks and their changes, fed by every read and by the watcher. */
export interface Live {
  /**
   * Records a task as read (a listing, a task page, an action); news goes to
   * the page and a running task is watched. Returns the state to show: the
   * one given, or the full read already known when it is a list item's
   * summary that says nothing new.
   */
  observe(task: Task): Task
  /** The task as last seen and its timeline, or `undefined` when it was never seen. */
  lookup(provider: string, id: string): { task: Task; timeline: TimelineEntry[] } | undefined
  /** The events after `seq`, or `undefined` when they are no longer all kept (the page then reloads). */
  since(seq: number): LiveEvent[] | undefined
  /** The last event's number (0 before the first). */
  readonly seq: number
  /** Calls `listener` with each new event until the returned function is called. */
  subscribe(listener: (event: LiveEvent) => void): () => void
  /** Stops the watcher and every subscription. */
  close(): Promise<void>
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

const MAX_EVENTS = 1000
const MAX_TASKS = 5000
const MAX_TIMELINE = 50
const MAX_WATCHED = 2000

const keyOf = (provider: string, id: string) => `${provider}\u0000${id}`

function entryOf(task: Task): TimelineEntry {
  return {
    seenAt: new Date().toISOString(),
    status: task.status,
    providerStatus: task.providerStatus,
    reason: task.reason,
    updatedAt: task.updatedAt?.toISOString(),
  }
}

/**
 * Creates the live side. Tasks that are still running are followed by one
 * watcher (`@taskbridge/watcher`) under each provider's budget; every change
 * it reads becomes an event.
 */
export function createLive(options: ResolvedDashboardOptions): Live {
  const tasks = new Map<string, { task: Task; timeline: TimelineEntry[] }>()
  const events: LiveEvent[] = []
  const listeners = new Set<(event: LiveEvent) => void>()
  let seq = 0
  let closed = false

  const publish = (event: DistributiveOmit<LiveEvent, 'seq'>) => {
    const numbered = { ...event, seq: ++seq } as LiveEvent
    events.push(numbered)
    if (events.length > MAX_EVENTS) events.shift()
    for (const listener of listeners) listener(numbered)
  }

  // Created now, so a bad budget is refused by createDashboard; it keeps no timer while it follows nothing.
  const watcher: TaskWatcher = createTaskWatcher({
    providers: options.client.providers.map((provider) => ({
      adapter: options.client.adapter(provider),
      budget: options.budgetFor(provider),
    })),
    intervalMs: options.intervalMs,
    maxIntervalMs: options.maxIntervalMs,
    onEvent: (event) => {
      if (event.type === 'change') observe(event.task)
      else publish({ type: 'failure', provider: event.provider, id: event.id, error: errorBody(event.error) })
    },
  })

  const follow = (task: Task) => {
    if (closed || isTerminal(task.status) || watcher.size >= MAX_WATCHED) return
    watcher.watch(task.provider, task.id)
  }

  const observe = (task: Task): Task => {
    const key = keyOf(task.provider, task.id)
    const known = tasks.get(key)
    // A list item that is only a summary cannot tell some statuses apart (an
    // Orkes workflow waiting for a person is RUNNING): it is news only when its
    // summary changed, and it is not a state of the timeline. The watcher reads it in full.
    const summary = (task.metadata as { summary?: unknown }).summary === true
    if (known && summary && summaryKey(known.task) === summaryKey(task)) {
      follow(task)
      return known.task
    }
    if (compareTaskStates(known?.task, task) === 'news') {
      const timeline = summary ? (known?.timeline ?? []) : [...(known?.timeline ?? []), entryOf(task)]
      tasks.delete(key)
      tasks.set(key, { task, timeline: timeline.slice(-MAX_TIMELINE) })
      if (tasks.size > MAX_TASKS) tasks.delete(tasks.keys().next().value as string)
      publish({ type: 'task', task: pageTask(task) })
    }
    follow(task)
    return task
  }

  return {
    observe,
    lookup: (provider, id) => tasks.get(keyOf(provider, id)),
    since(after) {
      if (after > seq) return undefined
      if (after === seq) return []
      const first = events[0]?.seq ?? seq + 1
      return after + 1 < first ? undefined : events.filter((event) => event.seq > after)
    },
    get seq() {
      return seq
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      closed = true
      listeners.clear()
      await watcher.stop()
    },
  }
}
