import { InvalidArgumentError } from '@taskbridge/core'
import type { HttpMethod } from './http-types.js'

/**
 * Encodes one path segment. The result can never leave its segment: `/`, `?`
 * and `#` are percent-encoded, and the dot segments `.` and `..` (which URL
 * parsers would resolve) are refused, as are empty and blank values and text
 * with a lone surrogate (which cannot be percent-encoded).
 */
export function encodePathSegment(value: string | number): string {
  const text = String(value)
  if (text.trim() === '' || text === '.' || text === '..') {
    throw new InvalidArgumentError({ argument: 'path', message: `"${text}" cannot be used as a URL path segment` })
  }
  try {
    return encodeURIComponent(text)
  } catch {
    // encodeURIComponent refuses exactly this: a surrogate without its other half, which no UTF-8 can carry.
    throw new InvalidArgumentError({
      argument: 'path',
      message: 'A URL path segment cannot hold a lone UTF-16 surrogate',
    })
  }
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

/** A request's method and encoded path, resolved from a {@link RouteTemplate}. */
export interface ResolvedRoute {
  method: HttpMethod
  path: string
}

/**
 * A route as text, `METHOD /path/{param}`, such as `POST /task/{id}/stop`.
 * Adapters keep their routes in one table of these, so a route inferred from
 * a provider's docs can be corrected by an option instead of a fork.
 */
export type RouteTemplate = string

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Resolves a route template: each `{name}` becomes the encoded value of
 * `params[name]` (one path segment, see {@link encodePathSegment}).
 *
 * @example
 * ```ts
 * resolveRoute('POST /task/{id}/stop', { id: 'a/b' }) // { method: 'POST', path: '/task/a%2Fb/stop' }
 * ```
 */
export function resolveRoute(template: RouteTemplate, params: Record<string, string | number> = {}): ResolvedRoute {
  const match = /^\s*([A-Z]+)\s+(\/\S*)\s*$/.exec(template)
  if (!match || !METHODS.has(match[1] ?? '')) {
    throw new InvalidArgumentError({
      argument: 'routes',
      message: `"${template}" is not a route: write it as "METHOD /path/{param}", such as "GET /task/{id}"`,
    })
  }
  const path = (match[2] ?? '').replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) {
      throw new InvalidArgumentError({
        argument: 'routes',
        message: `The route "${template}" needs a value for {${name}}`,
      })
    }
    return encodePathSegment(value)
  })
  return { method: match[1] as HttpMethod, path }
}
