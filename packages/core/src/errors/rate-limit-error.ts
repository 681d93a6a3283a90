import { brand, hasBrand } from './brand.js'
import { TaskbridgeError, type TaskbridgeErrorOptions } from './taskbridge-error.js'

const marker: symbol = Symbol.for('taskbridge.error.RateLimitError')

/** Options of {@link RateLimitError}. */
export interface RateLimitErrorOptions extends TaskbridgeErrorOptions {
  /** How long the provider asked us to wait, from `Retry-After`. */
  retryAfterMs?: number
}

/** The provider answered 429 Too Many Requests. */
export class RateLimitError extends TaskbridgeError {
  /** Always `'RateLimitError'`, so `switch (error.name)` narrows to this class. */
  declare readonly name: 'RateLimitError'
  /** Always `'ERR_TASKBRIDGE_RATE_LIMITED'`. */
  declare readonly code: 'ERR_TASKBRIDGE_RATE_LIMITED'
  /** How long the provider asked us to wait, from `Retry-After`. */
  declare readonly retryAfterMs?: number

  constructor(options: RateLimitErrorOptions) {
    super({ ...options, name: 'RateLimitError', retryable: options.retryable ?? true })
    brand(this, marker)
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs
  }

  /** Whether `error` is a {@link RateLimitError}, from any copy of this package. */
  static override is(error: unknown): error is RateLimitError {
    return hasBrand(error, marker)
  }
}
