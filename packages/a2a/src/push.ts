// Push notifications: the agent POSTs each change of a task to a webhook it
// was given, with the token it was given in a header.
import { AuthenticationError, InvalidArgumentError } from '@taskbridge/core'
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
}

/**
 * Reads one push notification delivery: checks its token, then takes its
 * body apart (a task, a status update or an artifact update; see
 * {@link parseA2AStreamEvent}). A missing or wrong token is an
 * `AuthenticationError` that never shows either token; a body that is not
 * an A2A event is an `InvalidPayloadError`.
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
  const header = options.tokenHeader ?? A2A_NOTIFICATION_TOKEN_HEADER
  if (!(await secretsMatch(request.headers.get(header), options.token))) {
    throw new AuthenticationError({
      provider: A2A_PROVIDER,
      message: `The push notification has no valid ${header} header`,
      secrets: [options.token],
    })
  }
  return parseA2AStreamEvent(await request.text(), { method: request.method, url: request.url })
}
