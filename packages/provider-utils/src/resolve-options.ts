// One way to take a factory's options: a strict zod/mini schema, the
// environment read once (when the factory runs), and every problem an
// InvalidArgumentError that names the factory and the option and never quotes
// a value (an option may hold a credential).
import { InvalidArgumentError } from '@taskbridge/core'
import type * as z from 'zod/mini'
import { loadOptionalSetting } from './settings.js'

/** The environment variable an option falls back to when it is not given. */
export interface OptionEnvVar {
  /** The option it stands for. */
  readonly option: string
  /** The variable's name. */
  readonly name: string
  /** The adapter cannot work without the option or the variable: see {@link ResolvedOptions.require}. */
  readonly required?: boolean
  /** Another option that, when given, leaves this variable unread (A2A's `baseUrl` over `A2A_AGENT_CARD_URL`). */
  readonly unless?: string
}

/** What {@link resolveOptions} needs to know about a factory. */
export interface OptionsSpec<Schema extends z.ZodMiniType> {
  /** The factory's name as users call it, such as `createWexaAdapter`: every error names it (`''`: none). */
  readonly factory: string
  /** The adapter's default provider name, put on every error. */
  readonly provider: string
  /** The options, as one strict schema (see `adapterOptionsSchema`). */
  readonly schema: Schema
  /** The environment variables options fall back to, read when the factory runs. */
  readonly env?: readonly OptionEnvVar[]
}

/** A factory's options, checked, with the environment filled in. */
export interface ResolvedOptions<Options> {
  /** The options as the schema gives them, environment variables filled in. */
  readonly options: Options
  /**
   * A required option's value. When neither the option nor its variable was
   * set, throws an `InvalidArgumentError` naming both: call it when a request
   * is made, so creating an adapter never fails for a missing variable.
   */
  require<Key extends keyof Options & string>(option: Key): NonNullable<Options[Key]>
}

type Issue = z.core.$ZodIssue
type Path = readonly PropertyKey[]

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** A key as an error may show it: printable ASCII only, and short. */
function safeKey(key: PropertyKey): string {
  return String(key)
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 64)
}

