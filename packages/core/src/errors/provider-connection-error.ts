import { brand, hasBrand } from './brand.js'
import { TaskbridgeError, type TaskbridgeErrorOptions } from './taskbridge-error.js'

const marker: symbol = Symbol.for('taskbridge.error.ProviderConnectionError')

/** Options of {@link ProviderConnectionError}. */
export interface ProviderConnectionErrorOptions extends TaskbridgeErrorOptions {
  /** The system error code of the root cause, such as `ECONNRESET`. */
  systemCode?: string
}

/** No response arrived: DNS failure, connection refused or reset, TLS failure. */
export class ProviderConnectionError extends TaskbridgeError {
  /** Always `'ProviderConnectionError'`, so `switch (error.name)` narrows to this class. */
  declare readonly name: 'ProviderConnectionError'
  /** Always `'ERR_TASKBRIDGE_CONNECTION'`. */
  declare readonly code: 'ERR_TASKBRIDGE_CONNECTION'
  /** The system error code of the root cause, such as `ECONNREFUSED` or `ENOTFOUND`, when there is one. */
  declare readonly systemCode?: string

  constructor(options: ProviderConnectionErrorOptions) {
    super({ ...options, name: 'ProviderConnectionError', retryable: options.retryable ?? true })
    brand(this, marker)
    if (options.systemCode !== undefined) this.systemCode = options.systemCode
  }

  /** Whether `error` is a {@link ProviderConnectionError}, from any copy of this package. */
  static override is(error: unknown): error is ProviderConnectionError {
    return hasBrand(error, marker)
  }
}
