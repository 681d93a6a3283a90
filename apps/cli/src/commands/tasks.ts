import type { CallOptions, Task } from '@taskbridge/core'
import type { Command } from 'commander'
import { type ConnectionFlags, createAdapterFor } from '../adapters.js'
import { ExitCode } from '../exit-codes.js'
import { formatTaskCard, formatTaskTable } from '../format.js'
import { parseCount, parseDuration, parseStatuses } from '../options.js'
import type { CommandContext } from '../program.js'
import { watchTask } from '../watch.js'

interface OutputFlags extends ConnectionFlags {
  json?: boolean
  timeout?: string
}

/** One call's options: `--timeout` bounds the whole call, retries included. */
function callOptions(flags: OutputFlags): CallOptions {
  return flags.timeout === undefined ? {} : { timeoutMs: parseDuration('timeout', flags.timeout) }
}

const CALL_TIMEOUT_HELP = 'give up on the request after this long, retries included (exit 7)'

function withConnection(command: Command): Command {
  return command
    .option('--base-url <url>', "the provider's API URL (Orkes: the server URL), instead of the default or environment")
    .option('--resource <kind>', 'orkes only: "task" (default) or "workflow"')
    .option('--json', 'print JSON for scripts instead of text for people')
}

function printTask(context: CommandContext, task: Task, flags: OutputFlags): void {
  context.io.stdout.write(`${flags.json ? JSON.stringify(task) : formatTaskCard(task, context.style)}\n`)
}

/** `get`, `list`, `watch`, `pause`, `resume` and `cancel`. */
export function registerTaskCommands(program: Command, context: CommandContext): void {
  withConnection(
    program
      .command('get')
      .description('show one task')
      .argument('<provider>')
      .argument('<id>')
      .option('--timeout <duration>', CALL_TIMEOUT_HELP),
  ).action(async (provider: string, id: string, flags: OutputFlags) => {
    printTask(context, await createAdapterFor(provider, flags).getTask(id, callOptions(flags)), flags)
  })

  withConnection(
    program
      .command('list')
      .description('list tasks, newest pages first as the provider returns them')
      .argument('<provider>')
      .option('--status <statuses>', 'only these taskbridge statuses, comma-separated')
      .option('--limit <n>', 'at most this many tasks', '20')
      .option('--timeout <duration>', 'give up on each page request after this long, retries included (exit 7)'),
  ).action(async (provider: string, flags: OutputFlags & { status?: string; limit: string }) => {
    const adapter = createAdapterFor(provider, flags)
    const limit = parseCount('limit', flags.limit)
    // Pages no larger than needed: the adapter clamps to what the provider allows.
    const query = { limit, pageSize: limit, status: flags.status ? parseStatuses(flags.status) : undefined }
    const tasks: Task[] = []
    for await (const task of adapter.listTasks(query, callOptions(flags))) {
      if (flags.json) context.io.stdout.write(`${JSON.stringify(task)}\n`)
      else tasks.push(task)
    }
    if (!flags.json)
      context.io.stdout.write(`${tasks.length > 0 ? formatTaskTable(tasks, context.style) : 'no tasks'}\n`)
  })

  withConnection(
    program
      .command('watch')
      .description('follow a task until it ends; exits 0 if it ended well')
      .argument('<provider>')
      .argument('<id>')
      .option('--interval <duration>', 'first wait between polls (grows up to 5s or this)', '1s')
      .option('--timeout <duration>', 'give up after this long (exit 7)'),
  ).action(async (provider: string, id: string, flags: OutputFlags & { interval: string; timeout?: string }) => {
    const { code } = await watchTask(createAdapterFor(provider, flags), id, context.io, context.style, {
      intervalMs: parseDuration('interval', flags.interval),
      timeoutMs: flags.timeout === undefined ? undefined : parseDuration('timeout', flags.timeout),
      json: flags.json,
    })
    context.exitCode = code
  })

  for (const [name, description] of [
    ['pause', 'pause a task (orkes: a workflow, with --resource workflow)'],
    ['resume', 'resume a paused task'],
    ['cancel', 'stop a task for good'],
  ] as const) {
    withConnection(
      program
        .command(name)
        .description(description)
        .argument('<provider>')
        .argument('<id>')
        .option('--timeout <duration>', CALL_TIMEOUT_HELP),
    ).action(async (provider: string, id: string, flags: OutputFlags) => {
      const adapter = createAdapterFor(provider, flags)
      const operation = { pause: adapter.pauseTask, resume: adapter.resumeTask, cancel: adapter.cancelTask }[name]
      printTask(context, await operation(id, callOptions(flags)), flags)
      context.exitCode = ExitCode.Ok
    })
  }
}
