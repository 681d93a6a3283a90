import { brand, hasBrand } from './brand.js'
import { TaskbridgeError, type TaskbridgeErrorOptions } from './taskbridge-error.js'

const marker: symbol = Symbol.for('taskbridge.error.ProviderApiError')

/** Options of {@link ProviderApiError}. */
export interface ProviderApiErrorOptions extends TaskbridgeErrorOptions {
  /** The provider's error body, parsed, when it was JSON. */
  data?: unknown
}

/** The provider answered with a non-2xx status that has no more specific class. Retryable by default for 408 and 5xx. */
export class ProviderApiError extends TaskbridgeError {
  /** Always `'ProviderApiError'`, so `switch (error.name)` narrows to this class. */
  declare readonly name: 'ProviderApiError'
  /** Always `'ERR_TASKBRIDGE_PROVIDER_API'`. */
  declare readonly code: 'ERR_TASKBRIDGE_PROVIDER_API'
  /** The provider's error body, parsed, when it was JSON. */
  declare readonly data?: unknown

  constructor(options: ProviderApiErrorOptions) {
    super({
      ...options,
      name: 'ProviderApiError',
      retryable:
        options.retryable ?? (options.status !== undefined && (options.status === 408 || options.status >= 500)),
    })
    brand(this, marker)
    if (options.data !== undefined) this.data = options.data
  }

  /** Whether `error` is a {@link ProviderApiError}, from any copy of this package. */
  static override is(error: unknown): error is ProviderApiError {
    return hasBrand(error, marker)
  }
}
