import { brand, hasBrand } from './brand.js'
import { TaskbridgeError, type TaskbridgeErrorOptions } from './taskbridge-error.js'

const marker: symbol = Symbol.for('taskbridge.error.ProviderConnectionError')

/** Options of {@link ProviderConnectionError}. */
export interface ProviderConnectionErrorOptions extends TaskbridgeErrorOptions {
  /** The system error code, such as `ECONNRESET`. */
  code?: string
}

/** No response arrived: DNS failure, connection refused or reset, TLS failure. */
export class ProviderConnectionError extends TaskbridgeError {
  /** The system error code, such as `ECONNRESET`. */
  declare readonly code?: string

  constructor(options: ProviderConnectionErrorOptions) {
    super({ ...options, retryable: options.retryable ?? true }, 'ProviderConnectionError')
    brand(this, marker)
    if (options.code !== undefined) this.code = options.code
  }

  /** Whether `error` is a {@link ProviderConnectionError}, from any copy of this package. */
  static override is(error: unknown): error is ProviderConnectionError {
    return hasBrand(error, marker)
  }
}
