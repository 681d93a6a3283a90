/**
 * A copy of `record` without its `undefined` and `null` values, for Task
 * metadata: a field the provider left empty is absent rather than present
 * and empty.
 */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  // A loop rather than entries/filter/fromEntries: this runs for every task an adapter maps.
  const result: Record<string, unknown> = {}
  for (const key in record) {
    const value = record[key]
    if (value !== undefined && value !== null) result[key] = value
  }
  return result
}
