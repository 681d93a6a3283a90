import { brand, hasBrand } from './brand.js'
import { TaskbridgeError, type TaskbridgeErrorOptions } from './taskbridge-error.js'

const marker: symbol = Symbol.for('taskbridge.error.TaskNotFoundError')

/** Options of {@link TaskNotFoundError}. */
export interface TaskNotFoundErrorOptions extends TaskbridgeErrorOptions {
  /** The id that was looked up. */
  taskId?: string
}

/** The provider says no task has this id. */
export class TaskNotFoundError extends TaskbridgeError {
  /** Always `'TaskNotFoundError'`, so `switch (error.name)` narrows to this class. */
  declare readonly name: 'TaskNotFoundError'
  /** Always `'ERR_TASKBRIDGE_NOT_FOUND'`. */
  declare readonly code: 'ERR_TASKBRIDGE_NOT_FOUND'
  /** The id that was looked up. */
  declare readonly taskId?: string

  constructor(options: TaskNotFoundErrorOptions) {
    super({ ...options, name: 'TaskNotFoundError', retryable: options.retryable ?? false })
    brand(this, marker)
    if (options.taskId !== undefined) this.taskId = options.taskId
  }

  /** Whether `error` is a {@link TaskNotFoundError}, from any copy of this package. */
  static override is(error: unknown): error is TaskNotFoundError {
    return hasBrand(error, marker)
  }
}
