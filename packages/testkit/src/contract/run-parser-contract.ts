// The property suite every payload parser passes, whatever the provider: an
// adapter's `parse…Task` is run on its fixtures mutated at random (seeded,
// so a failure reproduces) and on hostile text, and must answer with a
// storable Task or an InvalidPayloadError, never anything else. fast-check
// is an optional peer of testkit: it is imported only when the suite runs,
// so `@taskbridge/testkit/vitest` still loads without it.
import { inspect, isDeepStrictEqual } from 'node:util'
import { InvalidPayloadError, MAX_JSON_DEPTH, type Task, type TaskStatus } from '@taskbridge/core'
import { describe, expect, it } from 'vitest'
import { type ParserOutcome, parserOutcome, storableTaskProblem } from '../properties.js'

/** The parser under test: what `createTaskParser` returns, or any function of that shape. */
export interface ParserUnderTest {
  (payload: unknown): Task
  /** The parser's status table; a status it maps to `unknown` is one the suite may generate. */
  readonly statuses?: ((providerStatus: string) => TaskStatus) | undefined
}

/** Options of {@link runParserContract}. */
export interface ParserContractOptions {
  /** The suite's title, usually the parser's name. */
  name: string
  /** The parser under test: an adapter's `parse…Task`. */
  parse: ParserUnderTest
  /** Payloads the provider sends, as it sends them (the adapter's fixtures): every one must parse. */
  fixtures: readonly unknown[]
  /**
   * A copy of a fixture carrying `providerStatus` as its status. With it, the
   * suite checks that a status the parser does not know becomes `unknown`
   * and is kept in `providerStatus`.
   */
  withStatus?(fixture: unknown, providerStatus: string): unknown
  /** Cases per property. Default 1,000; taskbridge's own tests pass `propertyRuns()`. */
  runs?: number
  /** The fast-check seed, fixed so a failure reproduces. Default 152026. */
  seed?: number
}

const DEFAULT_RUNS = 1000
const DEFAULT_SEED = 152_026
/** The nesting property builds payloads thousands of levels deep: a fiftieth of the cases (20 by default) is plenty. */
const DEEP_SHARE = 0.02
const limit = { timeout: 120_000 }

type FastCheck = typeof import('fast-check').default
type Arbitrary<T> = import('fast-check').Arbitrary<T>

/** A generated payload, and the secret-looking value planted in it that no error may quote. */
interface PlantedPayload {
  readonly value: unknown
  readonly secret: string
}

let loaded: Promise<{ fc: FastCheck; payloads(fixtures: readonly unknown[]): Arbitrary<PlantedPayload> }> | undefined
const load = () => {
  loaded ??= Promise.all([import('fast-check'), import('../properties.js')]).then(([module, properties]) => {
    const fc = module.default
    const secret = fc.stringMatching(/^[A-Za-z0-9]{24}$/).map((text) => `tb-secret-${text}`)
    const payloads = (fixtures: readonly unknown[]) =>
      fc
        .tuple(properties.payloadMutations(fixtures), secret, fc.nat(8))
        .map(([value, planted, pick]) => ({ value: plant(value, planted, pick), secret: planted }))
    return { fc, payloads }
  })
  return loaded
}

/** The payload as JSON text: what it holds, to compare before and after a parse. */
function snapshot(payload: unknown): string {
  return JSON.stringify(payload) ?? 'null'
}

/**
 * Fails unless the parser returned a storable Task keeping `payload` as
 * `raw`, or threw an `InvalidPayloadError` keeping it (for JSON text: the
 * text, or the value it holds when that value is refused).
 */
function expectOutcome(outcome: ParserOutcome, payload: unknown): void {
  if ('task' in outcome) {
    const problem = storableTaskProblem(outcome.task, payload)
    if (problem) throw new Error(problem)
    return
  }
  const { error } = outcome
  if (!InvalidPayloadError.is(error)) throw new Error(`the parser threw ${String(error)}, not an InvalidPayloadError`)
  if (typeof payload === 'string' ? error.raw === undefined : error.raw !== payload) {
    throw new Error('the InvalidPayloadError does not keep the payload as raw')
  }
}

