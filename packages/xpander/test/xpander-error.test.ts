import { describe, expect, it } from 'vitest'
import { xpanderErrorMessage } from '../src/xpander-error.js'

describe('xpanderErrorMessage', () => {
  it('reads the documented detail', () => {
    expect(xpanderErrorMessage({ detail: 'Task not found' })).toBe('Task not found')
  })

  it('reads a validation failure as each issue with where it is', () => {
    const body = { detail: [{ loc: ['body', 'input', 'text'], msg: 'field required', type: 'value_error.missing' }] }
    expect(xpanderErrorMessage(body)).toBe('body.input.text: field required')
  })

  it('says nothing for a body of another shape', () => {
    expect(xpanderErrorMessage({ message: 'not xpander' })).toBeUndefined()
    expect(xpanderErrorMessage({ detail: '  ' })).toBeUndefined()
  })
})
