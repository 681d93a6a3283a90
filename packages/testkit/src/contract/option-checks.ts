// The contract's options section: what every factory promises about the
// options it is given and the environment variables behind them.
import { inspect } from 'node:util'
import { type AnyTaskAdapter, InvalidArgumentError } from '@taskbridge/core'
import { describe, expect, it } from 'vitest'
import { rejectionOf } from '../assert.js'
import type { EmulatorHarness } from './harness.js'

/** An environment variable an option falls back to, as adapter packages list them (`WEXA_ENV_VARS`). */
export interface ContractEnvVar {
  /** The option it stands for. */
  readonly option: string
  /** The variable's name. */
  readonly name: string
  /** The adapter cannot work without the option or the variable. */
  readonly required?: boolean
  /** Another option that, when given, leaves this variable unread. */
  readonly unless?: string
}

/** What the options section needs: the factory, its options schema, and options that reach the emulator. */
export interface AdapterOptionsContract<Harness extends EmulatorHarness> {
  /** The factory under test, called with the options each check builds. */
  factory(options: Record<string, unknown>): AnyTaskAdapter
  /** The name its errors give it. Default: the factory function's own `name`. */
  factoryName?: string
  /**
   * Its options schema, a strict zod/mini object (as provider-utils'
   * `adapterOptionsSchema` builds it): each option it names is tried with a
   * bad value. Without it, that check is skipped.
   */
  schema?: { readonly shape: object; safeParse(value: unknown): { success: boolean } }
  /** Options with which the factory's adapter reaches the emulator. */
  valid(emulator: Harness): Record<string, unknown>
  /** The environment variables options fall back to (`WEXA_ENV_VARS` and the like). */
  envVars?: readonly ContractEnvVar[]
}

interface OptionTestContext<Harness extends EmulatorHarness> {
  emulator(): Harness
  contract: AdapterOptionsContract<Harness>
}

/** Probed values carry it: no error may show it. */
const SECRET = 'contract-option-secret-7f3a9c'
/** Values that hold the secret and that most schemas refuse: a string no header or URL takes, an object. */
const PROBES: readonly unknown[] = [`${SECRET}\r\nx-injected: 1`, { value: SECRET }]
const UNKNOWN_KEY = 'notAnOptionOfThisFactory'

function expectNamedError(error: unknown, argument: string, factoryName: string): void {
  expect(InvalidArgumentError.is(error), `expected an InvalidArgumentError for ${argument}, got ${String(error)}`).toBe(
    true,
  )
  const named = (error as InvalidArgumentError).argument ?? ''
  expect(named === argument || named.startsWith(`${argument}.`) || named.startsWith(`${argument}[`), named).toBe(true)
  expect((error as Error).message).toContain(factoryName)
  const shown = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })].join('\n')
  expect(shown).not.toContain(SECRET)
}

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}

/** Runs `body` with `name` set to `value` (or unset), then puts the environment back. */
async function withVariable(name: string, value: string | undefined, body: () => Promise<void>): Promise<void> {
  const before = process.env[name]
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
  try {
    await body()
  } finally {
    if (before === undefined) delete process.env[name]
    else process.env[name] = before
  }
}

function without(options: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const rest = { ...options }
  for (const key of keys) delete rest[key]
  return rest
}

/** Registers the options section of `runAdapterContract`. */
export function registerOptionTests<Harness extends EmulatorHarness>(context: OptionTestContext<Harness>): void {
  const { emulator, contract } = context
  const factoryName = contract.factoryName ?? contract.factory.name
  const variables = contract.envVars ?? []
  const sent = () => emulator().requests.length

  describe('options', () => {
    it('an unknown key is an InvalidArgumentError naming it, before any request', () => {
      const before = sent()
      const error = thrown(() => contract.factory({ ...contract.valid(emulator()), [UNKNOWN_KEY]: SECRET }))
      expectNamedError(error, UNKNOWN_KEY, factoryName)
      expect(sent()).toBe(before)
    })

    it('options that are not an object are an InvalidArgumentError, before any request', () => {
      const before = sent()
      expectNamedError(
        thrown(() => contract.factory([SECRET] as never)),
        'options',
        factoryName,
      )
      expect(sent()).toBe(before)
    })

    it('a bad value of any option is an InvalidArgumentError naming it, never quoting the value', (test) => {
      const { schema } = contract
      if (!schema) return test.skip()
      const valid = contract.valid(emulator())
      const before = sent()
      for (const option of Object.keys(schema.shape)) {
        const probe = PROBES.find((value) => !schema.safeParse({ ...valid, [option]: value }).success)
        if (probe === undefined) continue
        expectNamedError(
          thrown(() => contract.factory({ ...valid, [option]: probe })),
          option,
          factoryName,
        )
      }
      expect(sent()).toBe(before)
    })

    it('a required option missing, its variable unset, fails the first call naming the variable, sending nothing', async () => {
      for (const variable of variables.filter((candidate) => candidate.required)) {
        await withVariable(variable.name, undefined, async () => {
          const adapter = contract.factory(without(contract.valid(emulator()), variable.option))
          const before = sent()
          const error = await rejectionOf(adapter.getTask(emulator().createTask()))
          expectNamedError(error, variable.option, factoryName)
          expect((error as Error).message).toContain(variable.name)
          expect(sent()).toBe(before)
        })
      }
    })

    it('a variable is read when the adapter is created', async () => {
      const valid = contract.valid(emulator())
      for (const variable of variables.filter((candidate) => typeof valid[candidate.option] === 'string')) {
        let adapter: AnyTaskAdapter | undefined
        await withVariable(variable.name, valid[variable.option] as string, async () => {
          adapter = contract.factory(without(valid, variable.option))
        })
        await withVariable(variable.name, undefined, async () => {
          const id = emulator().createTask()
          await expect(adapter?.getTask(id), `${variable.name} read at creation`).resolves.toMatchObject({ id })
        })
      }
    })

    it('a bad value in a variable fails the factory, naming the option and the variable, never the value', async () => {
      const valid = contract.valid(emulator())
      for (const variable of variables) {
        const probe = PROBES[0] as string
        if (contract.schema?.safeParse({ ...valid, [variable.option]: probe }).success !== false) continue
        await withVariable(variable.name, probe, async () => {
          const error = thrown(() => contract.factory(without(valid, variable.option, variable.unless ?? '')))
          expectNamedError(error, variable.option, factoryName)
          expect((error as Error).message).toContain(variable.name)
        })
      }
    })
  })
}
