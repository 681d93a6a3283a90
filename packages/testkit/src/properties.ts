// Property-based checks of payload parsers, with fast-check: payloads made by
// mutating an adapter's seed payloads (fields removed, replaced by values of
// the wrong type, extreme numbers and dates, odd strings, deep nesting) and
// the rule every parser must keep whatever it is given.
import { isDeepStrictEqual } from 'node:util'
import { InvalidPayloadError, type Task, TaskbridgeError, TaskSchema } from '@taskbridge/core'
import fc from 'fast-check'

/** The values a mutation puts into a payload: wrong types, edge numbers, hostile strings. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    null,
    '',
    ' ',
    0,
    -1,
    1.5,
    -0,
    1e12,
    1e15,
    -1e15,
    8.64e15,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    '\uD800',
    'a\uDFFFb',
    '__proto__',
    'constructor',
    '+033658-09-27T01:46:40.000Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '2025-02-30T25:61:61Z',
    'x'.repeat(10_000),
    [],
    {},
    [[[[[[[[[[]]]]]]]]]],
    { __proto__: null, toString: 'x' },
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ unit: 'binary', maxLength: 20 }),
)

type Mutation =
  | { kind: 'delete'; path: number[] }
  | { kind: 'set'; path: number[]; value: unknown }
  | { kind: 'add'; path: number[]; key: string; value: unknown }
  | { kind: 'nest'; path: number[]; depth: number }

const pathArbitrary = fc.array(fc.nat(), { maxLength: 4 })
const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), path: pathArbitrary }),
  fc.record({ kind: fc.constant('set' as const), path: pathArbitrary, value: hostileValue }),
  fc.record({
    kind: fc.constant('add' as const),
    path: pathArbitrary,
    key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', '')),
    value: hostileValue,
  }),
  fc.record({ kind: fc.constant('nest' as const), path: pathArbitrary, depth: fc.integer({ min: 1, max: 200 }) }),
)

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null
}

/**
 * Sets an own property, `__proto__` included, without touching any
 * prototype. The value is copied: generated values may be shared between
 * runs, and a later mutation must not reach into them.
 */
function defineField(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, {
    value: structuredClone(value),
    enumerable: true,
    configurable: true,
    writable: true,
  })
}

/** The container a path leads to (each step picks a child by index, modulo its size), and the key picked in it. */
function locate(
  root: unknown,
  path: readonly number[],
): { parent: Record<string, unknown> | unknown[]; key: string | number } | undefined {
  let parent: unknown = root
  let key: string | number | undefined
  for (const step of path) {
    const current = key === undefined ? parent : (parent as Record<string, unknown>)[key]
    if (!isContainer(current)) break
    const keys = Array.isArray(current) ? current.map((_, index) => index) : Object.keys(current)
    if (keys.length === 0) break
    parent = current
    key = keys[step % keys.length]
  }
  if (key === undefined || !isContainer(parent)) return undefined
  return { parent, key }
}

function applyMutation(payload: unknown, mutation: Mutation): unknown {
  const found = locate(payload, mutation.path)
  if (mutation.kind === 'add') {
    const target = found ? (found.parent as Record<string, unknown>)[found.key] : payload
    if (isContainer(target) && !Array.isArray(target)) defineField(target, mutation.key, mutation.value)
    else if (isContainer(payload) && !Array.isArray(payload)) defineField(payload, mutation.key, mutation.value)
    return payload
  }
  if (!found) return mutation.kind === 'set' ? structuredClone(mutation.value) : payload
  const { parent, key } = found
  if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1)
    else delete parent[key as string]
  } else if (mutation.kind === 'set') defineField(parent, key, mutation.value)
  else {
    let wrapped: unknown = (parent as Record<string, unknown>)[key]
    for (let level = 0; level < mutation.depth; level++) wrapped = level % 2 === 0 ? [wrapped] : { value: wrapped }
    defineField(parent, key, wrapped)
  }
  return payload
}

/**
 * Payloads for a parser: the seed payloads as they are, each mutated by a
 * few random changes, and JSON values of any shape. Seeds are copied, never
 * changed.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(payloadMutations([seed]), (payload) => expectParserOutcome(parseAcmeTask, payload)), { seed: 42, numRuns: 10_000 })
 * ```
 */
export function payloadMutations(seeds: readonly unknown[]): fc.Arbitrary<unknown> {
  const mutated = fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutationArbitrary, { minLength: 1, maxLength: 6 }))
    .map(([seed, mutations]) => mutations.reduce(applyMutation, structuredClone(seed)))
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...seeds).map((seed) => structuredClone(seed)) },
    { weight: 8, arbitrary: mutated },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  )
}

/** What a parser did with one payload: the Task it returned, or what it threw. */
export type ParserOutcome = { readonly task: Task } | { readonly error: unknown }

/** Runs `parse` on `payload`, catching what it throws. */
export function parserOutcome(parse: (payload: unknown) => Task, payload: unknown): ParserOutcome {
  try {
    return { task: parse(payload) }
  } catch (error) {
    return { error }
  }
}

/**
 * Why a Task a parser returned breaks the rule, or `undefined`: it must
 * survive `JSON.stringify` and core's `TaskSchema` (its dates and `raw`
 * coming back equal) and, unless the payload was JSON text, keep the very
 * payload given as `raw`.
 */
export function storableTaskProblem(task: Task, payload: unknown): string | undefined {
  if (typeof payload !== 'string' && task.raw !== payload) return 'task.raw is not the payload given'
  const stored = TaskSchema.safeParse(JSON.parse(JSON.stringify(task)))
  if (!stored.success) {
    return `the Task does not survive JSON and TaskSchema: ${JSON.stringify(stored.error.issues).slice(0, 500)}`
  }
  for (const field of ['createdAt', 'updatedAt', 'startedAt', 'finishedAt'] as const) {
    if (task[field]?.getTime() !== stored.data[field]?.getTime()) return `${field} does not come back equal`
  }
  if (!isDeepStrictEqual(stored.data.raw, JSON.parse(JSON.stringify(task.raw)))) return 'raw does not come back equal'
  return undefined
}

/**
 * The rule every payload parser keeps: it returns a Task whose `raw` is the
 * payload given and that survives `JSON.stringify` and core's `TaskSchema`
 * (its dates coming back equal), or it throws a typed taskbridge error (an
 * `InvalidPayloadError` keeps the payload as `raw`). Throws an `Error`
 * saying what broke the rule. `runParserContract` (from
 * `@taskbridge/testkit/vitest`) checks this and more.
 */
export function expectParserOutcome(parse: (payload: unknown) => Task, payload: unknown): void {
  const outcome = parserOutcome(parse, payload)
  if ('task' in outcome) {
    const problem = storableTaskProblem(outcome.task, payload)
    if (problem) throw new Error(problem)
    return
  }
  const { error } = outcome
  if (!TaskbridgeError.is(error) || error.name === 'TaskbridgeError') {
    throw new Error(`the parser threw something other than a typed taskbridge error: ${String(error)}`)
  }
  if (InvalidPayloadError.is(error) && typeof payload !== 'string' && error.raw !== payload) {
    throw new Error('the InvalidPayloadError does not keep the payload as raw')
  }
}
export * from './follow-properties.js'
