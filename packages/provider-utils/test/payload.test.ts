import { InvalidPayloadError } from '@taskbridge/core'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import * as zm from 'zod/mini'
import { createPayloadParser, parseJson, parseJsonPayload, parsePayload } from '../src/index.js'

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

describe('createPayloadParser', () => {
  const parseTask = createPayloadParser({ provider: 'acme', what: 'task', schema: MiniTask })
  const source = { method: 'GET', url: 'http://127.0.0.1/tasks', status: 200 }

  it('returns the data and lets unknown fields through a loose schema', () => {
    const data = parseTask({ id: 't1', runs: [], extra: true })
    expect(data).toEqual({ id: 't1', runs: [], extra: true })
    expect(parseTask.schema).toBe(MiniTask)
  })

  it('accepts a classic zod schema too', () => {
    const parse = createPayloadParser({ provider: 'acme', schema: z.object({ id: z.string() }) })
    expect(parse({ id: 'x' })).toEqual({ id: 'x' })
  })

  it('takes JSON text as well as parsed JSON', () => {
    expect(parseTask('{"id":"t","runs":[]}')).toEqual({ id: 't', runs: [] })
  })

  it('throws InvalidPayloadError naming the paths, keeping raw, issues and the request', () => {
    const raw = { id: 7, runs: [{ status: 'ok' }, { status: null }] }
    const error = thrown(() => parseTask(raw, source)) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error.raw).toBe(raw)
    expect(error).toMatchObject({ provider: 'acme', method: 'GET', url: source.url, status: 200 })
    expect(error.issues.map((issue) => issue.path)).toEqual([['id'], ['runs', 1, 'status']])
    expect(error.message).toContain('The task does not match the expected shape: id:')
    expect(error.message).toContain('runs[1].status:')
  })

  it('summarises many issues', () => {
    const schema = zm.object({ a: zm.string(), b: zm.string(), c: zm.string(), d: zm.string(), e: zm.string() })
    const error = thrown(() => createPayloadParser({ provider: 'acme', schema })({})) as InvalidPayloadError
    expect(error.issues).toHaveLength(5)
    expect(error.message).toContain('(and 2 more)')
  })

  it('reports a payload that is not an object at the root', () => {
    const error = thrown(() => parseTask(42)) as InvalidPayloadError
    expect(error.message).toContain('(root)')
  })

  it('keeps the text as raw, and the request, when it is not JSON', () => {
    const error = thrown(() => parseTask('<html>', source)) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error).toMatchObject({ raw: '<html>', issues: [], url: source.url, status: 200 })
    expect(error.message).toContain('The task is not valid JSON')
  })
})

describe('the deprecated parsePayload and parseJsonPayload', () => {
  it('still validate a value and JSON text', () => {
    expect(parsePayload(MiniTask, { id: 't1', runs: [] }, context)).toEqual({ id: 't1', runs: [] })
    expect(parseJsonPayload(MiniTask, '{"id":"t","runs":[]}', context)).toEqual({ id: 't', runs: [] })
    const error = thrown(() => parseJsonPayload(MiniTask, '<html>', context)) as InvalidPayloadError
    expect(error.raw).toBe('<html>')
  })
})
