import type { TaskStatus } from '../status.js'
import { brand, hasBrand } from './brand.js'
import { TaskbridgeError, type TaskbridgeErrorOptions } from './taskbridge-error.js'

const marker: symbol = Symbol.for('taskbridge.error.TaskNotWaitingError')

/** Options of {@link TaskNotWaitingError}. */
export interface TaskNotWaitingErrorOptions extends TaskbridgeErrorOptions {
  /** The id of the task that was answered. */
  taskId?: string
  /** The task's status when the answer arrived, when it was read. */
  taskStatus?: TaskStatus
}

/**
 * An answer (`answerTask`) reached a task that no longer waits for one: it
 * was answered already, moved on, or ended. Nothing was changed; read the
 * task again to see where it is.
 */
export class TaskNotWaitingError extends TaskbridgeError {
  /** Always `'TaskNotWaitingError'`, so `switch (error.name)` narrows to this class. */
  declare readonly name: 'TaskNotWaitingError'
  /** Always `'ERR_TASKBRIDGE_NOT_WAITING'`. */
  declare readonly code: 'ERR_TASKBRIDGE_NOT_WAITING'
  /** The id of the task that was answered. */
  declare readonly taskId?: string
  /** The task's status when the answer arrived, when it was read. */
  declare readonly taskStatus?: TaskStatus

  constructor(options: TaskNotWaitingErrorOptions) {
    super({ ...options, name: 'TaskNotWaitingError', retryable: options.retryable ?? false })
    brand(this, marker)
    if (options.taskId !== undefined) this.taskId = options.taskId
    if (options.taskStatus !== undefined) this.taskStatus = options.taskStatus
  }

  /**
   * The error for an answer to `task`, read after the answer was refused or
   * before it was sent, which is not `waiting_for_input`.
   */
  static forTask(task: { id: string; provider: string; status: TaskStatus }, cause?: unknown): TaskNotWaitingError {
    return new TaskNotWaitingError({
      provider: task.provider,
      taskId: task.id,
      taskStatus: task.status,
      message: `answerTask: task "${task.id}" is ${task.status}, no longer waiting for input; the answer was not delivered`,
      cause,
    })
  }

  /** Whether `error` is a {@link TaskNotWaitingError}, from any copy of this package. */
  static override is(error: unknown): error is TaskNotWaitingError {
    return hasBrand(error, marker)
  }
}
