import { randomBytes } from 'node:crypto'
import { link, lstat, open, rm, unlink } from 'node:fs/promises'
import { resolve } from 'node:path'
import { InvalidArgumentError } from '@taskbridge/core'
import type { Command } from 'commander'
import {
  EMULATED_PROVIDERS,
  type EmulatedProvider,
  type EmulatorInfo,
  shellQuote,
  startEmulators,
} from '../emulators.js'
import { ExitCode } from '../exit-codes.js'
import type { CommandContext } from '../program.js'

interface EmulateFlags {
  port: string[]
  speed: string
  json?: boolean
  writeEnv?: string
}

function providersOf(names: readonly string[]): EmulatedProvider[] {
  for (const name of names) {
    if (!(EMULATED_PROVIDERS as readonly string[]).includes(name)) {
      throw new InvalidArgumentError({
        argument: 'provider',
        message: `taskbridge emulate has no emulator of "${name}"; choose from ${EMULATED_PROVIDERS.join(', ')}`,
      })
    }
  }
  return names.length === 0 ? [...EMULATED_PROVIDERS] : [...new Set(names as EmulatedProvider[])]
}

const portNumber = (text: string) => {
  const port = Number(text)
  if (!(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new InvalidArgumentError({ argument: 'port', message: `--port takes a port (1-65535), got "${text}"` })
  }
  return port
}

/** `--port 4010` numbers the emulators from 4010 in order; `--port xpander=4011` sets one. */
function portsOf(flags: readonly string[], providers: readonly EmulatedProvider[]) {
  const ports: Partial<Record<EmulatedProvider, number>> = {}
  for (const flag of flags) {
    const [name, value] = flag.includes('=') ? flag.split('=', 2) : [undefined, flag]
    if (name === undefined) {
      const first = portNumber(value ?? '')
      for (const [index, provider] of providers.entries()) ports[provider] = first + index
    } else if (providers.includes(name as EmulatedProvider)) ports[name as EmulatedProvider] = portNumber(value ?? '')
    else throw new InvalidArgumentError({ argument: 'port', message: `--port ${flag}: "${name}" is not emulated here` })
  }
  return ports
}

function parseSpeed(text: string): number {
  const speed = Number(text)
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new InvalidArgumentError({ argument: 'speed', message: `--speed takes a number above 0, got "${text}"` })
  }
  return speed
}

/** The emulators' variables as shell lines, with comments a shell ignores. */
function shellLines(emulators: readonly EmulatorInfo[], speed: number): string {
  const lines = [
    `# taskbridge emulate: ${emulators.map((e) => `${e.provider} on ${e.baseUrl}`).join(', ')}`,
    `# in real time${speed === 1 ? '' : `, ${speed}× faster`}. The credentials below are throwaway ones of these emulators.`,
    ...emulators.flatMap((emulator) =>
      Object.entries(emulator.env).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
    ),
    ...emulators.map((emulator) => `# try: ${emulator.example}`),
  ]
  return `${lines.join('\n')}\n`
}

/** The env file as this process created it: removed on exit only while it is still that file. */
interface CreatedFile {
  path: string
  dev: number
  ino: number
}

/**
 * Written under a fresh name first, so a script waiting for the file never
 * reads half of it. The draft is created exclusively (a symlink planted at its
 * name is refused, never followed) and hard-linked into place, which fails
 * rather than replace a file that is already there.
 */
async function writeEnvFile(file: string, text: string): Promise<CreatedFile> {
  const partial = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.partial`
  const draft = await open(partial, 'wx', 0o600)
  try {
    await draft.writeFile(text)
  } finally {
    await draft.close()
  }
  try {
    await link(partial, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    throw new InvalidArgumentError({
      argument: 'write-env',
      message: `--write-env ${file}: a file is there already, and emulate only writes a file it creates; remove it or name another`,
    })
  } finally {
    await rm(partial, { force: true })
  }
  const { dev, ino } = await lstat(file)
  return { path: file, dev, ino }
}

/** Removes the env file unless something else has taken its place since. */
async function removeEnvFile(created: CreatedFile): Promise<void> {
  const now = await lstat(created.path).catch(() => undefined)
  if (now?.dev === created.dev && now.ino === created.ino) await unlink(created.path).catch(() => undefined)
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/** Resolves with the signal (Ctrl-C, SIGTERM, a closed terminal's SIGHUP) that asks a long-running command to stop. */
export function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const stop = (signal: NodeJS.Signals) => {
      for (const name of STOP_SIGNALS) process.off(name, stop)
      done(signal)
    }
    for (const name of STOP_SIGNALS) process.on(name, stop)
  })
}

/** `emulate`: the built-in emulators in real time, until interrupted. */
export function registerEmulateCommand(program: Command, context: CommandContext): void {
  program
    .command('emulate')
    .description(
      'run emulators of wexa, xpander, orkes, an A2A agent and an MCP server in real time on 127.0.0.1 and print their variables, until Ctrl-C',
    )
    .argument('[providers...]', `which to emulate: ${EMULATED_PROVIDERS.join(', ')} (default: all)`)
    .option(
      '--port <port>',
      'the first port (the others follow), or provider=port; repeatable (default: free ports)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option('--speed <factor>', 'run emulated time this many times faster than real time', '1')
    .option(
      '--write-env <file>',
      'also write the export lines to this new file once ready (never an existing one; removed on exit)',
    )
    .option('--json', 'print { emulators: [{ provider, baseUrl, port, env }], env } as one JSON line')
    .addHelpText(
      'after',
      `
Examples:
  $ taskbridge emulate                                   # all four; copy the export lines into another shell
  $ taskbridge emulate xpander --port 4010 --speed 10
  $ taskbridge emulate --write-env /tmp/taskbridge.env &  # in the background, then:
  $ until [ -f /tmp/taskbridge.env ]; do sleep 0.1; done; . /tmp/taskbridge.env; taskbridge list

The credentials printed are throwaway ones the emulators made up for this run; no real account is involved.`,
    )
    .action(async (names: string[], flags: EmulateFlags) => {
      const providers = providersOf(names)
      const speed = parseSpeed(flags.speed)
      const running = await startEmulators(providers, { speed, ports: portsOf(flags.port, providers) }).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EADDRINUSE') throw error
          throw new InvalidArgumentError({
            argument: 'port',
            message: `a port asked for is in use (${error.message}): choose another with --port, or leave --port out for free ones`,
          })
        },
      )
      const stopped = untilStopped()
      const envFile = flags.writeEnv === undefined ? undefined : resolve(context.io.cwd, flags.writeEnv)
      let created: CreatedFile | undefined
      try {
        const shell = shellLines(running.emulators, speed)
        if (flags.json) {
          const env = Object.assign({}, ...running.emulators.map((emulator) => emulator.env))
          context.io.stdout.write(`${JSON.stringify({ emulators: running.emulators, env, speed })}\n`)
        } else context.io.stdout.write(shell)
        if (envFile) created = await writeEnvFile(envFile, shell)
        context.io.stderr.write('taskbridge emulate: running; stop with Ctrl-C\n')
        const signal = await stopped
        context.io.stderr.write(`taskbridge emulate: ${signal}, stopping\n`)
      } finally {
        await running.close()
        if (created) await removeEnvFile(created)
      }
      context.exitCode = ExitCode.Ok
    })
}
