// `taskbridge answer`, run in-process against the emulators.
import { TaskSchema } from '@taskbridge/core'
import {
  type A2AEmulator,
  type OrkesEmulator,
  startA2AEmulator,
  startOrkesEmulator,
  startXpanderEmulator,
  XPANDER_SEED_TASK_IDS,
  type XpanderEmulator,
} from '@taskbridge/testkit'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { describeWait } from '../src/format.js'
import { runCliInProcess } from './run-cli.js'

let orkes: OrkesEmulator
let xpander: XpanderEmulator
let a2a: A2AEmulator

beforeAll(async () => {
  ;[orkes, xpander, a2a] = await Promise.all([startOrkesEmulator(), startXpanderEmulator(), startA2AEmulator()])
})
afterEach(() => {
  vi.unstubAllEnvs()
  for (const emulator of [orkes, xpander, a2a]) emulator.reset()
})
afterAll(async () => {
  await Promise.all([orkes.close(), xpander.close(), a2a.close()])
})

/** Runs `taskbridge …args` in this process, with the emulators' credentials in the environment. */
function taskbridge(...args: string[]) {
  return runCliInProcess(args, {
    ORKES_SERVER_URL: orkes.baseUrl,
    ORKES_KEY_ID: orkes.keyId,
    ORKES_KEY_SECRET: orkes.keySecret,
    XPANDER_API_KEY: xpander.apiKey,
    A2A_AGENT_CARD_URL: a2a.agentCardUrl,
    A2A_API_KEY: a2a.apiKey,
  })
}

describe('taskbridge answer', () => {
  it('answers a workflow waiting on a HUMAN task, then says a second answer finds it no longer waiting (exit 8)', async () => {
    const id = orkes.workflowHarness().createWaitingTask()

    const first = await taskbridge(
      'answer',
      'orkes',
      id,
      '--resource',
      'workflow',
      '--approve',
      '--text',
      'ok',
      '--json',
    )
    const second = await taskbridge('answer', 'orkes', id, '--resource', 'workflow', '--approve')

    expect(first.code, first.stderr).toBe(0)
    expect(TaskSchema.parse(JSON.parse(first.stdout))).toMatchObject({ id, status: 'running' })
    expect(second.code).toBe(8)
    expect(second.stderr).toContain('no longer waiting for input')
  })

  it('sends --data as structured values to an A2A agent', async () => {
    const id = a2a.createWaitingTask()

    const { code, stderr } = await taskbridge('answer', 'a2a', id, '--data', '{"quarter":"Q3"}')

    expect(code, stderr).toBe(0)
    const sent = a2a.requests.find((request) => request.route === 'startTask')?.body as {
      params: { message: { taskId: string; parts: unknown[] } }
    }
    expect(sent.params.message).toMatchObject({ taskId: id, parts: [{ data: { quarter: 'Q3' } }] })
  })

  it('says xpander cannot answer, before any request (exit 2)', async () => {
    const { code, stderr } = await taskbridge('answer', 'xpander', XPANDER_SEED_TASK_IDS.pausedHitl, '--approve')

    expect(code).toBe(2)
    expect(stderr).toContain('no public route')
    expect(xpander.requests).toHaveLength(0)
  })

  it.each([
    [['--approve', '--reject'], 'cannot go together'],
    [[], 'say what the answer is'],
    [['--data', '[1]'], '--data takes a JSON object'],
    [['--data', '{oops'], 'it is not JSON'],
    [['--inbox', 'preview', '--approve'], 'for wexa only'],
  ])('refuses %j as a usage error (exit 2), sending nothing', async (flags, message) => {
    const { code, stderr } = await taskbridge('answer', 'orkes', 'any-id', ...flags)

    expect(code).toBe(2)
    expect(stderr).toContain(message)
    expect(orkes.requests).toHaveLength(0)
  })
})

describe('the waiting sentence', () => {
  const waiting = (request: object) =>
    describeWait(
      TaskSchema.parse({
        id: 't',
        provider: 'p',
        status: 'waiting_for_input',
        providerStatus: 'x',
        metadata: {},
        request,
      }),
    )

  it('comes from the library’s Task.request', () => {
    expect(waiting({ kind: 'approval', title: 'Approve refund', message: 'Refund 40 EUR?' })).toBe(
      "a person's answer to “Approve refund”: Refund 40 EUR?",
    )
    expect(waiting({ kind: 'auth', message: 'Authorise the Drive connector', url: 'https://auth.example/x' })).toBe(
      'a sign-in: Authorise the Drive connector (https://auth.example/x)',
    )
    expect(
      describeWait(
        TaskSchema.parse({ id: 't', provider: 'p', status: 'waiting_for_input', providerStatus: 'x', metadata: {} }),
      ),
    ).toBe('input (the provider does not say what)')
  })
})