/** `retry.limit`, `headers["x-note"]`, `methods[0]`. */
function optionPath(path: Path): string {
  let text = ''
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`
    else if (/^[A-Za-z_$][\w$]*$/.test(String(key))) text += text === '' ? String(key) : `.${String(key)}`
    else text += `[${JSON.stringify(safeKey(key))}]`
  }
  return text
}

/** What a value is, never what it holds. */
function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value
  for (const key of path) current = (current as Record<PropertyKey, unknown> | undefined)?.[key]
  return current
}

const EXPECTED: Readonly<Record<string, string>> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
  function: 'a function',
}

/** A failed union: the branch that got furthest, or what any branch would take. */
function unionIssue(issue: Extract<Issue, { code: 'invalid_union' }>, given: unknown): { path: Path; problem: string } {
  const deeper = issue.errors.find((branch) =>
    branch.some((inner) => inner.path.length > 0 || !['invalid_type', 'invalid_value'].includes(inner.code)),
  )
  const first = deeper?.[0]
  if (first) {
    const inner = describeIssue(first, valueAt(given, issue.path))
    return { path: [...issue.path, ...inner.path], problem: inner.problem }
  }
  const accepted = issue.errors.flatMap((branch) =>
    branch.map((inner) =>
      inner.code === 'invalid_value'
        ? inner.values.map((value) => JSON.stringify(value)).join(' or ')
        : (EXPECTED[(inner as { expected?: string }).expected ?? ''] ?? 'another value'),
    ),
  )
  return { path: issue.path, problem: `must be ${accepted.join(' or ')}, got ${kindOf(valueAt(given, issue.path))}` }
}

/** Where an issue is and what is wrong there, in words that never quote the value. */
function describeIssue(issue: Issue, given: unknown): { path: Path; problem: string } {
  switch (issue.code) {
    case 'unrecognized_keys':
      return { path: [...issue.path, issue.keys[0] ?? ''], problem: 'is not an option' }
    case 'invalid_type':
      return {
        path: issue.path,
        problem: `must be ${EXPECTED[issue.expected] ?? issue.expected}, got ${kindOf(valueAt(given, issue.path))}`,
      }
    case 'too_small':
      return {
        path: issue.path,
        problem:
          issue.origin === 'string' || issue.origin === 'array'
            ? 'must not be empty'
            : `must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}`,
      }
    case 'too_big':
      return {
        path: issue.path,
        problem: `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`,
      }
    case 'invalid_value':
      return { path: issue.path, problem: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }
    case 'invalid_union':
      return unionIssue(issue, given)
    case 'invalid_key': {
      const inner = issue.issues[0]
      return {
        path: issue.path.slice(0, -1),
        problem:
          inner?.code === 'invalid_format' || inner?.code === 'custom'
            ? inner.message
            : 'holds a key that is not valid',
      }
    }
    case 'custom':
      return { path: issue.path, problem: issue.message }
    default:
      return { path: issue.path, problem: 'is not valid' }
  }
}

/** The options with every environment variable whose option is not given filled in, and which options came from it. */
function withEnvironment(options: Record<string, unknown>, env: readonly OptionEnvVar[]) {
  const filled: Record<string, unknown> = { ...options }
  const fromEnv = new Map<string, string>()
  for (const variable of env) {
    const given = filled[variable.option]
    if (given !== undefined && !(typeof given === 'string' && given.trim() === '')) continue
    if (variable.unless !== undefined && filled[variable.unless] !== undefined) continue
    const value = loadOptionalSetting({ value: undefined, envVar: variable.name })
    if (value === undefined) delete filled[variable.option]
    else {
      filled[variable.option] = value
      fromEnv.set(variable.option, variable.name)
    }
  }
  return { filled, fromEnv }
}

/**
 * Resolves a factory's options: `undefined` is `{}`; each environment
 * variable of `spec.env` fills its option when that is not given (a blank
 * string counts as not given), read now, once; then everything is checked
 * against the strict `spec.schema`. An unknown key, a bad value (given or from
 * the environment) or options that are not an object throw an
 * `InvalidArgumentError` whose `argument` is the option's path and whose
 * message names the factory, the option and, for a value from the
 * environment, the variable, never the value.
 *
 * @example
 * ```ts
 * const { options, require } = resolveOptions(
 *   { factory: 'createAcmeAdapter', provider: 'acme', schema: AcmeOptionsSchema, env: [{ option: 'apiKey', name: 'ACME_API_KEY', required: true }] },
 *   given,
 * )
 * const auth = headerAuth('x-api-key', () => require('apiKey'))
 * ```
 */
export function resolveOptions<Schema extends z.ZodMiniType>(
  spec: OptionsSpec<Schema>,
  given: unknown,
): ResolvedOptions<z.output<Schema>> {
  const { factory, provider } = spec
  const fail = (argument: string, problem: string) =>
    new InvalidArgumentError({ provider, argument, message: factory === '' ? problem : `${factory}: ${problem}` })
  if (given !== undefined && !isPlainObject(given)) {
    throw fail('options', `the options must be an object, got ${kindOf(given)}`)
  }
  const env = spec.env ?? []
  const { filled, fromEnv } = withEnvironment(given ?? {}, env)
  const parsed = spec.schema.safeParse(filled)
  if (!parsed.success) {
    const first = parsed.error.issues[0] as Issue
    const { path, problem } = describeIssue(first, filled)
    const argument = optionPath(path)
    const variable = fromEnv.get(String(path[0]))
    const source = variable === undefined ? '' : ` (from ${variable})`
    if (first.code === 'unrecognized_keys') throw fail(argument, `\`${argument}\` is not an option`)
    throw fail(argument, `option \`${argument}\`${source} ${problem}`)
  }
  const options = parsed.data as z.output<Schema>
  return {
    options,
    require(option) {
      const value = (options as Record<string, unknown>)[option]
      if (value !== undefined && value !== null) return value as never
      const variable = env.find((candidate) => candidate.option === option)
      const orVariable = variable ? ` or set the ${variable.name} environment variable` : ''
      throw fail(option, `Missing required option \`${option}\`: pass it to ${factory}${orVariable}`)
    },
  }
}
