import type { AnyTaskAdapter, ListQuery, StartOptions, Task } from '@taskbridge/core'
import { InvalidArgumentError } from '@taskbridge/core'
import type { Command } from 'commander'
import { checkOrkesResource } from '../cli-terms.js'
import { ExitCode, exitCodeFor } from '../exit-codes.js'
import { formatError, formatTaskTable } from '../format.js'
import { parseCount, parseDuration, parseStatuses } from '../options.js'
import type { CommandContext } from '../program.js'
import { type StartFlags, startInputFor } from '../start-input.js'
import { watchTasks } from '../watch.js'
import {
  CALL_TIMEOUT_HELP,
  callOptions,
  examples,
  forProvider,
  type OutputFlags,
  printTask,
  withConnection,
} from './shared.js'

/** A start's options: the call's, and the idempotency key, sent only when given. */
function startOptions(flags: OutputFlags & { idempotencyKey?: string }): StartOptions {
  const call = callOptions(flags)
  return flags.idempotencyKey === undefined ? call : { ...call, idempotencyKey: flags.idempotencyKey }
}

async function listFrom(adapter: AnyTaskAdapter, query: ListQuery, flags: OutputFlags): Promise<Task[]> {
  const tasks: Task[] = []
  for await (const task of adapter.listTasks(query, callOptions(flags))) tasks.push(task)
  return tasks
}

