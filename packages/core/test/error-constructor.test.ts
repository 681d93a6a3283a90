// TaskbridgeError takes one options object, the class name in it; the
// two-argument form of 0.x (options, name) keeps working for subclasses
// users wrote.
import { describe, expect, it } from 'vitest'
import { ProviderApiError, TaskbridgeError, type TaskbridgeErrorOptions, TaskNotFoundError } from '../src/index.js'

describe('TaskbridgeError constructor', () => {
  it('takes the class name in its one options object', () => {
    const error = new TaskbridgeError({ message: 'gone', provider: 'acme', name: 'TaskNotFoundError' })

    expect(error.name).toBe('TaskNotFoundError')
    expect(error.code).toBe('ERR_TASKBRIDGE_NOT_FOUND')
    expect(error.message).toBe('[acme] gone')
  })

  it('defaults to TaskbridgeError, and ignores a name that is not one of its classes', () => {
    const spread = { ...new Error('plain'), name: 'Error', message: 'plain' }
    for (const error of [
      new TaskbridgeError({ message: 'm' }),
      new TaskbridgeError(spread as TaskbridgeErrorOptions),
    ]) {
      expect(error.name).toBe('TaskbridgeError')
      expect(error.code).toBe('ERR_TASKBRIDGE')
    }
  })

  it('keeps the deprecated (options, name) form working for a subclass written against 0.x', () => {
    class LegacyNotFound extends TaskbridgeError {
      constructor(options: TaskbridgeErrorOptions) {
        super(options, 'TaskNotFoundError')
      }
    }
    const error = new LegacyNotFound({ message: 'gone', status: 404 })

    expect(error).toBeInstanceOf(TaskbridgeError)
    expect(error.name).toBe('TaskNotFoundError')
    expect(error.code).toBe('ERR_TASKBRIDGE_NOT_FOUND')
    expect(error.status).toBe(404)
  })

  it('lets each built-in class set its own name whatever the options carry', () => {
    const options = { message: 'm', name: 'TimeoutError' } as TaskbridgeErrorOptions
    expect(new TaskNotFoundError(options).name).toBe('TaskNotFoundError')
    expect(new ProviderApiError(options).name).toBe('ProviderApiError')
  })
})
