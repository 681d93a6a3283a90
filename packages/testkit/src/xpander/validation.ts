/** A request xpander would refuse with 400 and this message as `detail`. */
export class XpanderValidationError extends Error {
  override readonly name: string = 'XpanderValidationError'
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The field when it is a string, `undefined` when absent (or null, where allowed); anything else is refused. */
export function optionalString(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new XpanderValidationError(`${field} must be a string`)
  return value
}

/** The field when it is one of `allowed`, `undefined` when absent; anything else is refused. */
export function optionalEnum<Value extends string>(
  record: Record<string, unknown>,
  field: string,
  allowed: readonly Value[],
): Value | undefined {
  const value = optionalString(record, field)
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as Value | undefined
  throw new XpanderValidationError(`${field} must be one of ${allowed.join(', ')}; got '${value}'`)
}
