import { spawn } from 'node:child_process'
import { startWexaEmulator, type WexaEmulator } from '@taskbridge/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI_BIN, runCli } from './run-cli.js'

// `taskbridge dashboard` as a user runs it: its own process, stopped by a signal.
let wexa: WexaEmulator
let env: Record<string, string>

beforeAll(async () => {
  wexa = await startWexaEmulator()
  env = { WEXA_API_KEY: wexa.apiKey, WEXA_PROJECT_ID: wexa.projectId, WEXA_BASE_URL: wexa.baseUrl }
})
afterAll(() => wexa.close())

/** Starts the command; resolves with its first line, and a way to stop it that resolves with its exit code and stderr. */
function dashboard(args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI_BIN, 'dashboard', ...args], {
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env, ...extraEnv },
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')))
    })
    exited.then(() => reject(new Error(`taskbridge dashboard ended: ${stderr}`)))
  })
  const stop = async () => {
    child.kill('SIGTERM')
    return { code: await exited, stderr }
  }
  return { firstLine, stop }
}

describe('taskbridge dashboard', () => {
  it('prints the address with its token first, serves the providers behind it, and stops on SIGTERM', async () => {
    const running = dashboard([])
    const line = await running.firstLine
    expect(line).toMatch(/^Dashboard: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{16,}$/)
    const url = new URL(line.slice('Dashboard: '.length))
    const first = await fetch(url, { redirect: 'manual' })
    expect(first.status).toBe(303)
    expect(first.headers.get('set-cookie')).toContain('HttpOnly; SameSite=Strict')
    expect((await fetch(new URL('/api/tasks', url))).status).toBe(401)
    const tasks = await fetch(new URL('/api/tasks', url), {
      headers: { authorization: `Bearer ${url.searchParams.get('token')}` },
    })
    const body = (await tasks.json()) as { tasks: { provider: string }[] }
    expect(body.tasks.length).toBeGreaterThan(0)
    expect(new Set(body.tasks.map((task) => task.provider))).toEqual(new Set(['wexa']))
    const { code, stderr } = await running.stop()
    expect(code).toBe(0)
    expect(stderr).not.toContain(wexa.apiKey)
  })

  it('prints { url, token } with --json, and takes the token from the environment', async () => {
    const token = 'a-token-from-the-environment'
    const running = dashboard(['--json', '--read-only', '--port', '0'], { TASKBRIDGE_DASHBOARD_TOKEN: token })
    const printed = JSON.parse(await running.firstLine) as { url: string; token: string }
    expect(printed.token).toBe(token)
    expect(printed.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/\\?token=${token}$`))
    const providers = await fetch(new URL('/api/providers', printed.url), {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(await providers.json()).toMatchObject({ readOnly: true })
    expect((await running.stop()).code).toBe(0)
  })

  it('shows examples in its help', async () => {
    const { code, stdout } = await runCli(['dashboard', '--help'], {})
    expect(code).toBe(0)
    expect(stdout).toMatch(/Examples:\n\s+\$ taskbridge dashboard/)
    expect(stdout).toContain('--read-only')
  })

  it('exits 2 when no provider is configured', async () => {
    const result = await runCli(['dashboard'], {})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('no provider is configured')
  })
})
