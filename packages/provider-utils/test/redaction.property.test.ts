import { propertyRuns } from '@taskbridge/test-support/property-runs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRedactor, parseJson } from '../src/index.js'

// Fixed, so a failure reproduces; printed, so a run can be repeated exactly.
const SEED = 15_2026
const RUNS = propertyRuns()

/** Characters credentials are made of: base64, URL-safe base64, hex, and the odd space or percent sign. */
const secretArbitrary = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_.~ %'.split('')),
  minLength: 8,
  maxLength: 40,
})

const hex = (code: number) => code.toString(16).padStart(4, '0')

/** The ways a server may write a secret back inside a JSON string, each as JSON string content. */
const encodings: Record<string, (secret: string, picks: readonly boolean[]) => string> = {
  verbatim: (secret) => JSON.stringify(secret).slice(1, -1),
  unicodeEscapes: (secret) => [...secret].map((char) => `\\u${hex(char.charCodeAt(0))}`).join(''),
  someUnicodeEscapes: (secret, picks) =>
    [...secret]
      .map((char, index) =>
        picks[index % picks.length] ? `\\u${hex(char.charCodeAt(0))}` : JSON.stringify(char).slice(1, -1),
      )
      .join(''),
  slashesEscaped: (secret) => JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/'),
  percentEncoded: (secret) => encodeURIComponent(secret),
  percentEncodedLowerCase: (secret) =>
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (sequence) => sequence.toLowerCase()),
  formEncoded: (secret) => new URLSearchParams({ s: secret }).toString().slice(2),
  somePercentEncoded: (secret, picks) =>
    [...secret]
      .map((char, index) =>
        picks[index % picks.length]
          ? `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`
          : JSON.stringify(char).slice(1, -1),
      )
      .join(''),
}

describe('createRedactor on generated bodies', () => {
  it(`finds a secret echoed in any encoding, in the text and in the parsed value (${RUNS} cases, seed ${SEED})`, {
    timeout: 120_000,
  }, () => {
    console.log(`redaction property: seed ${SEED}, ${RUNS} cases`)
    fc.assert(
      fc.property(
        secretArbitrary,
        fc.constantFrom(...Object.keys(encodings)),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.jsonValue({ maxDepth: 3 }),
        fc.string({ maxLength: 12 }),
        (secret, encoding, picks, context, prefix) => {
          const echoed = (encodings[encoding] as (typeof encodings)['verbatim'])(secret, picks)
          const placeholder = '\u0000echo\u0000'
          const text = JSON.stringify({ context, note: `${prefix}${placeholder}` }).replace(
            JSON.stringify(placeholder).slice(1, -1),
            echoed,
          )
          const redactor = createRedactor([secret])
          expect(redactor.mentionedIn(text)).toBe(true)
          const redactedText = redactor.redactText(text)
          expect(redactor.mentionedIn(redactedText)).toBe(false)
          const parsed = parseJson(text)
          expect(parsed.success).toBe(true)
          const value = redactor.redactValue((parsed as { value: unknown }).value)
          expect(redactor.mentionedIn(JSON.stringify(value))).toBe(false)
          expect((value as { note: string }).note).toContain('[REDACTED]')
        },
      ),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it(`leaves a body that does not hold the secret unchanged (${RUNS} cases, seed ${SEED})`, {
    timeout: 120_000,
  }, () => {
    console.log(`redaction property (no echo): seed ${SEED}, ${RUNS} cases`)
    fc.assert(
      fc.property(secretArbitrary, fc.jsonValue({ maxDepth: 3 }), (secret, value) => {
        const text = JSON.stringify(value)
        const redactor = createRedactor([secret])
        fc.pre(!redactor.mentionedIn(text))
        expect(redactor.redactText(text)).toBe(text)
        expect(redactor.redactValue(value)).toEqual(value)
      }),
      { seed: SEED, numRuns: RUNS },
    )
  })
})
