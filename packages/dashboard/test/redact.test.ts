import { describe, expect, it } from 'vitest'
import { redactValue } from '../src/redact.js'

describe('redactValue', () => {
  it('hides the values under credential-like names, at any depth, and keeps counts', () => {
    const when = new Date(0)
    expect(
      redactValue({
        apiKey: 'k-123',
        nested: { password: 'p', tokens: 12, session: { id: 's' }, enabled: true },
        list: [{ authorization: 'Bearer abc', text: 'hello' }],
        when,
      }),
    ).toEqual({
      apiKey: '[REDACTED]',
      nested: { password: '[REDACTED]', tokens: 12, session: '[REDACTED]', enabled: true },
      list: [{ authorization: '[REDACTED]', text: 'hello' }],
      when,
    })
  })

  it('stops at a depth no payload reaches', () => {
    let deep: unknown = 'bottom'
    for (let level = 0; level < 100; level++) deep = { next: deep }
    expect(JSON.stringify(redactValue(deep))).toContain('[nested too deep]')
  })
})
