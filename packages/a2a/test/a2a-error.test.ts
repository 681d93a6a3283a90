import { describe, expect, it } from 'vitest'
import { a2aErrorMessage } from '../src/a2a-error.js'

describe('a2aErrorMessage', () => {
  it('reads the HTTP+JSON v1.0 body, the v0.3 REST body and the card error', () => {
    const status = { error: { code: 404, status: 'NOT_FOUND', message: 'Task not found: t1', details: [] } }
    expect(a2aErrorMessage(status)).toBe('Task not found: t1')
    expect(a2aErrorMessage({ code: -32001, message: 'Task not found' })).toBe('Task not found')
    expect(a2aErrorMessage({ error: 'Failed to retrieve agent card' })).toBe('Failed to retrieve agent card')
  })

  it('says nothing for a body of another shape', () => {
    expect(a2aErrorMessage({ detail: 'not a2a' })).toBeUndefined()
    expect(a2aErrorMessage({ error: { code: 500 } })).toBeUndefined()
  })
})
