import { inspect } from 'node:util'
import { InvalidArgumentError, TaskSchema } from '@taskbridge/core'
import { useEmulator } from '@taskbridge/test-support/use-emulator'
import { ORKES_SEED_TASK_ID, type OrkesEmulator, startOrkesEmulator } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import { createOrkesTaskAdapter, type OrkesTaskAdapterOptions, parseOrkesTask } from '../src/index.js'
import { orkesCredentials } from './emulator-setup.js'

const SECRET = 'orkes-live-option-secret-31'

let emulator: OrkesEmulator

useEmulator(startOrkesEmulator, (started) => {
  emulator = started
})

async function outcome(options: Record<string, unknown>): Promise<unknown> {
  try {
    const adapter = createOrkesTaskAdapter({
      ...orkesCredentials(emulator),
      ...options,
    } as OrkesTaskAdapterOptions)
    return await adapter.getTask(ORKES_SEED_TASK_ID)
  } catch (error) {
    return error
  }
}

// The contract's options section (test/contract.test.ts) covers every option's
// type, unknown keys and the variables; this is the server URL's own rule.
describe('createOrkesTaskAdapter checks its options when created', () => {
  it.each([
    ['serverUrl', { serverUrl: `https://play.orkes.io/api?token=${SECRET}` }],
    ['tokenTtlMs', { tokenTtlMs: 0 }],
  ])('refuses a bad %s, naming it and never quoting a secret', async (argument, options) => {
    const error = await outcome(options)
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument, retryable: false })
    expect(
      `${String(error)} ${JSON.stringify(error)} ${inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY })}`,
    ).not.toContain(SECRET)
    expect(emulator.requests).toHaveLength(0)
  })
})

describe('parseOrkesTask keeps attempts a whole number ≥ 0', () => {
  const base = { taskId: 't1', status: 'IN_PROGRESS', taskType: 'SIMPLE' }

  it.each([-1, 1.5])('leaves out a retryCount of %s, so the Task passes TaskSchema', (retryCount) => {
    const task = parseOrkesTask({ ...base, retryCount })
    expect(Object.hasOwn(task, 'attempts')).toBe(false)
    expect(TaskSchema.safeParse(JSON.parse(JSON.stringify(task))).success).toBe(true)
  })

  it('keeps a retryCount that is a whole number', () => {
    expect(parseOrkesTask({ ...base, retryCount: 2 }).attempts).toBe(2)
  })
})
