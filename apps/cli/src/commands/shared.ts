import type { CallOptions, Task } from '@taskbridge/core'
import type { Command } from 'commander'
import type { ConnectionFlags } from '../adapters.js'
import { inCliTerms } from '../cli-terms.js'
import { formatTaskCard } from '../format.js'
import { parseDuration } from '../options.js'
import type { CommandContext } from '../program.js'

// What every task command shares: connection flags, call options, output.

export interface OutputFlags extends ConnectionFlags {
  json?: boolean
  timeout?: string
}

/** One call's options: `--timeout` bounds the whole call, retries included. */
export function callOptions(flags: OutputFlags): CallOptions {
  return flags.timeout === undefined ? {} : { timeoutMs: parseDuration('timeout', flags.timeout) }
}

export const CALL_TIMEOUT_HELP = 'give up on the request after this long, retries included (exit 7)'

export function withConnection(command: Command): Command {
  return command
    .option(
      '--base-url <url>',
      "the provider's API URL (Orkes: the server URL; A2A: a JSON-RPC endpoint, instead of the agent card; MCP: its Streamable HTTP endpoint), instead of the default or environment",
    )
    .option('--resource <kind>', 'orkes only: "task" (default) or "workflow"')
    .option('--json', 'print JSON for scripts instead of text for people')
}

export const examples = (...lines: string[]) =>
  `\nExamples:\n${lines.map((line) => `  $ taskbridge ${line}`).join('\n')}`

/** Runs `work`, with the provider's errors worded for the command line (`resource`: the `--resource` given). */
export async function forProvider<T>(provider: string, work: () => Promise<T>, resource?: string): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw inCliTerms(error, provider, resource)
  }
}

export function printTask(context: CommandContext, task: Task, flags: OutputFlags): void {
  context.io.stdout.write(`${flags.json ? JSON.stringify(task) : formatTaskCard(task, context.style)}\n`)
}
