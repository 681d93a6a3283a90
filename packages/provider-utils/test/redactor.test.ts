import { describe, expect, it } from 'vitest'
import { createRedactor } from '../src/index.js'
import { unicodeEscaped } from './output-forms.js'

describe('createRedactor', () => {
  const secret = 'abc+def/ghi=='
  const redactor = createRedactor([secret])

  it.each([
    ['as sent', secret],
    ['with \\u escapes', unicodeEscaped(secret)],
    ['with only = escaped', secret.replaceAll('=', '\\u003d')],
    ['with / escaped as \\/', secret.replaceAll('/', '\\/')],
    ['percent-encoded', encodeURIComponent(secret)],
    ['percent-encoded in lower case', encodeURIComponent(secret).toLowerCase()],
    ['form-encoded, + kept', 'abc+def%2Fghi%3D%3D'],
  ])('finds and removes the secret %s', (_form, echoed) => {
    const body = `{"note":"echo ${echoed} end"}`
    expect(redactor.mentionedIn(body)).toBe(true)
    expect(redactor.redactText(body)).toBe('{"note":"echo [REDACTED] end"}')
  })

  it('takes the secret out of parsed strings and keys, leaving the rest alone', () => {
    const value = { [`k ${secret}`]: [`v ${secret}`, 20251, { deep: `%2F ${encodeURIComponent(secret)}` }] }
    expect(redactor.redactValue(value)).toEqual({ 'k [REDACTED]': ['v [REDACTED]', 20251, { deep: '%2F [REDACTED]' }] })
  })

  it('leaves text without the secret unchanged', () => {
    const body = '{"note":"a+b %41 \\u0041 \\\\u0041"}'
    expect(redactor.mentionedIn(body)).toBe(false)
    expect(redactor.redactText(body)).toBe(body)
  })

  it('walks a value nested 10,000 levels deep without overflowing the stack', () => {
    let value: unknown = `x ${secret}`
    for (let level = 0; level < 10_000; level++) value = [value]
    let inner = redactor.redactValue(value)
    for (let level = 0; level < 10_000; level++) inner = (inner as unknown[])[0]
    expect(inner).toBe('x [REDACTED]')
  })
})
