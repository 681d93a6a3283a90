import { InvalidArgumentError, InvalidPayloadError, type Task, TaskSchema } from '@taskbridge/core'
import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import {
  createTaskParser,
  encodePathSegment,
  fromEpochMillis,
  fromIsoString,
  fromUnixSeconds,
  parseJson,
  parseJsonText,
} from '../src/index.js'

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

/** A Task after it was stored as JSON and read back, as core's TaskSchema reads it. */
function roundTrip(task: Task): Task {
  return TaskSchema.parse(JSON.parse(JSON.stringify(task)))
}

const RunSchema = z.looseObject({
  id: z.string(),
  state: z.string(),
  tries: z.nullish(z.number()),
  created: z.nullish(z.number()),
  started: z.nullish(z.unknown()),
  runs: z.nullish(z.array(z.number())),
})

const parseRun = createTaskParser({
  provider: 'acme',
  schema: RunSchema,
  statuses: { working: 'running' },
  toTask: (run) => ({
    id: run.id,
    providerStatus: run.state,
    attempts: run.tries ?? undefined,
    createdAt: run.created === undefined || run.created === null ? undefined : new Date(run.created),
    startedAt: run.started as Date | undefined,
    // Spreading a huge array into Math.max overflows the stack: a mapping that breaks on a payload.
    metadata: { longest: run.runs ? Math.max(...run.runs) : undefined },
  }),
})

describe('createTaskParser keeps every Task storable', () => {
  it.each([-1, 1.5, Number.MAX_SAFE_INTEGER + 2])('leaves out attempts of %s', (tries) => {
    const task = parseRun({ id: 'r1', state: 'working', tries })
    expect(Object.hasOwn(task, 'attempts')).toBe(false)
    expect(roundTrip(task).id).toBe('r1')
  })

  it('keeps attempts that are a whole number ≥ 0', () => {
    expect(parseRun({ id: 'r1', state: 'working', tries: 0 }).attempts).toBe(0)
    expect(parseRun({ id: 'r1', state: 'working', tries: 3 }).attempts).toBe(3)
  })

  it.each([1e15, -1e14])('leaves out a date outside the years 0000–9999 (%s ms)', (created) => {
    const task = parseRun({ id: 'r1', state: 'working', created })
    expect(Object.hasOwn(task, 'createdAt')).toBe(false)
    expect(roundTrip(task).id).toBe('r1')
  })

  it('leaves out a date field that is not a Date', () => {
    const task = parseRun({ id: 'r1', state: 'working', started: '2025-01-01' })
    expect(Object.hasOwn(task, 'startedAt')).toBe(false)
  })

  it('reports a payload that breaks the mapping as InvalidPayloadError keeping it', () => {
    const payload = { id: 'r1', state: 'working', runs: Array.from({ length: 300_000 }, (_, index) => index) }
    const error = thrown(() => parseRun(payload))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as InvalidPayloadError).raw).toBe(payload)
  })
})

describe('time helpers refuse dates JSON cannot bring back', () => {
  it('gives undefined for a time past the year 9999 or before the year 0000', () => {
    expect(fromUnixSeconds(1e12)).toBeUndefined()
    expect(fromEpochMillis(1e15)).toBeUndefined()
    expect(fromIsoString('+033658-09-27T01:46:40.000Z')).toBeUndefined()
    expect(fromIsoString('-000001-01-01T00:00:00.000Z')).toBeUndefined()
  })

  it('keeps the first and the last storable instants', () => {
    expect(fromIsoString('0000-01-01T00:00:00.000Z')?.toISOString()).toBe('0000-01-01T00:00:00.000Z')
    expect(fromEpochMillis(253_402_300_799_999)?.toISOString()).toBe('9999-12-31T23:59:59.999Z')
  })
})

describe('JSON parsing', () => {
  it('parses JSON nested 6,000 levels deep holding a \\u escape and a __proto__ key', () => {
    const text = `${'{"a":'.repeat(6000)}{"__proto__":{"x":1},"b":"\\u0041"}${'}'.repeat(6000)}`
    const parsed = parseJson(text)
    expect(parsed.success).toBe(true)
    let inner = (parsed as { value: unknown }).value as Record<string, unknown>
    for (let level = 0; level < 6000; level++) inner = inner.a as Record<string, unknown>
    expect(inner).toEqual({ b: 'A' })
    expect(Object.hasOwn(inner, '__proto__')).toBe(false)
  })

  it.each([
    '{"token":"sk-live-9f8e7d6c5b4a"',
    '{"token": sk-live-9f8e7d6c5b4a}',
    'sk-live-9f8e7d6c5b4a',
    '{"a":1} sk-live-9f8e7d6c5b4a',
  ])('reports bad JSON without quoting any of it: %s', (text) => {
    const parsed = parseJson(text)
    expect(parsed.success).toBe(false)
    const error = (parsed as { error: Error }).error
    expect(error.message).not.toMatch(/sk-|live|9f8e|token/)
    expect(error.stack).not.toContain('9f8e')
    const thrownError = thrown(() => parseJsonText(text, { provider: 'acme' }))
    expect((thrownError as Error).message).not.toContain('sk-')
  })
})

describe('path segments', () => {
  it.each(['\uD800', 'a\uDFFFb', 'x\uD83D'])('refuses a lone surrogate with InvalidArgumentError', (value) => {
    expect(InvalidArgumentError.is(thrown(() => encodePathSegment(value)))).toBe(true)
  })

  it('encodes a surrogate pair', () => {
    expect(encodePathSegment('a😀')).toBe('a%F0%9F%98%80')
  })
})
