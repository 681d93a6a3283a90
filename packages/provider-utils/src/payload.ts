import { InvalidPayloadError, MAX_JSON_DEPTH, type PayloadIssue } from '@taskbridge/core'
import { parseJson } from '@taskbridge/core/internal'
import * as z from 'zod/mini'

// One JSON reader for responses and webhook bodies alike: core's.
export { parseJson } from '@taskbridge/core/internal'

/** Where a payload came from, for error messages. */
export interface PayloadContext {
  provider: string
  /** What the payload should be, such as "task" or "task list". */
  what?: string
  /** The request that answered with it, when there was one. */
  method?: string
  url?: string
  status?: number
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : text === '' ? String(key) : `.${String(key)}`
  return text === '' ? '(root)' : text
}

function toPayloadIssues(issues: readonly z.core.$ZodIssue[]): PayloadIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    message: issue.message,
    code: issue.code,
  }))
}

/**
 * Validates `value` (already parsed JSON) with a zod schema and returns the
 * data, or throws an {@link InvalidPayloadError} that keeps `value` as `raw`
 * and the zod issues, and names the first paths that did not match.
 */
export function parsePayload<T>(schema: z.core.$ZodType<T>, value: unknown, context: PayloadContext): T {
  const result = z.safeParse(schema, value)
  if (result.success) return result.data
  const issues = toPayloadIssues(result.error.issues)
  const shown = issues
    .slice(0, 3)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    .join('; ')
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
  throw new InvalidPayloadError({
    provider: context.provider,
    method: context.method,
    url: context.url,
    status: context.status,
    message: `The ${context.what ?? 'payload'} does not match the expected shape: ${shown}${more}`,
    raw: value,
    issues,
  })
}

/**
 * Parses JSON text, throwing {@link InvalidPayloadError} (keeping the text as
 * `raw`) when it is not JSON or is nested deeper than `MAX_JSON_DEPTH` levels.
 */
export function parseJsonText(text: string, context: PayloadContext): unknown {
  const parsed = parseJson(text, { maxDepth: MAX_JSON_DEPTH })
  if (parsed.success) return parsed.value
  throw new InvalidPayloadError({
    provider: context.provider,
    message: `The ${context.what ?? 'payload'} is not valid JSON: ${parsed.error.message}`,
    raw: text,
    cause: parsed.error,
  })
}

/** Parses JSON text and validates it, throwing {@link InvalidPayloadError} for either failure. */
export function parseJsonPayload<T>(schema: z.core.$ZodType<T>, text: string, context: PayloadContext): T {
  return parsePayload(schema, parseJsonText(text, context), context)
}
