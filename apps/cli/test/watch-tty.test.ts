import { Writable } from 'node:stream'
import {
  startXpanderEmulator,
  XPANDER_SEED_AGENT_IDS,
  XPANDER_SEED_TASK_IDS,
  type XpanderEmulator,
} from '@taskbridge/testkit'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { run } from '../src/program.js'
import { advanceWhileWatched } from './advance-while-watched.js'

let xpander: XpanderEmulator

beforeAll(async () => {
  xpander = await startXpanderEmulator()
})
afterAll(async () => {
  await xpander.close()
})

/** A stream that says it is a terminal, and keeps what is written to it. */
function terminal(): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk))
      done()
    },
  })
  return Object.assign(stream, { isTTY: true, text: () => chunks.join('') })
}

it('redraws one status line in place on a terminal, and ends it with a newline', async () => {
  const invoked = await fetch(`${xpander.baseUrl}/agents/${XPANDER_SEED_AGENT_IDS.writer}/invoke/async`, {
    method: 'POST',
    headers: { 'x-api-key': xpander.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ input: { text: 'Summarise' } }),
  })
  const { id } = (await invoked.json()) as { id: string }
  const stopAdvancing = advanceWhileWatched(xpander)
  // Adapters read their credentials from the process environment.
  vi.stubEnv('XPANDER_API_KEY', xpander.apiKey)
  const stdout = terminal()
  const stderr = terminal()
  const code = await run(
    ['node', 'taskbridge', 'watch', 'xpander', id, '--interval', '100ms', '--base-url', xpander.baseUrl],
    {
      stdout,
      stderr,
      env: {},
      cwd: process.cwd(),
    },
  ).finally(stopAdvancing)

  expect(code, stderr.text()).toBe(0)
  const output = stdout.text()
  const frames = output.split('\r\u001b[2K').filter(Boolean)
  expect(frames.length).toBeGreaterThanOrEqual(3)
  expect(output.endsWith('\n')).toBe(true)
  expect(output.split('\n')).toHaveLength(2)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colours.
  const plain = (frame: string) => frame.replace(/\u001b\[[0-9;]*m/g, '')
  expect(plain(frames.at(-1) ?? '')).toMatch(new RegExp(`^✔ xpander ${id}  completed  \\d+\\.\\ds\\n$`))
  expect(frames.map(plain).some((frame) => frame.includes('running (executing)'))).toBe(true)
  expect(output).toContain('\u001b[32m')
})

it('ends the last frame with ✖ for a task that ended badly', async () => {
  vi.stubEnv('XPANDER_API_KEY', xpander.apiKey)
  const stdout = terminal()
  const stderr = terminal()
  const id = XPANDER_SEED_TASK_IDS.failed
  const code = await run(['node', 'taskbridge', 'watch', 'xpander', id, '--base-url', xpander.baseUrl], {
    stdout,
    stderr,
    env: {},
    cwd: process.cwd(),
  })
  expect(code, stderr.text()).toBe(6)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colours.
  const last = (stdout.text().split('\r\u001b[2K').at(-1) ?? '').replace(/\u001b\[[0-9;]*m/g, '')
  expect(last).toMatch(new RegExp(`^✖ xpander ${id}  failed  \\d+\\.\\ds\\n$`))
})
