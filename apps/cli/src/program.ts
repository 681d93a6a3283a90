import { createRequire } from 'node:module'
import { Command, CommanderError } from 'commander'
import { registerProvidersCommand } from './commands/providers.js'
import { registerTaskCommands } from './commands/tasks.js'
import { runDemo } from './demo.js'
import { ExitCode, exitCodeFor } from './exit-codes.js'
import { formatError } from './format.js'
import { type CliIo, colorEnabled, processIo } from './io.js'
import { createStyle, type Style } from './style.js'

/** What every command gets: where to write, how to style, and the exit code to end with. */
export interface CommandContext {
  io: CliIo
  style: Style
  exitCode: ExitCode
}

const { version } = createRequire(import.meta.url)('../package.json') as { version: string }

function createProgram(context: CommandContext): Command {
  const program = new Command('taskbridge')
    .description('Follow, pause, resume and cancel long-running tasks on Wexa, xpander.ai and Orkes Conductor.')
    .version(version)
    .option('--debug', 'on errors, print the details and stack (credentials are never shown)')
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    })
    .exitOverride()
    .showHelpAfterError('(run taskbridge --help for usage)')
    .addHelpText(
      'after',
      `
Credentials come from the environment: WEXA_API_KEY and WEXA_PROJECT_ID, XPANDER_API_KEY,
ORKES_SERVER_URL with ORKES_KEY_ID and ORKES_KEY_SECRET (or ORKES_TOKEN).

Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 authentication, 4 not found,
5 provider error, 6 task failed (watch), 7 timeout.

Try it with no account: taskbridge demo`,
    )
  registerTaskCommands(program, context)
  registerProvidersCommand(program, context)
  program
    .command('demo')
    .description('run the built-in emulators of all three providers and show taskbridge at work (no account needed)')
    .action(async () => {
      context.exitCode = await runDemo(context.io, context.style)
    })
  return program
}

/** Runs the command line and returns its exit code; errors are printed, never thrown. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  const context: CommandContext = { io, style: createStyle(colorEnabled(io)), exitCode: ExitCode.Ok }
  const program = createProgram(context)
  try {
    await program.parseAsync([...argv])
    return context.exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage
    }
    const code = exitCodeFor(error)
    const debug = Boolean(program.opts().debug)
    const styleForErrors = createStyle(Boolean(io.stderr.isTTY) && io.env.NO_COLOR === undefined)
    io.stderr.write(`${formatError(error, code, styleForErrors, debug)}\n`)
    return code
  }
}
