/** Marks `error` with a non-enumerable brand, so checks work across copies of this package. */
export function brand(error: object, marker: symbol): void {
  Object.defineProperty(error, marker, { value: true, enumerable: false })
}

/** Whether `value` carries the brand `marker`. */
export function hasBrand(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true
}
