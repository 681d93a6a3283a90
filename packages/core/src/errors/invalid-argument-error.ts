import { brand, hasBrand } from './brand.js'
import { TaskbridgeError, type TaskbridgeErrorOptions } from './taskbridge-error.js'

const marker: symbol = Symbol.for('taskbridge.error.InvalidArgumentError')

/** Options of {@link InvalidArgumentError}. */
export interface InvalidArgumentErrorOptions extends TaskbridgeErrorOptions {
  /** The name of the argument or option that was wrong. */
  argument?: string
}

/** Bad input from the caller: an empty id, a bad option or query. No request was sent. */
export class InvalidArgumentError extends TaskbridgeError {
  /** Always `'InvalidArgumentError'`, so `switch (error.name)` narrows to this class. */
  declare readonly name: 'InvalidArgumentError'
  /** Always `'ERR_TASKBRIDGE_INVALID_ARGUMENT'`. */
  declare readonly code: 'ERR_TASKBRIDGE_INVALID_ARGUMENT'
  /** The name of the argument or option that was wrong. */
  declare readonly argument?: string

  constructor(options: InvalidArgumentErrorOptions) {
    super({ ...options, name: 'InvalidArgumentError', retryable: options.retryable ?? false })
    brand(this, marker)
    if (options.argument !== undefined) this.argument = options.argument
  }

  /** Whether `error` is a {@link InvalidArgumentError}, from any copy of this package. */
  static override is(error: unknown): error is InvalidArgumentError {
    return hasBrand(error, marker)
  }
}
