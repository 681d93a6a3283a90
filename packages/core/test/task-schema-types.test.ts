// The type assertions here are checked by `tsc --noEmit` (the typecheck task
// compiles the tests): each `@ts-expect-error` fails the type check when
// schemaOf stops refusing that drift, and TaskSchema's own declaration fails
// it when the schema and the Task type drift apart.

import { describe, expect, expectTypeOf, it } from 'vitest'
import * as z from 'zod/mini'
import { type Task, TaskSchema } from '../src/index.js'
import { schemaOf } from '../src/schema-of.js'

interface Point {
  x: number
  label?: string
}

describe('schemaOf', () => {
  it('takes a schema whose output is exactly the type', () => {
    const PointSchema = schemaOf<Point>()(z.object({ x: z.number(), label: z.optional(z.string()) }))

    expectTypeOf(PointSchema.parse({ x: 1 })).toEqualTypeOf<Point>()
    expect(PointSchema.parse({ x: 1, label: 'a' })).toEqual({ x: 1, label: 'a' })
  })

  it('refuses a schema without an optional field of the type, which parsing would drop', () => {
    // @ts-expect-error the schema has no `label`
    expect(schemaOf<Point>()(z.object({ x: z.number() })).parse({ x: 1, label: 'a' })).toEqual({ x: 1 })
  })

  it('refuses a schema that makes a required field optional', () => {
    // @ts-expect-error `x` may be missing from the output
    schemaOf<Point>()(z.object({ x: z.optional(z.number()), label: z.optional(z.string()) }))
  })

  it('refuses a schema with a field the type does not have', () => {
    // @ts-expect-error the type has no `y`
    schemaOf<Point>()(z.object({ x: z.number(), y: z.number(), label: z.optional(z.string()) }))
  })

  it('refuses a schema whose field is wider than the type', () => {
    // @ts-expect-error `x` may be a string
    schemaOf<Point>()(z.object({ x: z.union([z.number(), z.string()]), label: z.optional(z.string()) }))
  })
})

/** A Task with every field set, so a field added to Task fails to compile here until it is added. */
function makeEveryField(): Required<Task> {
  return {
    id: 'exec-42',
    adapter: 'xpander',
    provider: 'xpander',
    status: 'waiting_for_input',
    providerStatus: 'paused',
    reason: 'approval',
    request: {
      kind: 'approval',
      title: 'Approve refund',
      message: 'Refund 40 EUR?',
      choices: [{ value: 'approve', label: 'Approve' }],
      schema: { type: 'object' },
      url: 'https://console.example/tasks/exec-42',
      metadata: { state: 'ASSIGNED' },
    },
    name: 'Refund',
    input: { text: 'refund order 1234' },
    output: { format: 'json', value: { refunded: false } },
    error: { message: 'tool crashed', code: 'E_TOOL', details: { tool: 'search' } },
    createdAt: new Date('2024-03-01T10:00:00.000Z'),
    updatedAt: new Date('2024-03-01T10:05:30.250Z'),
    startedAt: new Date('2024-03-01T10:00:01.500Z'),
    finishedAt: new Date('2024-03-01T10:05:30.000Z'),
    parentId: 'parent-7',
    attempts: 2,
    metadata: { source: 'api' },
    raw: { id: 'exec-42', status: 'paused' },
  }
}

describe('TaskSchema, typed without a cast', () => {
  it('outputs exactly a Task', () => {
    expectTypeOf<z.output<typeof TaskSchema>>().toEqualTypeOf<Task>()
  })

  it('brings back every field of a Task stored as JSON', () => {
    const task = makeEveryField()

    expect(TaskSchema.parse(JSON.parse(JSON.stringify(task)))).toStrictEqual(task)
  })

  it('puts back the raw payload and output value that JSON left out, as the Task type promises', () => {
    const task = { ...makeEveryField(), raw: undefined, output: { format: 'text' as const, value: undefined } }

    const again = TaskSchema.parse(JSON.parse(JSON.stringify(task)))

    expect(Object.hasOwn(again, 'raw')).toBe(true)
    expect(again.output && Object.hasOwn(again.output, 'value')).toBe(true)
    expect(again).toStrictEqual(task)
  })
})
