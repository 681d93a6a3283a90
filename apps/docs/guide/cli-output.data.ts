// What the CLI prints, produced by the built CLI when the site is built:
// `taskbridge emulate` (ports and throwaway credentials made stable),
// `taskbridge providers` against those emulators, and the emulated providers.
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { EMULATED_PROVIDERS } from '../../cli/src/emulators.js'

export interface CliOutput {
  emulated: string[]
  emulate: string
  providers: string
}

const bin = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url))
const LIMIT_MS = 60_000

/** `taskbridge emulate`'s stdout, once it says it is running; then it is stopped with SIGINT. */
function emulateOutput(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'emulate'], { env: { NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    const limit = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS)
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
      if (stderr.includes('running')) child.kill('SIGINT')
    })
    child.on('error', reject)
    // It ends by SIGINT, as a shell's Ctrl-C would end it.
    child.on('close', (code, signal) => {
      clearTimeout(limit)
      if (code === 0 || signal === 'SIGINT') resolve(stdout)
      else reject(new Error(`taskbridge emulate ended with ${code}: ${stderr}`))
    })
  })
}

/** Free ports become 4010, 4011…, as `--port 4010` numbers them; throwaway credentials are cut short. */
function stable(output: string): string {
  const ports = new Map<string, string>()
  return output
    .replace(/127\.0\.0\.1:(\d+)/g, (_, port: string) => {
      if (!ports.has(port)) ports.set(port, String(4010 + ports.size))
      return `127.0.0.1:${ports.get(port)}`
    })
    .replace(/^(export \w*(?:KEY|SECRET|TOKEN)\w*=')([a-z0-9]+-test-)?[^']*'/gm, "$1$2…'")
}

function exportedEnv(shell: string): Record<string, string> {
  return Object.fromEntries(
    [...shell.matchAll(/^export (\w+)='([^']*)'$/gm)].map((match) => [match[1] as string, match[2] as string]),
  )
}

export async function cliOutput(): Promise<CliOutput> {
  const shell = await emulateOutput()
  const providers = spawnSync(process.execPath, [bin, 'providers'], {
    encoding: 'utf8',
    env: { NO_COLOR: '1', ...exportedEnv(shell) },
  })
  if (providers.status !== 0) throw new Error(`taskbridge providers failed: ${providers.stderr}`)
  return { emulated: [...EMULATED_PROVIDERS], emulate: stable(shell), providers: providers.stdout }
}

export default { load: cliOutput }
