// Push notifications: the agent POSTs each change of a task to a webhook it
// was given, with the token it was given in a header.
import { AuthenticationError, InvalidArgumentError, InvalidPayloadError, MAX_JSON_DEPTH } from '@taskbridge/core'
import { DEFAULT_MAX_BODY_BYTES, isJsonContentType, parseJson, readBodyText } from '@taskbridge/core/internal'
import { secretsMatch } from '@taskbridge/provider-utils'
import { type A2AStreamEvent, parseA2AStreamEvent } from './events.js'
import { A2A_PROVIDER } from './map.js'

/** The header that carries a push notification's token (A2A v1.0 and v0.3, and `@a2a-js/sdk`'s sender). */
export const A2A_NOTIFICATION_TOKEN_HEADER = 'x-a2a-notification-token'

/** Options of {@link readA2APushNotification}. */
export interface A2APushOptions {
  /** The token given with the push notification config: a delivery without it is refused. */
  token: string
  /** The header that carries it. Default {@link A2A_NOTIFICATION_TOKEN_HEADER}. */
  tokenHeader?: string
  /** A larger body is refused without being read further. Default 1 MiB, as `createWebhookHandler`. */
  maxBodyBytes?: number
}

/** The body's text, read through core's bounded reader; too large, cut off or not JSON is an `InvalidPayloadError`. */
async function readPushBody(request: Request, maxBodyBytes: number): Promise<unknown> {
  const source = { provider: A2A_PROVIDER, method: request.method, url: request.url }
  const contentType = request.headers.get('content-type')
  if (!isJsonContentType(contentType)) {
    throw new InvalidPayloadError({ ...source, message: `The push notification is ${contentType}, not JSON` })
  }
  const body = await readBodyText(request, maxBodyBytes)
  if (!body.ok) {
    const message =
      body.reason === 'too-large'
        ? `The push notification body is larger than ${maxBodyBytes} bytes`
        : 'The push notification body ended before it was complete'
    throw new InvalidPayloadError({ ...source, message })
  }
  const parsed = parseJson(body.text, { maxDepth: MAX_JSON_DEPTH })
  if (parsed.success) return parsed.value
  throw new InvalidPayloadError({
    ...source,
    raw: body.text,
    message: `The push notification body is not JSON: ${parsed.error.message}`,
    cause: parsed.error,
  })
}

/**
 * Reads one push notification delivery: checks its token, then takes its
 * body apart (a task, a status update or an artifact update; see
 * {@link parseA2AStreamEvent}). A missing or wrong token is an
 * `AuthenticationError` that never shows either token. The body is read
 * through core's bounded reader (`maxBodyBytes`, default 1 MiB) and its
 * hardened JSON parser; a body that is too large, not JSON (by its content
 * type or its text) or not an A2A event is an `InvalidPayloadError`.
 *
 * @example
 * ```ts
 * // In any handler that has a WHATWG Request (Hono, Next.js, node:http via toNodeListener):
 * const event = await readA2APushNotification(request, { token: process.env.A2A_PUSH_TOKEN! })
 * last = mergeA2AUpdate(last, event)
 * ```
 */
export async function readA2APushNotification(request: Request, options: A2APushOptions): Promise<A2AStreamEvent> {
  if (typeof options?.token !== 'string' || options.token === '') {
    throw new InvalidArgumentError({
      provider: A2A_PROVIDER,
      argument: 'token',
      message: 'token must be a non-empty string',
    })
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (!(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    throw new InvalidArgumentError({
      provider: A2A_PROVIDER,
      argument: 'maxBodyBytes',
      message: `maxBodyBytes must be a positive integer, got ${maxBodyBytes}`,
    })
  }
  const header = options.tokenHeader ?? A2A_NOTIFICATION_TOKEN_HEADER
  if (!(await secretsMatch(request.headers.get(header), options.token))) {
    throw new AuthenticationError({
      provider: A2A_PROVIDER,
      message: `The push notification has no valid ${header} header`,
      secrets: [options.token],
    })
  }
  const body = await readPushBody(request, maxBodyBytes)
  return parseA2AStreamEvent(body, { method: request.method, url: request.url })
}
