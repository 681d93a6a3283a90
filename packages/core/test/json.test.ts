import { describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH, parseJson } from '../src/index.js'

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`

describe('parseJson with maxDepth', () => {
  it('takes JSON exactly at the limit and refuses one level more, saying why', () => {
    expect(parseJson(nested(MAX_JSON_DEPTH), { maxDepth: MAX_JSON_DEPTH }).success).toBe(true)
    const refused = parseJson(nested(MAX_JSON_DEPTH + 1), { maxDepth: MAX_JSON_DEPTH })
    expect(refused).toEqual({ success: false, error: new SyntaxError('JSON nested deeper than 1000 levels') })
  })

  it('does not count brackets inside strings', () => {
    const text = JSON.stringify({ text: '['.repeat(5000), escaped: '\\"[[[' })
    expect(parseJson(text, { maxDepth: 2 })).toEqual({ success: true, value: JSON.parse(text) })
  })

  it('parses any depth without the option', () => {
    expect(parseJson(nested(20_000)).success).toBe(true)
  })
})
