import { describe, expect, it } from 'vitest'
import { wexaErrorMessage } from '../src/wexa-error.js'

describe('wexaErrorMessage', () => {
  it('reads detail, then message, then error', () => {
    expect(wexaErrorMessage({ detail: 'No task', message: 'm', error: 'e' })).toBe('No task')
    expect(wexaErrorMessage({ statusCode: 401, message: 'Invalid or missing x-api-key', error: 'Unauthorized' })).toBe(
      'Invalid or missing x-api-key',
    )
    expect(wexaErrorMessage({ error: 'Not Found' })).toBe('Not Found')
  })

  it('joins a list of messages, and says nothing for a body without one', () => {
    expect(wexaErrorMessage({ message: ['goal is required', 'agentflow_id is required'] })).toBe(
      'goal is required; agentflow_id is required',
    )
    expect(wexaErrorMessage({ detail: '', message: { nested: true } })).toBeUndefined()
    expect(wexaErrorMessage([1, 2])).toBeUndefined()
  })
})
