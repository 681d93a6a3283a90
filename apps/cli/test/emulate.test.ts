import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TaskSchema } from '@taskbridge/core'
import { XPANDER_SEED_AGENT_IDS } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import { runCliInProcess } from './run-cli.js'

// `taskbridge emulate` as a user runs it: its own process, stopped by a signal.
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
const PER_TEST_MS = 120_000

interface Emulate {
  child: ChildProcessWithoutNullStreams
  /** The first line it prints, once it is there. */
  firstLine: Promise<string>
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}

function emulate(args: string[]): Emulate {
  const child = spawn(process.execPath, [bin, 'emulate', ...args], {
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  })
  let stdout = ''
  let stderr = ''
  let lineFound: (line: string) => void = () => {}
  const firstLine = new Promise<string>((resolve) => {
    lineFound = resolve
  })
  child.stdout.on('data', (chunk) => {
    stdout += chunk
    if (stdout.includes('\n')) lineFound(stdout.slice(0, stdout.indexOf('\n')))
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return { child, firstLine, stdout: () => stdout, stderr: () => stderr, exited }
}

// The commands pointed at a running emulator, and emulate's own usage errors, need no process of their own.
const cli = runCliInProcess

/** Whether anything still listens at `url`. */
async function answers(url: string): Promise<boolean> {
  return fetch(url).then(
    () => true,
    () => false,
  )
}

interface EmulateJson {
  emulators: { provider: string; baseUrl: string; port: number }[]
  env: Record<string, string>
  speed: number
}

describe('taskbridge emulate', () => {
  it(
    'serves all five in real time: the printed env drives list and watched starts to completion; SIGINT stops it with exit 0',
    async () => {
      // Fast emulated time, so the watched task ends soon after it starts, however loaded the machine.
      const run = emulate(['--json', '--speed', '20'])
      const info = JSON.parse(await run.firstLine) as EmulateJson
      expect(info.emulators.map((emulator) => emulator.provider)).toEqual(['wexa', 'xpander', 'orkes', 'a2a', 'mcp'])
      expect(Object.keys(info.env).sort()).toEqual(
        [
          'A2A_AGENT_CARD_URL',
          'A2A_API_KEY',
          'MCP_TOKEN',
          'MCP_URL',
          'ORKES_KEY_ID',
          'ORKES_KEY_SECRET',
          'ORKES_SERVER_URL',
          'WEXA_API_KEY',
          'WEXA_BASE_URL',
          'WEXA_PROJECT_ID',
          'XPANDER_API_KEY',
          'XPANDER_BASE_URL',
          'XPANDER_EVENTS_BASE_URL',
        ].sort(),
      )

      const listed = await cli(['list', '--limit', '1', '--json'], info.env)
      expect(listed.code, listed.stderr).toBe(0)
      const providers = listed.stdout
        .trim()
        .split('\n')
        .map((line) => TaskSchema.parse(JSON.parse(line)).provider)
      expect(providers).toEqual(['wexa', 'xpander', 'orkes'])

      // Nothing moves the emulator's clock here but real time.
      const started = await cli(
        [
          'start',
          'xpander',
          '--agent',
          XPANDER_SEED_AGENT_IDS.writer,
          '--text',
          'Draft',
          '--watch',
          '--interval',
          '100ms',
        ],
        info.env,
      )
      expect(started.code, started.stderr).toBe(0)
      expect(started.stdout.trim().split('\n').at(-1)).toMatch(/ completed /)

      // The A2A agent's task, followed over its subscription.
      const asked = await cli(['start', 'a2a', '--text', 'Summarise the report', '--watch'], info.env)
      expect(asked.code, asked.stderr).toBe(0)
      expect(asked.stdout.trim().split('\n').at(-1)).toMatch(/ completed \(TASK_STATE_COMPLETED\) /)

      // The MCP tool's task, polled at the pace its server asks for.
      const called = await cli(['start', 'mcp', '--tool', 'emulated-report', '--watch'], info.env)
      expect(called.code, called.stderr).toBe(0)
      expect(called.stdout.trim().split('\n').at(-1)).toMatch(/ completed /)

      run.child.kill('SIGINT')
      expect(await run.exited).toBe(0)
      expect(run.stderr()).toContain('SIGINT, stopping')
      for (const emulator of info.emulators) expect(await answers(emulator.baseUrl)).toBe(false)
    },
    PER_TEST_MS,
  )

  it(
    'prints export lines a shell can eval, writes them to --write-env, and on SIGTERM exits 0 and removes that file',
    async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'taskbridge-emulate-')), 'taskbridge.env')
      const run = emulate(['xpander', '--write-env', file])
      expect(await run.firstLine).toMatch(/^# taskbridge emulate: xpander on http:\/\/127\.0\.0\.1:\d+\/v1$/)
      await expect.poll(() => existsSync(file), { timeout: 60_000 }).toBe(true)
      const text = readFileSync(file, 'utf8')
      expect(run.stdout()).toBe(text)
      expect(text).toContain('throwaway')
      const exports = Object.fromEntries(
        [...text.matchAll(/^export (\w+)='([^']*)'$/gm)].map((match) => [match[1] as string, match[2] as string]),
      )
      expect(Object.keys(exports)).toEqual(['XPANDER_API_KEY', 'XPANDER_BASE_URL', 'XPANDER_EVENTS_BASE_URL'])

      const got = await cli(['list', 'xpander', '--limit', '1'], exports)
      expect(got.code, got.stderr).toBe(0)

      run.child.kill('SIGTERM')
      expect(await run.exited).toBe(0)
      expect(existsSync(file)).toBe(false)
      expect(await answers(exports.XPANDER_BASE_URL ?? '')).toBe(false)
    },
    PER_TEST_MS,
  )

  it(
    '--write-env never replaces a file that is there: exit 2, the file left as it was',
    async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'taskbridge-emulate-')), 'taskbridge.env')
      writeFileSync(file, 'mine\n')
      const run = emulate(['xpander', '--write-env', file])
      expect(await run.exited).toBe(2)
      expect(run.stderr()).toMatch(/--write-env .*taskbridge\.env: a file is there already/)
      expect(readFileSync(file, 'utf8')).toBe('mine\n')
    },
    PER_TEST_MS,
  )

  it(
    '--write-env writes through no planted symlink, and SIGHUP stops it and removes the file',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'taskbridge-emulate-'))
      const victim = join(dir, 'victim')
      writeFileSync(victim, 'precious\n')
      const file = join(dir, 'taskbridge.env')
      const run = emulate(['xpander', '--write-env', file])
      // Where a draft named after the process id would be written, planted before the emulators are up.
      symlinkSync(victim, `${file}.${run.child.pid}.partial`)
      await expect.poll(() => existsSync(file), { timeout: 60_000 }).toBe(true)
      expect(readFileSync(file, 'utf8')).toContain('export XPANDER_API_KEY=')
      run.child.kill('SIGHUP')
      expect(await run.exited).toBe(0)
      expect(run.stderr()).toContain('SIGHUP, stopping')
      expect(existsSync(file)).toBe(false)
      expect(readFileSync(victim, 'utf8')).toBe('precious\n')
    },
    PER_TEST_MS,
  )

  it(
    'listens on the ports asked for, and exits 2 when one is taken',
    async () => {
      const first = emulate(['orkes', '--json'])
      const { emulators } = JSON.parse(await first.firstLine) as EmulateJson
      const port = emulators[0]?.port ?? 0
      const clash = await cli(['emulate', 'orkes', '--port', String(port)], {})
      expect(clash.code).toBe(2)
      expect(clash.stderr).toMatch(/^error: a port asked for is in use .*\(exit 2: usage\)\n$/)
      first.child.kill('SIGINT')
      expect(await first.exited).toBe(0)

      const second = emulate(['orkes', '--port', `orkes=${port}`, '--json'])
      const again = JSON.parse(await second.firstLine) as EmulateJson
      expect(again.emulators[0]?.port).toBe(port)
      second.child.kill('SIGINT')
      expect(await second.exited).toBe(0)
    },
    PER_TEST_MS,
  )

  it('exits 2 for a provider it cannot emulate', async () => {
    const { code, stderr } = await cli(['emulate', 'jobber'], {})
    expect(code).toBe(2)
    expect(stderr).toContain('no emulator of "jobber"')
  })
})
