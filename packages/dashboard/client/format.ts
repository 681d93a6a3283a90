import {
  isTaskStatus,
  isTerminal as isTerminalStatus,
  TASK_STATUSES,
  type TaskReason,
  type TaskStatus,
} from '@taskbridge/core'

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' })
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
]

/** "3 min. ago", from an ISO date. */
export function ago(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '—'
  const seconds = (Date.parse(iso) - now) / 1000
  if (!Number.isFinite(seconds)) return '—'
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return relative.format(Math.round(seconds / size), unit)
  }
  return '—'
}

/** "4 min", a duration from an ISO date to now. */
export function age(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '—'
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000)
  if (!Number.isFinite(seconds)) return '—'
  if (seconds < 60) return `${Math.round(seconds)} s`
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`
  return `${Math.round(seconds / 86_400)} d`
}

/** A status as people read it. */
export function statusLabel(status: string): string {
  return status === 'waiting_for_input' ? 'waiting' : status.replace('_', ' ')
}

const WHY: Readonly<Record<string, string>> = {
  input: 'needs an answer',
  approval: 'needs approval',
  auth: 'needs a sign-in',
  failed: 'failed',
  rejected: 'refused by the agent',
  expired: 'ran out of time',
}

/** A reason as people read it. */
export function reasonLabel(reason: string | undefined): string {
  return reason ? (WHY[reason] ?? reason) : ''
}

/** Every normalised status, in lifecycle order: core's list. */
export const STATUSES: readonly TaskStatus[] = TASK_STATUSES

/** Every reason, as core's `TASK_REASONS` lists them (that module brings zod into the page; the type checks each is a `TaskReason`). */
export const REASONS = [
  'input',
  'approval',
  'auth',
  'failed',
  'rejected',
  'expired',
] as const satisfies readonly TaskReason[]

/** Whether a task in this status has ended: core's rule. */
export function isTerminal(status: string): boolean {
  return isTaskStatus(status) && isTerminalStatus(status)
}

/** Whether a task waits for someone: an answer, an approval or a sign-in. */
export function isWaiting(task: { status: string; reason?: string }): boolean {
  return !isTerminal(task.status) && (task.status === 'waiting_for_input' || task.reason !== undefined)
}
