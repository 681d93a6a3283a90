import { brand, hasBrand } from './brand.js'
import { TaskbridgeError, type TaskbridgeErrorOptions } from './taskbridge-error.js'

const marker: symbol = Symbol.for('taskbridge.error.AuthenticationError')

/** Options of {@link AuthenticationError}. */
export type AuthenticationErrorOptions = TaskbridgeErrorOptions

/** The provider refused the credentials (401 or 403), or a token exchange failed. */
export class AuthenticationError extends TaskbridgeError {
  /** Always `'AuthenticationError'`, so `switch (error.name)` narrows to this class. */
  declare readonly name: 'AuthenticationError'
  /** Always `'ERR_TASKBRIDGE_AUTHENTICATION'`. */
  declare readonly code: 'ERR_TASKBRIDGE_AUTHENTICATION'
  constructor(options: AuthenticationErrorOptions) {
    super({ ...options, name: 'AuthenticationError', retryable: options.retryable ?? false })
    brand(this, marker)
  }

  /** Whether `error` is a {@link AuthenticationError}, from any copy of this package. */
  static override is(error: unknown): error is AuthenticationError {
    return hasBrand(error, marker)
  }
}
