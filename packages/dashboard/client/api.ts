import { meta } from './dom.js'

/** A task as the server sends it (dates are ISO strings). */
export interface TaskJson {
  id: string
  provider: string
  status: string
  providerStatus: string
  reason?: string
  name?: string
  input?: unknown
  output?: { format: string; value?: unknown }
  error?: { message: string; code?: string; details?: unknown }
  createdAt?: string
  updatedAt?: string
  startedAt?: string
  finishedAt?: string
  parentId?: string
  attempts?: number
  request?: RequestJson
  metadata: Record<string, unknown>
  raw?: unknown
}

/** What a waiting task asks for (core's `TaskRequest`). */
export interface RequestJson {
  kind: 'approval' | 'input' | 'auth'
  title?: string
  message?: string
  choices?: { value: string; label?: string }[]
  schema?: Record<string, unknown>
  url?: string
}

/** A person's answer (core's `TaskAnswer`). */
export interface AnswerJson {
  approved?: boolean
  text?: string
  data?: Record<string, unknown>
}

/** What an error answer says. */
export interface ErrorJson {
  name?: string
  message: string
}

/** A provider and what its adapter can do. */
export interface ProviderJson {
  name: string
  capabilities: Record<string, boolean>
}

/** One observed state, for the timeline. */
export interface TimelineJson {
  seenAt: string
  status: string
  providerStatus: string
  reason?: string
  updatedAt?: string
}

/** A live event. */
export type LiveJson =
  | { seq: number; type: 'task'; task: TaskJson }
  | { seq: number; type: 'failure'; provider: string; id?: string; error: ErrorJson }

/** Where the dashboard is mounted. */
export const base: string = meta('taskbridge-base')

/** A failed call, with the server's (redacted) message. */
export class ApiError extends Error {}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${base}${path}`, { credentials: 'same-origin', ...init })
  const body = (await response.json().catch(() => ({}))) as { error?: ErrorJson }
  if (!response.ok) throw new ApiError(body.error?.message ?? `the server answered ${response.status}`)
  return body as T
}

/** A GET of the JSON API. */
export function get<T>(path: string): Promise<T> {
  return call<T>(path)
}

/** A POST of the JSON API, with the page's CSRF token. */
export function post<T>(path: string, body: unknown): Promise<T> {
  return call<T>(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-taskbridge-csrf': meta('taskbridge-csrf') },
    body: JSON.stringify(body),
  })
}
