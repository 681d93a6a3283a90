import { spawn } from 'node:child_process'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { vi } from 'vitest'
import { BUILT_IN_PROVIDERS } from '../src/adapters.js'
import { run } from '../src/program.js'

/** The built `taskbridge` the process tests run. */
export const CLI_BIN: string = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

/** What a finished `taskbridge` run left. */
export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** The whole environment of a run: the test's variables on a clean one, with no colour. */
function runEnvironment(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }
}

/**
 * Runs the built `taskbridge` as its own process, as a user would, with stdout and stderr piped; in `cwd` when given.
 * For what only a process shows: the bin itself, the exit code a shell sees, signals.
 */
export function runCli(args: string[], env: Record<string, string>, cwd?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      env: runEnvironment(env),
      ...(cwd === undefined ? {} : { cwd }),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A stream that keeps what is written to it, like a pipe (not a terminal). */
function pipe(): Writable & { text: () => string } {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk))
      done()
    },
  })
  return Object.assign(stream, { text: () => chunks.join('') })
}

/** Every variable a built-in provider reads. */
const PROVIDER_VARIABLES = BUILT_IN_PROVIDERS.flatMap((provider) => provider.env)

/**
 * Runs `taskbridge` in this process through `run`, as {@link runCli} runs the
 * bin: the same environment, piped output, the same working directory, the
 * same result, without starting a process.
 *
 * The built-in adapters read their credentials from the process environment
 * when they send a request, and a config file is the user's code, reading it
 * too: so the run's variables are also set in `process.env`, and every
 * provider variable the test does not give is unset there, as in the bin's
 * clean environment, until the test ends (`unstubEnvs`). Runs in one file
 * must therefore not overlap (no `it.concurrent`).
 */
export async function runCliInProcess(args: string[], env: Record<string, string>, cwd?: string): Promise<CliResult> {
  const runEnv = runEnvironment(env)
  for (const name of new Set([...PROVIDER_VARIABLES, ...Object.keys(env)])) vi.stubEnv(name, runEnv[name])
  const stdout = pipe()
  const stderr = pipe()
  const code = await run(['node', 'taskbridge', ...args], {
    stdout,
    stderr,
    env: runEnv,
    cwd: cwd ?? process.cwd(),
  })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}
