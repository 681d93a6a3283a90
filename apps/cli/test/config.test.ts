import { fileURLToPath } from 'node:url'
import { TaskSchema } from '@taskbridge/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type JobberEmulator, startJobberEmulator } from './jobber-emulator.js'
import { type CliResult, runCli, runCliInProcess } from './run-cli.js'

// A user's own adapter ("jobber", in test/fixtures) used from the CLI through a config file.
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url))

let jobber: JobberEmulator
let doneId: string

beforeAll(async () => {
  jobber = await startJobberEmulator()
  doneId = jobber.addJob('nightly export', 'done')
  jobber.addJob('reindex', 'working')
})
afterAll(async () => {
  await jobber.close()
})

const jobberEnv = () => ({ JOBBER_URL: jobber.url, JOBBER_TOKEN: jobber.token })

/**
 * Runs `taskbridge` in this process. A config file is imported once per test
 * file (the module cache), so its adapter keeps the JOBBER_URL and
 * JOBBER_TOKEN of the first run: the same for every test here.
 */
function cli(args: string[], cwd: string): Promise<CliResult> {
  return runCliInProcess(args, jobberEnv(), cwd)
}

/** Runs the built `taskbridge` as its own process: Node itself, not the test runner, imports the config file. */
function bin(args: string[], cwd: string): Promise<CliResult> {
  return runCli(args, jobberEnv(), cwd)
}

describe('adapters from a config file', () => {
  it.each(['config-ts', 'config-mjs'])('get jobber <id> works with ./taskbridge.config in %s', async (dir) => {
    const { code, stdout, stderr } = await bin(['get', 'jobber', doneId], `${fixtures}${dir}`)
    expect(code, stderr).toBe(0)
    expect(stdout).toMatch(/^provider\s+jobber$/m)
    expect(stdout).toMatch(/^status\s+completed \(done\)$/m)
  })

  it('takes --config, and the config’s providers join list, watch and providers', async () => {
    const config = ['--config', 'config-mjs/taskbridge.config.mjs']
    const listed = await cli([...config, 'list', '--json'], fixtures)
    expect(listed.code, listed.stderr).toBe(0)
    const tasks = listed.stdout
      .trim()
      .split('\n')
      .map((line) => TaskSchema.parse(JSON.parse(line)))
    expect(tasks.map((task) => [task.provider, task.status])).toEqual([
      ['jobber', 'completed'],
      ['jobber', 'running'],
    ])
    const watched = await cli([...config, 'watch', 'jobber', doneId], fixtures)
    expect(watched.code, watched.stderr).toBe(0)
    const providers = await cli([...config, 'providers', '--json'], fixtures)
    expect(JSON.parse(providers.stdout).at(-1)).toMatchObject({
      provider: 'jobber',
      configured: true,
      source: 'config',
    })
  })

  it('exits 4 for an unknown jobber id, with the adapter’s error', async () => {
    const { code, stderr } = await cli(['get', 'jobber', 'job-404'], `${fixtures}config-ts`)
    expect(code).toBe(4)
    expect(stderr).toContain('no job job-404')
  })

  it.each([
    [['get', 'jobber', 'job-1'], fixtures, 'Unknown provider "jobber"'],
    [
      ['--config', 'config-bad/taskbridge.config.mjs', 'get', 'jobber', 'job-1'],
      fixtures,
      'adapters[0] is not a taskbridge adapter',
    ],
    [['--config', 'nowhere.mjs', 'get', 'jobber', 'job-1'], fixtures, '--config: no file'],
    [['get', 'jobber', 'job-1', '--base-url', 'http://x'], `${fixtures}config-mjs`, 'comes from the config file'],
  ])('exits 2 for %j, saying why', async (args, cwd, message) => {
    const { code, stderr } = await cli(args, cwd)
    expect(code).toBe(2)
    expect(stderr).toContain(message)
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })
})
