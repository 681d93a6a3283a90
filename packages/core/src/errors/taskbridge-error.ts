import { redactText, redactUrl } from '../redact.js'
import type { AnyTaskbridgeError } from './any-taskbridge-error.js'
import { brand, hasBrand } from './brand.js'
import { TASKBRIDGE_ERROR_CODES, type TaskbridgeErrorCode, type TaskbridgeErrorName } from './codes.js'

const marker: symbol = Symbol.for('taskbridge.error')

/** Response bodies kept on errors are cut to this many characters. */
export const MAX_ERROR_BODY_LENGTH = 2048

/** What every taskbridge error can say about the request that failed. */
export interface TaskbridgeErrorOptions {
  message: string
  /** The adapter's provider name. */
  provider?: string
  /** The HTTP method of the failed request. */
  method?: string
  /** The request URL; credentials in it are redacted before it is stored. */
  url?: string
  /** The HTTP status of the response. */
  status?: number
  /** The response body as text; truncated and redacted before it is stored. */
  responseBody?: string
  /** Whether trying again may succeed. */
  retryable?: boolean
  /** Values to scrub from the message, URL and body (API keys, tokens); never stored. */
  secrets?: readonly (string | undefined)[]
  cause?: unknown
}

function truncate(text: string): string {
  if (text.length <= MAX_ERROR_BODY_LENGTH) return text
  return `${text.slice(0, MAX_ERROR_BODY_LENGTH)}… [${text.length - MAX_ERROR_BODY_LENGTH} more characters]`
}

/**
 * The base class of every error taskbridge throws.
 *
 * Recognise one with `TaskbridgeError.is(error)` (or a subclass's `is`), which
 * works even when two copies of `@taskbridge/core` are installed, then
 * `switch (error.name)` (or `error.code`) to narrow it to its class. No field,
 * message, `toJSON()` or `util.inspect` output holds a credential: URLs and
 * bodies are redacted when the error is built.
 */
export class TaskbridgeError extends Error {
  /** The class name, such as `'TaskNotFoundError'`; each subclass narrows it to its own. */
  declare readonly name: TaskbridgeErrorName
  /** The class's stable code, such as `'ERR_TASKBRIDGE_NOT_FOUND'` (see {@link TASKBRIDGE_ERROR_CODES}). */
  declare readonly code: TaskbridgeErrorCode
  /** The adapter's provider name. */
  declare readonly provider?: string
  /** The HTTP method of the request that failed. */
  declare readonly method?: string
  /** The request URL, credentials redacted. */
  declare readonly url?: string
  /** The HTTP status answered. */
  declare readonly status?: number
  /** The response body as text, truncated and redacted. */
  declare readonly responseBody?: string
  /** Whether trying again may succeed. */
  readonly retryable: boolean

  /**
   * Builds the error from one options object. A subclass of your own passes
   * the `name` of the class it stands for in it, as the built-in ones do:
   * `super({ ...options, name: 'ProviderApiError' })`. Default name `'TaskbridgeError'`.
   */
  constructor(options: TaskbridgeErrorOptions & { name?: TaskbridgeErrorName })
  /**
   * The name as a second argument, as before 1.0.
   *
   * @deprecated Pass the name in the options object: `super({ ...options, name })`. This form will be removed in 2.0.
   */
  constructor(options: TaskbridgeErrorOptions, name: TaskbridgeErrorName)
  constructor(options: TaskbridgeErrorOptions & { name?: TaskbridgeErrorName }, legacyName?: TaskbridgeErrorName) {
    // A name from an object spread in (another error's 'Error') is not a class of ours.
    const given = legacyName ?? options.name
    const name = given !== undefined && Object.hasOwn(TASKBRIDGE_ERROR_CODES, given) ? given : 'TaskbridgeError'
    const secrets = options.secrets ?? []
    const message = redactText(options.message, secrets)
    const cause = sanitiseCause(options.cause, secrets)
    super(options.provider ? `[${options.provider}] ${message}` : message, cause === undefined ? undefined : { cause })
    Object.defineProperty(this, 'name', { value: name, enumerable: false, configurable: true, writable: true })
    Error.captureStackTrace?.(this, new.target)
    brand(this, marker)
    this.code = TASKBRIDGE_ERROR_CODES[name]
    if (options.provider !== undefined) this.provider = options.provider
    if (options.method !== undefined) this.method = options.method
    if (options.url !== undefined) this.url = redactUrl(options.url, secrets)
    if (options.status !== undefined) this.status = options.status
    if (options.responseBody !== undefined) this.responseBody = truncate(redactText(options.responseBody, secrets))
    this.retryable = options.retryable ?? false
  }

  /** Whether `error` is a taskbridge error (of any class); its `name` then narrows it to the class. */
  static is(error: unknown): error is AnyTaskbridgeError {
    return hasBrand(error, marker)
  }

  /** A plain object for logs: every field but `stack`, with `cause` reduced to its name and message. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message }
    for (const [key, value] of Object.entries(this)) json[key] = value
    if (this.cause !== undefined) json.cause = describeCause(this.cause)
    return json
  }
}

/**
 * A cause is printed by `util.inspect` and summarised by `toJSON`, and a
 * foreign error may hold the request (headers and all) in fields of its own.
 * So when there are secrets to keep out, a cause that is not a taskbridge
 * error (those are redacted when built) is replaced by a plain copy: name,
 * message, stack and code, redacted, with its own cause treated the same way.
 */
function sanitiseCause(cause: unknown, secrets: readonly (string | undefined)[], depth = 0): unknown {
  if (!(cause instanceof Error) || secrets.length === 0 || TaskbridgeError.is(cause)) return cause
  const inner = depth < 3 ? sanitiseCause((cause as { cause?: unknown }).cause, secrets, depth + 1) : undefined
  const copy = new Error(redactText(cause.message, secrets), inner === undefined ? undefined : { cause: inner })
  copy.name = cause.name
  copy.stack = redactText(cause.stack ?? '', secrets)
  const code = (cause as { code?: unknown }).code
  if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code })
  return copy
}

function describeCause(cause: unknown): unknown {
  if (TaskbridgeError.is(cause)) return cause.toJSON()
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code
    return typeof code === 'string'
      ? { name: cause.name, message: cause.message, code }
      : { name: cause.name, message: cause.message }
  }
  return String(cause)
}
