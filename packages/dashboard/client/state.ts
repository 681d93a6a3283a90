import { ApiError, type ErrorJson, get, type LiveJson, type ProviderJson, type TaskJson } from './api.js'

/** How the page hears of changes. */
export type Connection = 'connecting' | 'live' | 'polling'

/** A provider whose listing failed. */
export interface ListingFailure {
  provider: string
  error: ErrorJson
}

interface Page {
  tasks: TaskJson[]
  failures: ListingFailure[]
  cursor?: string
  seq: number
}

/** Everything the views show, and who to tell when it changes. */
export const state = {
  tasks: new Map<string, TaskJson>(),
  providers: [] as ProviderJson[],
  readOnly: false,
  failures: [] as ListingFailure[],
  /** The next page of the listing, when there is one. */
  cursor: undefined as string | undefined,
  loading: false,
  /** The last live event applied. */
  seq: 0,
  connection: 'connecting' as Connection,
  /** The last problem reading the providers, shown until the next success. */
  problem: undefined as string | undefined,
  /** The key of the task that changed last, so its row can say so. */
  changed: new Set<string>(),
}

const listeners = new Set<() => void>()

/** The key of a task across providers. */
export const keyOf = (task: { provider: string; id: string }): string => `${task.provider}\u0000${task.id}`

/** Calls `listener` after every change of the state. */
export function onChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

let scheduled = false
/** Tells the views, once per frame however many changes came. */
export function changed(): void {
  if (scheduled) return
  scheduled = true
  requestAnimationFrame(() => {
    scheduled = false
    for (const listener of listeners) listener()
  })
}

/** Keeps a task unless an older state would replace a newer one; whether it was kept. */
function keep(task: TaskJson): boolean {
  const key = keyOf(task)
  const known = state.tasks.get(key)
  if (known?.updatedAt && task.updatedAt && Date.parse(task.updatedAt) < Date.parse(known.updatedAt)) return false
  state.tasks.set(key, task)
  if (known && known.status !== task.status) state.changed.add(key)
  return true
}

/** Puts a task in the table (a newer state replaces an older one). */
export function upsert(task: TaskJson): void {
  if (keep(task)) changed()
}

/** Applies one live event. */
export function apply(event: LiveJson): void {
  state.seq = Math.max(state.seq, event.seq)
  if (event.type === 'task') upsert(event.task)
}

const problemOf = (error: unknown) => (error instanceof ApiError ? error.message : 'the dashboard cannot be reached')

/** Loads the providers and the first page of tasks (again, after a reset). */
export async function loadFirst(): Promise<void> {
  try {
    const { providers, readOnly } = await get<{ providers: ProviderJson[]; readOnly: boolean }>('/api/providers')
    state.providers = providers
    state.readOnly = readOnly
    state.tasks.clear()
    state.cursor = undefined
    await loadPage('/api/tasks')
  } catch (error) {
    state.problem = problemOf(error)
    changed()
  }
}

/** Loads the next page of the listing, if there is one and none is loading. */
export async function loadMore(): Promise<void> {
  if (state.cursor === undefined || state.loading) return
  await loadPage(`/api/tasks?cursor=${encodeURIComponent(state.cursor)}`).catch((error: unknown) => {
    state.problem = problemOf(error)
    changed()
  })
}

async function loadPage(path: string): Promise<void> {
  state.loading = true
  changed()
  try {
    const page = await get<Page>(path)
    for (const task of page.tasks) keep(task)
    state.failures = page.failures
    state.cursor = page.cursor
    state.seq = Math.max(state.seq, page.seq)
    state.problem = undefined
  } finally {
    state.loading = false
    changed()
  }
}
