import { InvalidPayloadError } from '@taskbridge/core'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import * as zm from 'zod/mini'
import { parseJson, parseJsonPayload, parsePayload } from '../src/index.js'

const context = { provider: 'acme', what: 'task' }
const MiniTask = zm.looseObject({ id: zm.string(), runs: zm.array(zm.object({ status: zm.string() })) })

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('parseJson', () => {
  it('parses JSON and reports bad JSON without throwing', () => {
    expect(parseJson('{"a":[1,2]}')).toEqual({ success: true, value: { a: [1, 2] } })
    const bad = parseJson('{"a":')
    expect(bad.success).toBe(false)
  })

  it('drops __proto__ keys at any depth', () => {
    const result = parseJson('{"a":{"__proto__":{"x":1},"b":2},"__proto__":{"y":1}}')
    expect(result).toEqual({ success: true, value: { a: { b: 2 } } })
    const value = (result as { value: Record<string, unknown> }).value
    expect(Object.hasOwn(value, '__proto__')).toBe(false)
    expect(({} as Record<string, unknown>).y).toBeUndefined()
  })

  it('drops a __proto__ key spelled with \\u escapes', () => {
    const result = parseJson('{"\\u005f_proto__":{"y":1},"b":{"__pr\\u006fto__":{"z":1}}}')
    expect(result).toEqual({ success: true, value: { b: {} } })
    const value = (result as { value: Record<string, unknown> }).value
    expect(Object.hasOwn(value, '__proto__')).toBe(false)
  })
})

describe('parsePayload', () => {
  it('returns the data and lets unknown fields through a loose schema', () => {
    const data = parsePayload(MiniTask, { id: 't1', runs: [], extra: true }, context)
    expect(data).toEqual({ id: 't1', runs: [], extra: true })
  })

  it('accepts a classic zod schema too', () => {
    expect(parsePayload(z.object({ id: z.string() }), { id: 'x' }, context)).toEqual({ id: 'x' })
  })

  it('throws InvalidPayloadError naming the paths, keeping raw and issues', () => {
    const raw = { id: 7, runs: [{ status: 'ok' }, { status: null }] }
    const error = thrown(() => parsePayload(MiniTask, raw, context)) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error.raw).toBe(raw)
    expect(error.provider).toBe('acme')
    expect(error.issues.map((issue) => issue.path)).toEqual([['id'], ['runs', 1, 'status']])
    expect(error.message).toContain('The task does not match the expected shape: id:')
    expect(error.message).toContain('runs[1].status:')
  })

  it('summarises many issues', () => {
    const schema = zm.object({ a: zm.string(), b: zm.string(), c: zm.string(), d: zm.string(), e: zm.string() })
    const error = thrown(() => parsePayload(schema, {}, context)) as InvalidPayloadError
    expect(error.issues).toHaveLength(5)
    expect(error.message).toContain('(and 2 more)')
  })

  it('reports a payload that is not an object at the root', () => {
    const error = thrown(() => parsePayload(MiniTask, 'nope', context)) as InvalidPayloadError
    expect(error.message).toContain('(root)')
  })
})

describe('parseJsonPayload', () => {
  it('parses and validates text', () => {
    expect(parseJsonPayload(MiniTask, '{"id":"t","runs":[]}', context)).toEqual({ id: 't', runs: [] })
  })

  it('keeps the text as raw when it is not JSON', () => {
    const error = thrown(() => parseJsonPayload(MiniTask, '<html>', context)) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error.raw).toBe('<html>')
    expect(error.issues).toEqual([])
    expect(error.message).toContain('not valid JSON')
  })
})
