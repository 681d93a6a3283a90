import { InvalidArgumentError } from '@taskbridge/core'
import type { Command } from 'commander'
import { ExitCode } from '../exit-codes.js'
import type { CommandContext } from '../program.js'
import {
  CALL_TIMEOUT_HELP,
  callOptions,
  examples,
  forProvider,
  type OutputFlags,
  printTask,
  withConnection,
} from './shared.js'

interface AnswerFlags extends OutputFlags {
  approve?: boolean
  reject?: boolean
  text?: string
  data?: string
  inbox?: string
  execution?: string
  agent?: string
}

function usage(argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument, message })
}

/** The `--data` JSON object. */
function parseData(text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw usage('data', '--data takes a JSON object, such as \'{"city":"Lisbon"}\'; it is not JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw usage('data', '--data takes a JSON object, such as \'{"city":"Lisbon"}\'')
  }
  return value as Record<string, unknown>
}

/** The answer the flags give: a `TaskAnswer`, and Wexa's inbox fields when asked for. */
export function answerFrom(provider: string, flags: AnswerFlags): Record<string, unknown> {
  if (flags.approve && flags.reject) throw usage('approve', '--approve and --reject cannot go together')
  const wexaOnly = { inbox: flags.inbox, executionId: flags.execution, agentId: flags.agent }
  if (provider !== 'wexa' && Object.values(wexaOnly).some((value) => value !== undefined)) {
    throw usage('inbox', '--inbox, --execution and --agent are for wexa only')
  }
  const answer = {
    approved: flags.approve ? true : flags.reject ? false : undefined,
    text: flags.text,
    data: flags.data === undefined ? undefined : parseData(flags.data),
    ...wexaOnly,
  }
  const given = Object.fromEntries(Object.entries(answer).filter(([, value]) => value !== undefined))
  if (Object.keys(given).length === 0) {
    throw usage('answer', 'say what the answer is: --approve, --reject, --text <text> or --data <json>')
  }
  return given
}

/** `answer`: delivers a person's answer to a task waiting for one. */
export function registerAnswerCommand(program: Command, context: CommandContext): void {
  withConnection(
    program
      .command('answer')
      .description('answer a task that waits for a person (see its request with get); exit 8 when it no longer waits')
      .argument('<provider>')
      .argument('<id>')
      .option('--approve', 'approve what the task asks')
      .option('--reject', 'reject what the task asks')
      .option('--text <text>', 'a text answer, or a comment with --approve / --reject')
      .option('--data <json>', 'structured values, as a JSON object')
      .option('--inbox <type>', 'wexa: runtime_input (default), preview or anomaly_detection')
      .option('--execution <id>', 'wexa: the execution that waits (default: the one in input_required)')
      .option('--agent <id>', "wexa: the agent_id sent with the answer (default: the execution's start agent)")
      .option('--timeout <duration>', CALL_TIMEOUT_HELP)
      .addHelpText(
        'after',
        examples(
          'answer orkes 4a2b…9d --resource workflow --approve --text "refund ok"',
          'answer a2a 7f3c…01 --text "Q3, please"',
          'answer wexa 6805…08 --data \'{"city":"Lisbon"}\'',
        ),
      ),
  ).action(async (provider: string, id: string, flags: AnswerFlags) => {
    const answer = answerFrom(provider, flags)
    const adapter = await context.registry.adapterFor(provider, flags)
    printTask(
      context,
      await forProvider(provider, () => adapter.answerTask(id, answer, callOptions(flags)), flags.resource),
      flags,
    )
    context.exitCode = ExitCode.Ok
  })
}
