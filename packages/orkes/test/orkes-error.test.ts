import { describe, expect, it } from 'vitest'
import { isOrkesNotFound, isOrkesTaskNotFound, orkesErrorMessage } from '../src/orkes-error.js'

const errorResponse = (status: number, message: string) => ({
  status,
  message,
  instance: 'conductor-1',
  retryable: false,
  validationErrors: [],
})

describe('orkesErrorMessage', () => {
  it('reads the message of the ErrorResponse, else its error code', () => {
    expect(orkesErrorMessage(errorResponse(400, 'Invalid task id: t1'))).toBe('Invalid task id: t1')
    expect(orkesErrorMessage({ error: 'EXPIRED_TOKEN', message: '' })).toBe('EXPIRED_TOKEN')
    expect(orkesErrorMessage({ status: 'x' })).toBeUndefined()
  })
})

describe('isOrkesNotFound', () => {
  it('takes a 400 or 404 with an ErrorResponse for an unknown id', () => {
    expect(isOrkesNotFound({ status: 400, body: errorResponse(400, 'Invalid task id: t1') })).toBe(true)
    expect(isOrkesNotFound({ status: 404, body: errorResponse(404, 'No such workflow found by id: w1') })).toBe(true)
  })

  it('does not take a missing route, another body or another status for an unknown id', () => {
    expect(isOrkesNotFound({ status: 404, body: errorResponse(404, 'No static resource v1/api/tasks/t1.') })).toBe(
      false,
    )
    expect(isOrkesNotFound({ status: 404, body: errorResponse(404, 'No route for GET /v1/api/tasks/t1') })).toBe(false)
    expect(isOrkesNotFound({ status: 404, body: '<html>Not Found</html>' })).toBe(false)
    expect(isOrkesNotFound({ status: 404, body: { timestamp: 'now', status: 404, error: 'Not Found' } })).toBe(false)
    expect(isOrkesNotFound({ status: 409, body: errorResponse(409, 'conflict') })).toBe(false)
  })

  it('takes the empty 204 of an OSS server for an unknown task, only for a task', () => {
    expect(isOrkesTaskNotFound({ status: 204, body: undefined })).toBe(true)
    expect(isOrkesNotFound({ status: 204, body: undefined })).toBe(false)
  })
})
