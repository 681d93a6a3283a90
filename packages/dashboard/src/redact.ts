import { REDACTED, type Task } from '@taskbridge/core'
import { isSensitiveName } from '@taskbridge/core/internal'

const MAX_DEPTH = 32

/**
 * A copy of `value` safe to show on the page: the value of every key whose
 * name suggests a credential (core's `isSensitiveName`: `apiKey`, `token`,
 * `password`, …) is replaced with `[REDACTED]`, unless it is a number or a
 * boolean (a count of tokens is no secret).
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[nested too deep]'
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1))
  if (value instanceof Date || value === null || typeof value !== 'object') return value
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const hidden = isSensitiveName(key) && item !== null && typeof item !== 'number' && typeof item !== 'boolean'
    copy[key] = hidden ? REDACTED : redactValue(item, depth + 1)
  }
  return copy
}

/** A task as the page receives it: every field, the payloads redacted. */
export function pageTask(task: Task): Task {
  return redactValue(task) as Task
}
