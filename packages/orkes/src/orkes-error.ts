// How Orkes Conductor reports errors. The body is the open-source server's
// `ErrorResponse` (conductor-oss/conductor ErrorResponse.java and
// ApplicationExceptionMapper.java, /work/shared/providers.md §3.6):
// `{ status, code, message, instance, retryable, validationErrors[] }`;
// Orkes' cloud is assumed to answer the same (inferred: the Orkes docs show
// no error body). A token error may carry an `error` code such as
// `EXPIRED_TOKEN` (the JS SDK's handleAuth.ts, unverified as a server
// contract).
import type { ErrorContext } from '@taskbridge/provider-utils'
import * as z from 'zod/mini'

/** The fields of Conductor's `ErrorResponse` the adapter reads; the rest is kept on the error's `data`. */
const OrkesErrorBodySchema = z.looseObject({
  status: z.optional(z.number()),
  message: z.optional(z.string()),
  error: z.optional(z.string()),
})

/** The provider's message in an Orkes error body: its `message`, else its `error` code. */
export function orkesErrorMessage(body: unknown): string | undefined {
  const parsed = OrkesErrorBodySchema.safeParse(body)
  if (!parsed.success) return typeof body === 'string' && body.trim() !== '' ? body.slice(0, 500) : undefined
  return parsed.data.message || parsed.data.error || undefined
}

// The answer of a server that has no such route at all: Spring's (`No static
// resource …`, how an OSS server answers /api/token), a handler-less
// Spring MVC (`No handler found for …`), or an emulator (`No route for …`).
// Such a 404 means a wrong serverUrl, not a task that is gone.
const NO_SUCH_ROUTE = /^No (static resource|route for|handler found|endpoint)\b/i

/**
 * Whether an answer about one workflow or task says that it does not exist:
 * a 400 (the Orkes docs, for an invalid id) or a 404 (the OSS server's
 * NotFoundException) carrying Conductor's error body with a message. A 404
 * that says the route does not exist, or that is not Conductor's error body
 * at all (a proxy's page), is a wrong server URL: a `ProviderApiError`.
 */
export function isOrkesNotFound({ status, body }: ErrorContext): boolean {
  if (status !== 400 && status !== 404) return false
  const parsed = OrkesErrorBodySchema.safeParse(body)
  const message = parsed.success ? parsed.data.message : undefined
  return message !== undefined && message !== '' && !NO_SUCH_ROUTE.test(message)
}

/** {@link isOrkesNotFound}, or the empty 204 an OSS server answers an unknown task id with (kept for its 2.x clients). */
export function isOrkesTaskNotFound(context: ErrorContext): boolean {
  return (context.status === 204 && context.body === undefined) || isOrkesNotFound(context)
}
