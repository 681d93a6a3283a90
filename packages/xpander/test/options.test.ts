import { inspect } from 'node:util'
import { InvalidArgumentError } from '@taskbridge/core'
import { useEmulator } from '@taskbridge/test-support/use-emulator'
import { startXpanderEmulator, XPANDER_SEED_TASK_IDS, type XpanderEmulator } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import { createXpanderAdapter, type XpanderAdapter, type XpanderAdapterOptions } from '../src/index.js'

const SECRET = 'xp-live-option-secret-77'
const TASK_ID = Object.values(XPANDER_SEED_TASK_IDS)[0] as string

let emulator: XpanderEmulator

useEmulator(startXpanderEmulator, (started) => {
  emulator = started
})

/** What creating the adapter with these options and one call (getTask by default) ends in. */
async function outcome(
  options: Record<string, unknown>,
  call: (adapter: XpanderAdapter) => Promise<unknown> = (adapter) => adapter.getTask(TASK_ID),
): Promise<unknown> {
  try {
    return await call(
      createXpanderAdapter({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, ...options } as XpanderAdapterOptions),
    )
  } catch (error) {
    return error
  }
}

// The contract's options section (test/contract.test.ts) covers every option's
// type, unknown keys and the variables; these are xpander's own rules.
describe('createXpanderAdapter checks its options when created', () => {
  it.each([['eventsRoute', { eventsRoute: 'GET /{organizationId}/{tenant}/events' }]])(
    'refuses a bad %s, naming it and never quoting a secret',
    async (argument, options) => {
      const error = await outcome(options)
      expect(InvalidArgumentError.is(error)).toBe(true)
      expect(error).toMatchObject({ argument, retryable: false })
      expect(
        `${String(error)} ${JSON.stringify(error)} ${inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY })}`,
      ).not.toContain(SECRET)
      expect(emulator.requests).toHaveLength(0)
    },
  )

  it('refuses a base URL with a #fragment, so cancelTask cannot POST to the API root', async () => {
    const error = await outcome({ baseUrl: `${emulator.baseUrl}#docs` }, (adapter) => adapter.cancelTask(TASK_ID))
    expect(error).toMatchObject({ argument: 'baseUrl' })
    expect(emulator.requests).toHaveLength(0)
  })
})
