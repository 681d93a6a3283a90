import { InvalidArgumentError } from '@taskbridge/core'

/**
 * Encodes one path segment. The result can never leave its segment: `/`, `?`
 * and `#` are percent-encoded, and the dot segments `.` and `..` (which URL
 * parsers would resolve) are refused, as are empty and blank values.
 */
export function encodePathSegment(value: string | number): string {
  const text = String(value)
  if (text.trim() === '' || text === '.' || text === '..') {
    throw new InvalidArgumentError({ argument: 'path', message: `"${text}" cannot be used as a URL path segment` })
  }
  return encodeURIComponent(text)
}

/**
 * A tagged template for request paths: every interpolated value is one
 * encoded path segment.
 *
 * @example
 * ```ts
 * path`/task/${id}/stop` // id "a/b?c" → "/task/a%2Fb%3Fc/stop"
 * ```
 */
export function path(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  let result = strings[0] ?? ''
  values.forEach((value, index) => {
    result += encodePathSegment(value) + (strings[index + 1] ?? '')
  })
  return result
}
