import { brand, hasBrand } from './brand.js'
import { TaskbridgeError, type TaskbridgeErrorOptions } from './taskbridge-error.js'

const marker: symbol = Symbol.for('taskbridge.error.UnsupportedOperationError')

/** Options of {@link UnsupportedOperationError}. */
export interface UnsupportedOperationErrorOptions extends TaskbridgeErrorOptions {
  /** The operation asked for, such as `pauseTask`. */
  operation?: string
}

/** The adapter, or its current mode, cannot do this operation. Thrown before any request. */
export class UnsupportedOperationError extends TaskbridgeError {
  /** Always `'UnsupportedOperationError'`, so `switch (error.name)` narrows to this class. */
  declare readonly name: 'UnsupportedOperationError'
  /** Always `'ERR_TASKBRIDGE_UNSUPPORTED_OPERATION'`. */
  declare readonly code: 'ERR_TASKBRIDGE_UNSUPPORTED_OPERATION'
  /** The operation asked for, such as `pauseTask`. */
  declare readonly operation?: string

  constructor(options: UnsupportedOperationErrorOptions) {
    super({ ...options, name: 'UnsupportedOperationError', retryable: options.retryable ?? false })
    brand(this, marker)
    if (options.operation !== undefined) this.operation = options.operation
  }

  /** Whether `error` is a {@link UnsupportedOperationError}, from any copy of this package. */
  static override is(error: unknown): error is UnsupportedOperationError {
    return hasBrand(error, marker)
  }
}
