import { describe, expect, it } from 'vitest'
import { createRedactor } from '../src/index.js'
import { lastRedactorReused } from '../src/redaction.js'
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

  it('finds the secret behind \\/ in text that has other escapes, and leaves those as written', () => {
    const body = `{"note":"a\\nb \\"c\\" ${secret.replaceAll('/', '\\/')}"}`
    expect(redactor.mentionedIn(body)).toBe(true)
    expect(redactor.redactText(body)).toBe('{"note":"a\\nb \\"c\\" [REDACTED]"}')
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

describe('lastRedactorReused', () => {
  it('reuses the redactor while the secrets stay the same, and builds one for new secrets', () => {
    const redactorFor = lastRedactorReused()
    const first = redactorFor(['token-one', undefined])
    expect(redactorFor(['token-one', undefined])).toBe(first)
    // A renewed token: the answer must be searched for the new one.
    const renewed = redactorFor(['token-two', undefined])
    expect(renewed.mentionedIn('{"echo":"token-two"}')).toBe(true)
    expect(redactorFor(['token-one'])).not.toBe(first)
    expect(redactorFor(['token-one']).secrets).toEqual(['token-one'])
  })
})
