import { createRequire } from 'node:module'
import { Command, CommanderError } from 'commander'
import { BUILT_IN_PROVIDERS } from './adapters.js'
import { registerAnswerCommand } from './commands/answer.js'
import { registerDashboardCommand } from './commands/dashboard.js'
import { registerEmulateCommand } from './commands/emulate.js'
import { registerProvidersCommand } from './commands/providers.js'
import { registerTaskCommands } from './commands/tasks.js'
import { runDemo } from './demo.js'
import { ExitCode, exitCodeFor } from './exit-codes.js'
import { formatError } from './format.js'
import { type CliIo, colorEnabled, processIo } from './io.js'
import { type AdapterRegistry, createRegistry } from './registry.js'
import { createStyle, type Style } from './style.js'

/** What every command gets: where to write, how to style, the providers, and the exit code to end with. */
export interface CommandContext {
  io: CliIo
  style: Style
  /** The style for stderr, which may be a terminal when stdout is not. */
  errorStyle: Style
  registry: AdapterRegistry
  /** Whether `--debug` was given. */
  debug(): boolean
  exitCode: ExitCode
}

const { version } = createRequire(import.meta.url)('../package.json') as { version: string }

// Commander reports these by throwing once it has printed help or the version.
/** Each built-in provider's variables, as its adapter package lists them. */
function environmentHelp(): string {
  return BUILT_IN_PROVIDERS.map((provider) => {
    const names = provider.env.map((name) => (provider.required.includes(name) ? `${name}*` : name))
    return `  ${provider.name.padEnd(8)} ${names.join(', ')}`
  }).join('\n')
}

const SHOWN_AND_DONE = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help'])

function createProgram(context: CommandContext): Command {
  const program = new Command('taskbridge')
    .description(
      'Follow, start, pause, resume, answer and cancel long-running tasks on Wexa, xpander.ai, Orkes Conductor, A2A agents, MCP servers and your own adapters.',
    )
    .version(version)
    .option('--debug', 'on errors, print the details and stack (credentials are never shown)')
    .option('--config <file>', 'load adapters from this file instead of ./taskbridge.config.{js,mjs,ts}')
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
      // Usage errors are printed by run(), in the same one-line form as every other error.
      outputError: () => {},
    })
    .exitOverride()
    .addHelpText(
      'after',
      `
Credentials and servers come from the environment (* required; Orkes takes ORKES_KEY_ID with
ORKES_KEY_SECRET, or ORKES_TOKEN):
${environmentHelp()}
Your own adapters: taskbridge.config.mjs (see the README).

Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 authentication, 4 not found,
5 provider error, 6 task failed (watch), 7 timeout, 8 not waiting (answer).

Try it with no account: taskbridge demo, or taskbridge emulate for emulators to point it at.`,
    )
  registerTaskCommands(program, context)
  registerAnswerCommand(program, context)
  registerProvidersCommand(program, context)
  registerEmulateCommand(program, context)
  registerDashboardCommand(program, context)
  program
    .command('demo')
    .description(
      'run the built-in emulators (Wexa, xpander, Orkes and an A2A agent) and show taskbridge at work (no account needed)',
    )
    .addHelpText('after', '\nExample:\n  $ taskbridge demo')
    .action(async () => {
      context.exitCode = await runDemo(context.io, context.style)
    })
  return program
}

/** Runs the command line and returns its exit code; errors are printed, never thrown. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  let program: Command | undefined
  const context: CommandContext = {
    io,
    style: createStyle(colorEnabled(io)),
    errorStyle: createStyle(Boolean(io.stderr.isTTY) && io.env.NO_COLOR === undefined),
    registry: createRegistry(io.cwd, () => program?.opts().config),
    debug: () => Boolean(program?.opts().debug),
    exitCode: ExitCode.Ok,
  }
  program = createProgram(context)
  try {
    await program.parseAsync([...argv])
    return context.exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      if (SHOWN_AND_DONE.has(error.code)) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage
      const message = `${error.message.replace(/^error: /, '')}; see taskbridge --help`
      io.stderr.write(`${formatError(new Error(message), ExitCode.Usage, context.errorStyle)}\n`)
      return ExitCode.Usage
    }
    const code = exitCodeFor(error)
    io.stderr.write(`${formatError(error, code, context.errorStyle, context.debug())}\n`)
    return code
  }
}
