// How Wexa reports errors. Its error body is not documented (no error
// example in the docs read, /work/shared/providers.md §1.6). Wexa's Python
// SDK reads an error's message from `detail`, else `error`, else `message`
// (wexa-sdk 0.1.16, wexa_sdk/core/http.py), so those are the fields read
// here. Inferred: that each holds a string, or for `message` a list of
// strings, and that `message` is read before `error`: in a
// `{ statusCode, message, error }` body (NestJS's shape, the emulator's)
// `error` is only the status phrase.
import * as z from 'zod/mini'

const text = z.optional(z.unknown())

/** The fields of a Wexa error body the adapter reads; the rest stays on the error's `data`. */
const WexaErrorBodySchema = z.looseObject({ detail: text, message: text, error: text })

const nonEmpty = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'))
    return value.join('; ')
  return undefined
}

/** Wexa's message in an error body: its `detail`, `message` or `error`, the first that says something. */
export function wexaErrorMessage(body: unknown): string | undefined {
  const parsed = WexaErrorBodySchema.safeParse(body)
  if (!parsed.success) return undefined
  const { detail, message, error } = parsed.data
  return nonEmpty(detail) ?? nonEmpty(message) ?? nonEmpty(error)
}
