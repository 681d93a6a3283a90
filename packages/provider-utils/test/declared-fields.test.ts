// declaredFieldsOnly speeds up every adapter's parsing with zod's public
// schema API alone (`type`, `def.catchall`, `clone(def)`). zod is a caret
// dependency: if a release changes that API, these tests say what changed,
// rather than parsing silently getting slower or different.
import { describe, expect, it } from 'vitest'
import * as classic from 'zod'
import * as z from 'zod/mini'
import { declaredFieldsOnly } from '../src/task.js'

const apis = [
  ['zod/mini', z],
  ['zod', classic],
] as const

describe.each(apis)('declaredFieldsOnly on %s schemas', (api, zod) => {
  const Job = zod.looseObject({ id: zod.string(), inner: zod.optional(zod.looseObject({ a: zod.number() })) })
  const payload = { id: 'j1', inner: { a: 1, kept: true }, wide: 'x' }

  it("relies on zod's public schema API: type, def.catchall and clone(def)", () => {
    const schema = Job as unknown as { type: unknown; def: { catchall?: { type?: unknown } }; clone: unknown }
    expect(schema.type, `zod changed: a ${api} object schema's public \`type\` is no longer "object"`).toBe('object')
    expect(
      schema.def.catchall?.type,
      `zod changed: a ${api} loose object's \`def.catchall\` is no longer an \`unknown\` schema`,
    ).toBe('unknown')
    expect(typeof schema.clone, `zod changed: ${api} schemas no longer have a public \`clone(def)\``).toBe('function')
  })

  it('drops the undeclared top-level fields and validates the rest as before', () => {
    const validator = declaredFieldsOnly(Job)
    expect(validator, `zod changed: declaredFieldsOnly could not clone a ${api} loose object`).not.toBe(Job)
    expect(
      z.safeParse(validator, payload).data,
      `zod changed: cloning a ${api} object without its catchall no longer drops undeclared fields`,
    ).toEqual({ id: 'j1', inner: { a: 1, kept: true } })
    expect(z.safeParse(validator, { id: 3 }).success).toBe(false)
    expect(z.safeParse(validator, { id: 'j', inner: { a: 'one' } }).success).toBe(false)
    expect(declaredFieldsOnly(Job), 'the clone is made once per schema').toBe(validator)
  })

  it("keeps an object's own checks and a strict object's catchall", () => {
    const Checked = zod.looseObject({ id: zod.string() }).check(z.refine((job) => job.id !== 'bad', 'bad id'))
    expect(
      z.safeParse(declaredFieldsOnly(Checked), { id: 'bad' }).success,
      `zod changed: clone(def) of a ${api} object no longer keeps its checks`,
    ).toBe(false)
    const Strict = zod.strictObject({ id: zod.string() })
    expect(declaredFieldsOnly(Strict)).toBe(Strict)
    expect(z.safeParse(declaredFieldsOnly(Strict), { id: 'j', extra: 1 }).success).toBe(false)
  })
})
