// The type assertions here are checked by `tsc --noEmit` (the typecheck task compiles the tests).
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { Jsonified, StoredTask, Task } from '../src/index.js'

interface SeenMetadata {
  seenAt: Date
  note?: string
  count: number | undefined
  tags: string[]
  nested: { at: Date; flag: boolean }
  callback: () => void
}

describe('Jsonified', () => {
  it('types what JSON gives back', () => {
    const value: SeenMetadata = {
      seenAt: new Date('2026-01-01T09:00:00.000Z'),
      count: undefined,
      tags: ['a'],
      nested: { at: new Date('2026-01-02T09:00:00.000Z'), flag: true },
      callback: () => {},
    }
    const back: Jsonified<SeenMetadata> = JSON.parse(JSON.stringify(value))

    expectTypeOf(back.seenAt).toEqualTypeOf<string>()
    expectTypeOf(back.nested.at).toEqualTypeOf<string>()
    expectTypeOf(back.count).toEqualTypeOf<number | undefined>()
    expectTypeOf(back.tags).toEqualTypeOf<string[]>()
    expectTypeOf(back).not.toHaveProperty('callback')
    expect(back).toEqual({
      seenAt: '2026-01-01T09:00:00.000Z',
      tags: ['a'],
      nested: { at: '2026-01-02T09:00:00.000Z', flag: true },
    })
  })

  it('leaves JSON values as they are', () => {
    expectTypeOf<Jsonified<{ a: string; b?: number; c: boolean[] }>>().toExtend<{
      a: string
      b?: number
      c: boolean[]
    }>()
    expectTypeOf<{ a: string; b?: number; c: boolean[] }>().toExtend<
      Jsonified<{ a: string; b?: number; c: boolean[] }>
    >()
    expectTypeOf<Jsonified<unknown>>().toEqualTypeOf<unknown>()
  })
})

describe('StoredTask', () => {
  it('keeps the Task dates and provider, and types metadata as JSON made it', () => {
    type Seen = Task<SeenMetadata, 'memory'>

    expectTypeOf<StoredTask<Seen>['createdAt']>().toEqualTypeOf<Date | undefined>()
    expectTypeOf<StoredTask<Seen>['provider']>().toEqualTypeOf<'memory'>()
    expectTypeOf<StoredTask<Seen>['metadata']['seenAt']>().toEqualTypeOf<string>()
  })

  it('distributes over a union of adapters’ tasks', () => {
    type Either = Task<{ a: Date }, 'a'> | Task<{ b: number }, 'b'>
    const narrow = (task: StoredTask<Either>) => (task.provider === 'a' ? task.metadata.a : task.metadata.b)

    expectTypeOf(narrow).returns.toEqualTypeOf<string | number>()
  })

  it('is the plain Task for the default metadata', () => {
    expectTypeOf<StoredTask>().toExtend<Task>()
    expectTypeOf<Task>().toExtend<StoredTask>()
  })
})
