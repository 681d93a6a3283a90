import { inspect } from 'node:util'
import { InvalidArgumentError, TaskSchema } from '@taskbridge/core'
import { useEmulator } from '@taskbridge/test-support/use-emulator'
import { startWexaEmulator, WEXA_SEED_TASK_ID, type WexaEmulator } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import { createWexaAdapter, parseWexaTask, type WexaAdapterOptions } from '../src/index.js'
import { wexaCredentials } from './emulator-setup.js'

const SECRET = 'sk-live-wexa-option-secret-42'

let emulator: WexaEmulator

useEmulator(startWexaEmulator, (started) => {
  emulator = started
})

/** What creating the adapter with these options and getting the seed task ends in. */
async function outcome(options: Record<string, unknown>): Promise<unknown> {
  try {
    const adapter = createWexaAdapter({
      ...wexaCredentials(emulator),
      ...options,
    } as WexaAdapterOptions)
    return await adapter.getTask(WEXA_SEED_TASK_ID)
  } catch (error) {
    return error
  }
}

// The contract's options section (test/contract.test.ts) covers every option's
// type, unknown keys and the variables; these are the routes' own rules.
describe('createWexaAdapter checks its options when created', () => {
  it.each([
    ['routes.getTask', { routes: { getTask: 7 } }],
    ['routes.getTask', { routes: { getTask: 'GET /task/{id}/{tenant}' } }],
    ['routes.getTsk', { routes: { getTsk: 'GET /task/{id}' } }],
  ])('refuses a bad %s, naming it and never quoting a secret', async (argument, options) => {
    const error = await outcome(options)
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument, retryable: false })
    expect(
      `${String(error)} ${JSON.stringify(error)} ${inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY })}`,
    ).not.toContain(SECRET)
    expect(emulator.requests).toHaveLength(0)
  })

  it.each(['?tenant=a', '#docs'])(
    'refuses a base URL ending in %s, so cancelTask cannot reach the API root',
    async (suffix) => {
      let error: unknown
      try {
        await createWexaAdapter({ baseUrl: emulator.baseUrl + suffix, apiKey: emulator.apiKey }).cancelTask('t1')
      } catch (caught) {
        error = caught
      }
      expect(InvalidArgumentError.is(error)).toBe(true)
      expect(error).toMatchObject({ argument: 'baseUrl' })
      expect(emulator.requests).toHaveLength(0)
    },
  )
})

describe('parseWexaTask on hostile payloads', () => {
  it('maps a task with 200,000 executions, inside the size cap, without overflowing', () => {
    const executions = Array.from({ length: 200_000 }, (_, index) => ({
      execution_id: `e${index}`,
      created_at: 1_745_216_425 + index,
      end_time: 1_745_216_500 + index,
    }))
    const task = parseWexaTask({ _id: 't1', status: 'completed', executions })
    expect(task.startedAt?.toISOString()).toBe('2025-04-21T06:20:25.000Z')
    expect(task.finishedAt?.getTime()).toBe((1_745_216_500 + 199_999) * 1000)
  })

  it('leaves out a time sent in milliseconds where seconds are expected, so the Task survives JSON', () => {
    const task = parseWexaTask({ _id: 't1', status: 'running', created_at: 1e12, updated_at: 1_745_216_425 })
    expect(Object.hasOwn(task, 'createdAt')).toBe(false)
    const stored = TaskSchema.parse(JSON.parse(JSON.stringify(task)))
    expect(stored.updatedAt?.toISOString()).toBe('2025-04-21T06:20:25.000Z')
  })
})