/** A payload nested `depth` levels deep at the top of a copy of `fixture`, under a field no schema declares. */
function nested(fixture: unknown, depth: number): unknown {
  let value: unknown = 'bottom'
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { value }
  return { ...(fixture as Record<string, unknown>), taskbridgeDeep: value }
}

/**
 * Registers the parser contract: every fixture parses; on fixtures mutated at
 * random (fields removed, wrong types, extreme numbers and dates, hostile
 * strings, deep nesting) and on their JSON text, the parser returns a Task
 * that survives JSON and core's `TaskSchema` with `raw` the payload given,
 * or throws an `InvalidPayloadError` keeping it, and never changes the
 * payload; a status it does not know becomes `unknown` and stays in
 * `providerStatus`; its errors never quote a value of the payload; JSON
 * nested deeper than `MAX_JSON_DEPTH` is refused, and deeper objects neither
 * crash nor hang it.
 *
 * @example
 * ```ts
 * runParserContract({
 *   name: 'parseAcmeTask',
 *   parse: parseAcmeTask,
 *   fixtures: [getJobFixture, listItemFixture],
 *   withStatus: (job, state) => ({ ...(job as object), state }),
 * })
 * ```
 */
export function runParserContract(options: ParserContractOptions): void {
  const runs = options.runs ?? DEFAULT_RUNS
  const seed = options.seed ?? DEFAULT_SEED
  const suite: Suite = { ...options, settings: { seed, numRuns: runs } }
  describe(`parser contract: ${options.name} (seed ${seed})`, () => {
    it('parses every fixture into a storable Task keeping it as raw, and leaves it as it was', () => {
      expect(suite.fixtures.length, 'give the suite at least one fixture').toBeGreaterThan(0)
      for (const fixture of suite.fixtures) {
        const payload = structuredClone(fixture)
        expect(storableTaskProblem(suite.parse(payload), payload)).toBeUndefined()
        expect(payload, 'the parser changed the payload it was given').toStrictEqual(fixture)
      }
    })
    registerPayloadProperty(suite)
    registerTextProperty(suite)
    registerUnknownStatusProperty(suite)
    registerDepthProperty({ ...suite, settings: { seed, numRuns: Math.max(1, Math.round(runs * DEEP_SHARE)) } })
  })
}

/** The parser, its fixtures and the fast-check settings, for each property. */
interface Suite extends ParserContractOptions {
  readonly settings: { readonly seed: number; readonly numRuns: number }
}

function registerPayloadProperty({ parse, fixtures, settings }: Suite): void {
  const title = `gives a storable Task or an InvalidPayloadError quoting none of the payload, and leaves it as it was (${settings.numRuns} cases)`
  it(title, limit, async () => {
    const { fc, payloads } = await load()
    fc.assert(
      fc.property(payloads(fixtures), (payload) => {
        const before = snapshot(payload.value)
        const outcome = parserOutcome(parse, payload.value)
        expectOutcome(outcome, payload.value)
        expectNotQuoted(outcome, payload.secret)
        if (snapshot(payload.value) !== before) throw new Error('the parser changed the payload it was given')
      }),
      settings,
    )
  })
}

function registerTextProperty({ parse, fixtures, settings }: Suite): void {
  const title = `reads JSON text as it reads the payload, and quotes none of a broken text (${settings.numRuns} cases)`
  it(title, limit, async () => {
    const { fc, payloads } = await load()
    const cut = fc.double({ min: 0, max: 1, noNaN: true })
    fc.assert(
      fc.property(payloads(fixtures), cut, (payload, where) => {
        const text = snapshot(payload.value)
        const fromText = parserOutcome(parse, text)
        expectOutcome(fromText, text)
        const fromValue = parserOutcome(parse, JSON.parse(text))
        if (!isDeepStrictEqual(summary(fromText), summary(fromValue))) {
          throw new Error(
            `the text gives ${inspect(summary(fromText))}, the value it holds ${inspect(summary(fromValue))}`,
          )
        }
        expectNotQuoted(parserOutcome(parse, text.slice(0, Math.floor(text.length * where))), payload.secret)
      }),
      settings,
    )
  })
}

