import { InvalidArgumentError, isTaskStatus, type TaskStatus } from '@taskbridge/core'

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** A duration flag: `500ms`, `2s`, `5m`, `1h`, or a bare number of seconds. */
export function parseDuration(flag: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim())
  const ms = match ? Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1000) : Number.NaN
  if (!(ms > 0)) {
    throw new InvalidArgumentError({
      argument: flag,
      message: `--${flag} takes a duration such as 500ms, 2s or 5m, got "${value}"`,
    })
  }
  return ms
}

/** A positive whole number flag. */
export function parseCount(flag: string, value: string): number {
  const count = Number(value)
  if (!(Number.isInteger(count) && count > 0)) {
    throw new InvalidArgumentError({
      argument: flag,
      message: `--${flag} takes a whole number above 0, got "${value}"`,
    })
  }
  return count
}

/** `--status running,paused`: normalised statuses, comma-separated. */
export function parseStatuses(value: string): TaskStatus[] {
  const statuses = value.split(',').map((status) => status.trim())
  for (const status of statuses) {
    if (!isTaskStatus(status)) {
      throw new InvalidArgumentError({
        argument: 'status',
        message: `--status takes taskbridge statuses (pending, running, paused, waiting_for_input, completed, failed, cancelled, timed_out, skipped, unknown), got "${status}"`,
      })
    }
  }
  return statuses as TaskStatus[]
}
