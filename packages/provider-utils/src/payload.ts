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
export function validatePayload<T>(schema: z.core.$ZodType<T>, value: unknown, context: PayloadContext): T {
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
    method: context.method,
    url: context.url,
    status: context.status,
    message: `The ${context.what ?? 'payload'} is not valid JSON: ${parsed.error.message}`,
    raw: text,
    cause: parsed.error,
  })
}

/** The request a payload came from, put on any `InvalidPayloadError`. */
export type PayloadSource = Pick<PayloadContext, 'method' | 'url' | 'status'>

/**
 * The one shape of every parser in taskbridge: made once from a zod schema,
 * then called with a payload (the parsed JSON or its text) and, when there
 * was one, the request it came from. A payload that is not JSON or does not
 * match is an `InvalidPayloadError` keeping the payload as `raw`. A
 * {@link TaskParser} is one whose output is a Task.
 */
export interface PayloadParser<Output, Payload = Output> {
  (payload: unknown, source?: PayloadSource): Output
  /** The zod schema the payload is validated with. */
  readonly schema: z.core.$ZodType<Payload>
}

/** Options of {@link createPayloadParser}. */
export interface PayloadParserOptions<Payload> {
  /** The provider the payload comes from, named in errors. */
  provider: string
  /** The payload's zod schema (either zod API). */
  schema: z.core.$ZodType<Payload>
  /** What the payload is, for error messages, such as "Acme job list". Default: "payload". */
  what?: string
}

/** Reads a payload given as JSON text; anything else is already parsed. */
export function readPayload(payload: unknown, context: PayloadContext): unknown {
  return typeof payload === 'string' ? parseJsonText(payload, context) : payload
}

/**
 * Builds a parser for a payload that is not a task (a page of a list, an
 * answer to a start call, an event), the same shape as a task parser.
 *
 * @example
 * ```ts
 * const parseJobPage = createPayloadParser({ provider: 'acme', what: 'Acme job list', schema: JobPageSchema })
 * const page = parseJobPage(response.body, payloadSourceOf(response))
 * ```
 */
export function createPayloadParser<Payload>(options: PayloadParserOptions<Payload>): PayloadParser<Payload> {
  const { provider, what, schema } = options
  const context: PayloadContext = what === undefined ? { provider } : { provider, what }
  const parse = (payload: unknown, source?: PayloadSource): Payload => {
    const where = source ? { ...context, ...source } : context
    return validatePayload(schema, readPayload(payload, where), where)
  }
  return Object.assign(parse, { schema })
}

/**
 * Validates `value` (already parsed JSON) with a zod schema and returns the
 * data, or throws an {@link InvalidPayloadError} that keeps `value` as `raw`.
 *
 * @deprecated Use {@link createPayloadParser} once, then call the parser with
 * the payload and its source; will be removed in 2.0.
 */
export const parsePayload: <T>(schema: z.core.$ZodType<T>, value: unknown, context: PayloadContext) => T =
  validatePayload

/**
 * Parses JSON text and validates it, throwing {@link InvalidPayloadError} for either failure.
 *
 * @deprecated Use {@link createPayloadParser}: its parser takes JSON text too; will be removed in 2.0.
 */
export function parseJsonPayload<T>(schema: z.core.$ZodType<T>, text: string, context: PayloadContext): T {
  return validatePayload(schema, parseJsonText(text, context), context)
}
