import type { Task } from '../task.js'
import { brand, hasBrand } from './brand.js'
import { TaskbridgeError, type TaskbridgeErrorOptions } from './taskbridge-error.js'

const marker: symbol = Symbol.for('taskbridge.error.TimeoutError')

/** Options of {@link TimeoutError}. */
export interface TimeoutErrorOptions extends TaskbridgeErrorOptions {
  /** The limit that was exceeded, in milliseconds. */
  timeoutMs?: number
  /** For `waitForTask`: the last task seen before the limit. */
  lastTask?: Task
}

/** A call, or a `waitForTask`, ran past its time limit. */
export class TimeoutError extends TaskbridgeError {
  /** Always `'TimeoutError'`, so `switch (error.name)` narrows to this class. */
  declare readonly name: 'TimeoutError'
  /** Always `'ERR_TASKBRIDGE_TIMEOUT'`. */
  declare readonly code: 'ERR_TASKBRIDGE_TIMEOUT'
  /** The limit that was exceeded, in milliseconds. */
  declare readonly timeoutMs?: number
  /** For `waitForTask`: the last task seen before the limit. */
  declare readonly lastTask?: Task

  constructor(options: TimeoutErrorOptions) {
    super({ ...options, name: 'TimeoutError', retryable: options.retryable ?? false })
    brand(this, marker)
    if (options.timeoutMs !== undefined) this.timeoutMs = options.timeoutMs
    if (options.lastTask !== undefined) this.lastTask = options.lastTask
  }

  /** Whether `error` is a {@link TimeoutError}, from any copy of this package. */
  static override is(error: unknown): error is TimeoutError {
    return hasBrand(error, marker)
  }
}