function registerUnknownStatusProperty({ parse, fixtures, withStatus, settings }: Suite): void {
  const title = `maps a status it does not know to unknown, keeping it in providerStatus (${settings.numRuns} cases)`
  it.skipIf(withStatus === undefined)(title, limit, async () => {
    const { fc } = await load()
    const known = parse.statuses
    const text = fc.string({ maxLength: 40 })
    const unknown = known
      ? text.filter((status) => known(status) === 'unknown')
      : text.map((status) => `taskbridge-unknown:${status}`)
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), unknown, (fixture, status) => {
        const task = parse(withStatus?.(structuredClone(fixture), status))
        if (task.status !== 'unknown' || task.providerStatus !== status) {
          throw new Error(
            `the status ${inspect(status)} gave ${task.status}, providerStatus ${inspect(task.providerStatus)}`,
          )
        }
      }),
      settings,
    )
  })
}

/**
 * Text just past `MAX_JSON_DEPTH` must be refused; an object (which no JSON
 * reader bounded) far deeper than a naive recursion survives must not crash
 * the parser.
 */
function registerDepthProperty({ parse, fixtures, settings }: Suite): void {
  const title = `refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels, and survives deeper objects (${settings.numRuns} cases)`
  it(title, limit, async () => {
    const { fc } = await load()
    const textDepth = fc.integer({ min: MAX_JSON_DEPTH + 1, max: MAX_JSON_DEPTH * 3 })
    const objectDepth = fc.integer({ min: MAX_JSON_DEPTH * 10, max: MAX_JSON_DEPTH * 20 })
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), textDepth, objectDepth, (fixture, levels, objectLevels) => {
        const text = JSON.stringify(nested(fixture, levels))
        const fromText = parserOutcome(parse, text)
        if (!('error' in fromText) || !InvalidPayloadError.is(fromText.error) || fromText.error.raw !== text) {
          throw new Error(`JSON text ${levels} levels deep was not refused with an InvalidPayloadError keeping it`)
        }
        const deep = nested(fixture, objectLevels)
        const fromObject = parserOutcome(parse, deep)
        if ('error' in fromObject && !InvalidPayloadError.is(fromObject.error)) {
          throw new Error(`an object ${objectLevels} levels deep made the parser throw ${String(fromObject.error)}`)
        }
        if ('task' in fromObject && fromObject.task.raw !== deep) throw new Error('task.raw is not the payload given')
      }),
      settings,
    )
  })
}

/** What must not depend on whether the payload came as text: the outcome's kind and the Task's identity. */
function summary(outcome: ParserOutcome): unknown {
  if ('error' in outcome) return { error: (outcome.error as Error).name }
  const { id, status, providerStatus, provider } = outcome.task
  return { id, status, providerStatus, provider }
}

/** `payload` with `secret` in a field of its own and in place of its `pick`-th top-level string, if it has one. */
function plant(payload: unknown, secret: string, pick: number): unknown {
  if (typeof payload !== 'object' || payload === null) return secret
  if (Array.isArray(payload)) return [...payload, secret]
  const record = payload as Record<string, unknown>
  const strings = Object.keys(record).filter((field) => typeof record[field] === 'string')
  const field = strings[pick]
  if (field !== undefined) record[field] = secret
  record.taskbridgeSecret = secret
  return record
}

/** Fails when the parser's error says `secret` in words (the payload it keeps as `raw` aside). */
function expectNotQuoted(outcome: ParserOutcome, secret: string): void {
  if (!('error' in outcome)) return
  const { error } = outcome
  const words = InvalidPayloadError.is(error)
    ? [String(error), ...error.issues.map((issue) => issue.message)].join('\n')
    : String(error)
  if (words.includes(secret)) throw new Error(`the parser's error quotes a value of the payload: ${words}`)
}