/** `get`, `list`, `watch`, `start`, `pause`, `resume` and `cancel`. */
export function registerTaskCommands(program: Command, context: CommandContext): void {
  const { io } = context
  withConnection(
    program
      .command('get')
      .description('show one task')
      .argument('<provider>')
      .argument('<id>')
      .option('--timeout <duration>', CALL_TIMEOUT_HELP)
      .addHelpText('after', examples('get xpander 7f3c…e1', 'get orkes 4a2b…9d --resource workflow --json')),
  ).action(async (provider: string, id: string, flags: OutputFlags) => {
    const adapter = await context.registry.adapterFor(provider, flags)
    printTask(
      context,
      await forProvider(provider, () => adapter.getTask(id, callOptions(flags)), flags.resource),
      flags,
    )
  })

  withConnection(
    program
      .command('list')
      .description('list tasks as the provider returns them; with no provider, from every configured one in one table')
      .argument('[provider]')
      .option('--status <statuses>', 'only these taskbridge statuses, comma-separated')
      .option('--limit <n>', 'at most this many tasks (per provider when listing all)', '20')
      .option('--timeout <duration>', 'give up on each page request after this long, retries included (exit 7)')
      .addHelpText(
        'after',
        examples('list', 'list xpander --status running,waiting_for_input --limit 5', 'list wexa --json'),
      ),
  ).action(async (provider: string | undefined, flags: OutputFlags & { status?: string; limit: string }) => {
    const limit = parseCount('limit', flags.limit)
    // Pages no larger than needed: the adapter clamps to what the provider allows.
    const query = { limit, pageSize: limit, status: flags.status ? parseStatuses(flags.status) : undefined }
    if (provider === undefined && (flags.baseUrl !== undefined || flags.resource !== undefined)) {
      throw new InvalidArgumentError({
        argument: 'provider',
        message: '--base-url and --resource need a provider: taskbridge list <provider>',
      })
    }
    const adapters =
      provider === undefined
        ? await context.registry.configured(io.env)
        : [await context.registry.adapterFor(provider, flags)]
    if (adapters.length === 0) {
      throw new InvalidArgumentError({
        argument: 'provider',
        message: 'no provider is configured: set its variables (see taskbridge providers), or run taskbridge emulate',
      })
    }
    const results = await Promise.allSettled(
      adapters.map((adapter) => forProvider(adapter.provider, () => listFrom(adapter, query, flags))),
    )
    const tasks = results.flatMap((result) => (result.status === 'fulfilled' ? result.value : []))
    if (flags.json) for (const task of tasks) io.stdout.write(`${JSON.stringify(task)}\n`)
    else io.stdout.write(`${tasks.length > 0 ? formatTaskTable(tasks, context.style) : 'no tasks'}\n`)
    // Every provider that answered is shown; the ones that failed are each reported, and decide the exit code.
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []))
    if (failures.length === 1 && adapters.length === 1) throw failures[0]
    for (const failure of failures) {
      io.stderr.write(`${formatError(failure, exitCodeFor(failure), context.errorStyle, context.debug())}\n`)
    }
    context.exitCode = failures.length === 0 ? ExitCode.Ok : exitCodeFor(failures[0])
  })

  withConnection(
    program
      .command('watch')
      .description('follow tasks until they end; exits 0 if every one ended well')
      .argument('<provider>')
      .argument('<ids...>')
      .option('--interval <duration>', 'first wait between polls (grows up to 5s or this)', '1s')
      .option('--timeout <duration>', 'give up after this long (exit 7)')
      .addHelpText(
        'after',
        examples('watch xpander 7f3c…e1', 'watch orkes 4a2b…9d 8c1d…22 --resource workflow --timeout 10m'),
      ),
  ).action(async (provider: string, ids: string[], flags: OutputFlags & { interval: string }) => {
    const adapter = await context.registry.adapterFor(provider, flags)
    const { code } = await forProvider(
      provider,
      () =>
        watchTasks(adapter, ids, io, context.style, {
          intervalMs: parseDuration('interval', flags.interval),
          timeoutMs: flags.timeout === undefined ? undefined : parseDuration('timeout', flags.timeout),
          json: flags.json,
        }),
      flags.resource,
    )
    context.exitCode = code
  })

  withConnection(
    program
      .command('start')
      .description(
        'start a task: an xpander agent run, an Orkes workflow, a Wexa agentflow, an A2A agent’s task, an MCP tool call, or a config adapter’s',
      )
      .argument('<provider>')
      .option('--agent <id>', 'xpander: the agent to invoke')
      .option('--text <request>', 'xpander, a2a: what to ask the agent')
      .option('--output-format <format>', 'xpander: text, markdown, json or voice')
      .option('--workflow <name>', 'orkes: the workflow definition to run')
      .option('--version <n>', 'orkes: its version (default: the latest)')
      .option('--correlation-id <id>', 'orkes: an id of yours for the execution')
      .option('--agentflow <id>', 'wexa: the agentflow to execute')
      .option('--goal <text>', 'wexa: what it should achieve')
      .option('--tool <name>', 'mcp: the tool to call as a task')
      .option(
        '--input <json>',
        "orkes: the workflow's input; wexa: input variables; mcp: the tool's arguments; other providers: the whole start input",
      )
      .option(
        '--idempotency-key <key>',
        'orkes, a2a: start only once for this key (the same key gives the same run); refused by the others',
      )
      .option('--watch', 'then follow the task until it ends (exit code as for watch)')
      .option('--interval <duration>', 'with --watch: first wait between polls (grows up to 5s or this)', '1s')
      .option('--timeout <duration>', CALL_TIMEOUT_HELP)
      .addHelpText(
        'after',
        examples(
          'start xpander --agent 2c5f…a0 --text "Summarise the Q4 report" --watch',
          `start orkes --workflow order_fulfillment --input '{"orderId":"ord-1"}'`,
          'start wexa --agentflow 67fd…13 --goal "Draft the weekly report"',
          'start a2a --text "Summarise the quarterly report" --watch',
          `start mcp --tool emulated-report --input '{"topic":"sales"}' --watch`,
        ),
      ),
  ).action(
    async (
      provider: string,
      flags: OutputFlags & StartFlags & { watch?: boolean; interval: string; idempotencyKey?: string },
    ) => {
      if (provider === 'orkes' && flags.resource === 'task') {
        throw new InvalidArgumentError({
          argument: 'resource',
          message: 'orkes starts workflows: leave out --resource task',
        })
      }
      const input = startInputFor(provider, flags)
      // Orkes starts workflows, so start works on workflows without being told.
      const adapter = await context.registry.adapterFor(provider, flags, 'workflow')
      const task = await forProvider(provider, () => adapter.startTask(input, startOptions(flags)))
      if (!flags.watch) {
        printTask(context, task, flags)
        if (!flags.json) {
          const resource = provider === 'orkes' ? ' --resource workflow' : ''
          io.stdout.write(context.style.dim(`follow it with: taskbridge watch ${provider} ${task.id}${resource}\n`))
        }
        return
      }
      const { code } = await forProvider(provider, () =>
        watchTasks(adapter, [task.id], io, context.style, {
          intervalMs: parseDuration('interval', flags.interval),
          json: flags.json,
        }),
      )
      context.exitCode = code
    },
  )

  for (const [name, description, operation] of [
    ['pause', 'pause a task (orkes: a workflow, with --resource workflow)', 'pauseTask'],
    ['resume', 'resume a paused task', 'resumeTask'],
    ['cancel', 'stop a task for good', 'cancelTask'],
  ] as const) {
    withConnection(
      program
        .command(name)
        .description(description)
        .argument('<provider>')
        .argument('<id>')
        .option('--timeout <duration>', CALL_TIMEOUT_HELP)
        .addHelpText('after', examples(`${name} wexa 6805…08`, `${name} orkes 4a2b…9d --resource workflow`)),
    ).action(async (provider: string, id: string, flags: OutputFlags) => {
      const adapter = await context.registry.adapterFor(provider, flags)
      checkOrkesResource(provider, operation, flags.resource)
      printTask(
        context,
        await forProvider(provider, () => adapter[operation](id, callOptions(flags)), flags.resource),
        flags,
      )
      context.exitCode = ExitCode.Ok
    })
  }
}
