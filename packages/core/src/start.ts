import type { CallOptions } from './adapter.js'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import { ProviderConnectionError } from './errors/provider-connection-error.js'
import { TimeoutError } from './errors/timeout-error.js'
import { UnsupportedOperationError } from './errors/unsupported-operation-error.js'

/** Options of {@link TaskAdapter.startTask}: the per-call options, and a key that makes a repeated start safe. */
export interface StartOptions extends CallOptions {
  /**
   * A key of yours that names this one start (an order id, a UUID kept with
   * the request). The adapter sends it to the provider, so a start repeated
   * with the same key (a retry after a timeout) gives back the same run
   * instead of starting a second one. Adapters whose provider has no such
   * key refuse it with `UnsupportedOperationError`, unless
   * {@link StartOptions.startWithoutIdempotency} is set.
   */
  idempotencyKey?: string
  /**
   * `true` starts the work even when the adapter cannot honour
   * `idempotencyKey`: the key is then dropped, and a repeated start may run
   * the work twice. Default `false`: such a start is refused before anything
   * is sent.
   */
  startWithoutIdempotency?: boolean
}

/** The call options an adapter's own `startTask` receives: `idempotencyKey` only when the adapter honours it. */
export type StartCallOptions = CallOptions & { idempotencyKey?: string }

const MAX_KEY_LENGTH = 1024
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/

function checkKey(provider: string, key: unknown): string | undefined {
  if (key === undefined) return undefined
  const problem =
    typeof key !== 'string'
      ? `must be a string, got ${typeof key}`
      : key.trim() === ''
        ? 'is empty'
        : key.length > MAX_KEY_LENGTH
          ? `is longer than ${MAX_KEY_LENGTH} characters`
          : CONTROL_CHARACTER.test(key)
            ? 'contains a control character'
            : undefined
  if (problem === undefined) return key as string
  throw new InvalidArgumentError({
    provider,
    argument: 'idempotencyKey',
    message: `startTask: idempotencyKey ${problem}`,
  })
}

/**
 * The options an adapter's `startTask` is given: the key checked, and kept
 * only when the adapter honours it. A key the adapter cannot honour is
 * refused unless the caller said to start without it.
 */
export function startCallOptions(
  provider: string,
  options: StartOptions,
  honoursKey: boolean,
  reason: string | undefined,
): StartCallOptions {
  const { idempotencyKey, startWithoutIdempotency, ...call } = options
  const key = checkKey(provider, idempotencyKey)
  if (key === undefined) return call
  if (honoursKey) return { ...call, idempotencyKey: key }
  if (startWithoutIdempotency === true) return call
  throw new UnsupportedOperationError({
    provider,
    operation: 'startTask',
    message:
      `startTask with an idempotencyKey is not supported by the ${provider} adapter${reason ? `: ${reason}` : ''}; ` +
      'pass startWithoutIdempotency: true to start without it (a repeated start may then run the work twice)',
  })
}

/** Connection failures that happen before a request can leave: repeating one cannot run the work twice. */
const NEVER_SENT: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])

/**
 * A start that timed out, or whose connection broke, may have reached the
 * provider: the work may be running. Repeating it is safe only with a key the
 * provider honours, so without one the error is made `retryable: false` and
 * says why. Anything else is returned as it is.
 */
export function startErrorOf(error: unknown, keySent: boolean): unknown {
  if (keySent) return error
  const unsure =
    TimeoutError.is(error) || (ProviderConnectionError.is(error) && !NEVER_SENT.has(error.systemCode ?? ''))
  if (!unsure || !error.retryable) return error
  const { provider, method, url, status } = error
  const prefix = provider === undefined ? '' : `[${provider}] `
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message
  const options = {
    provider,
    method,
    url,
    status,
    retryable: false,
    cause: error,
    message: `${message}. The start may have reached the provider and be running; it was sent without an idempotencyKey, so starting again may run the work twice (read the provider's tasks first, or start with an idempotencyKey)`,
  }
  return TimeoutError.is(error)
    ? new TimeoutError({ ...options, timeoutMs: error.timeoutMs })
    : new ProviderConnectionError({ ...options, systemCode: error.systemCode })
}
