import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The built `taskbridge` the process tests run. */
export const CLI_BIN: string = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

/** What a finished `taskbridge` process left. */
export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the built `taskbridge` as its own process, as a user would, with stdout and stderr piped; in `cwd` when given. */
export function runCli(args: string[], env: Record<string, string>, cwd?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
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
