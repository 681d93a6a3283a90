/**
 * A copy of `record` without its `undefined` and `null` values, for Task
 * metadata: a field the provider left empty is absent rather than present
 * and empty.
 */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== null))
}
