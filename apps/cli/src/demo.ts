import { createA2AAdapter } from '@taskbridge/a2a'
import { watchTask as followTask, type Task, type TaskAdapter } from '@taskbridge/core'
import { createMcpAdapter } from '@taskbridge/mcp'
import { createOrkesTaskAdapter, createOrkesWorkflowAdapter } from '@taskbridge/orkes'
import {
  startA2AEmulator,
  startMcpEmulator,
  startOrkesEmulator,
  startWexaEmulator,
  startXpanderEmulator,
  XPANDER_SEED_AGENT_IDS,
} from '@taskbridge/testkit'
import { createWexaAdapter } from '@taskbridge/wexa'
import { createXpanderAdapter } from '@taskbridge/xpander'
import { ExitCode, exitCodeFor } from './exit-codes.js'
import { describeValue, formatDuration, formatError, formatStatus, formatTaskTable } from './format.js'
import type { CliIo } from './io.js'
import type { Style } from './style.js'
import { watchTask } from './watch.js'

const ROWS_PER_PROVIDER = 4
/** xpander's emulated time runs five times faster than real time, so the watched run takes about a second. */
const XPANDER_SPEED = 5
/** The A2A agent's task takes 3 emulated seconds; six times faster, half a second. */
const A2A_SPEED = 6
/** The MCP tool's task also takes 3 emulated seconds; polled at the 100 ms its server asks for. */
const MCP_SPEED = 6
const MCP_POLL_INTERVAL_MS = 100

async function firstTasks(adapter: TaskAdapter): Promise<Task[]> {
  const tasks: Task[] = []
  for await (const task of adapter.listTasks({ limit: ROWS_PER_PROVIDER })) tasks.push(task)
  return tasks
}

/**
 * `taskbridge demo`: starts emulators of Wexa, xpander.ai, Orkes, an A2A agent and an MCP server in this
 * process (with credentials made up for the run) and shows the library at
 * work through the same adapters and output a user gets.
 */
export async function runDemo(io: CliIo, style: Style): Promise<ExitCode> {
  const started = Date.now()
  const say = (text = '') => io.stdout.write(`${text}\n`)
  const caption = (step: number, text: string) => say(`\n${style.bold(`${step}. ${text}`)}`)
  say(
    `${style.bold('taskbridge demo')} ${style.dim('· Wexa, xpander.ai, Orkes, an A2A agent and an MCP server emulated on 127.0.0.1 · no account, no network')}`,
  )

  const [wexa, xpander, orkes, agent, mcp] = await Promise.all([
    startWexaEmulator(),
    startXpanderEmulator({ clock: { realTime: { speed: XPANDER_SPEED } } }),
    startOrkesEmulator(),
    startA2AEmulator({ clock: { realTime: { speed: A2A_SPEED } } }),
    startMcpEmulator({ clock: { realTime: { speed: MCP_SPEED } }, pollIntervalMs: MCP_POLL_INTERVAL_MS }),
  ])
  try {
    const adapters = {
      wexa: createWexaAdapter({ baseUrl: wexa.baseUrl, apiKey: wexa.apiKey, projectId: wexa.projectId }),
      xpander: createXpanderAdapter({ baseUrl: xpander.baseUrl, eventsBaseUrl: xpander.url, apiKey: xpander.apiKey }),
      orkes: createOrkesTaskAdapter({ serverUrl: orkes.baseUrl, keyId: orkes.keyId, keySecret: orkes.keySecret }),
      orkesWorkflows: createOrkesWorkflowAdapter({
        serverUrl: orkes.baseUrl,
        keyId: orkes.keyId,
        keySecret: orkes.keySecret,
        terminateReason: 'cancelled in the taskbridge demo',
      }),
      a2a: createA2AAdapter({ agentCardUrl: agent.agentCardUrl, apiKey: agent.apiKey }),
      mcp: createMcpAdapter({ url: mcp.mcpUrl, token: mcp.token }),
    }

    caption(1, 'Tasks from three providers, one model')
    const rows = await Promise.all([adapters.wexa, adapters.xpander, adapters.orkes].map(firstTasks))
    say(formatTaskTable(rows.flat(), style))

    caption(2, 'Starting an xpander agent and watching it run to completion')
    const { id: runId } = await adapters.xpander.startTask({
      agentId: XPANDER_SEED_AGENT_IDS.writer,
      text: 'Draft the release notes',
      outputFormat: 'markdown',
    })
    const watched = await watchTask(adapters.xpander, runId, io, style, { intervalMs: 200 })
    const output = watched.task.output
    say(`   ${style.dim(`output [${output?.format}]:`)} ${describeValue(output?.value ?? '—', 100)}`)

    caption(3, 'Asking an A2A agent and following its task over the subscription')
    const { id: a2aId } = await adapters.a2a.startTask({ text: 'Summarise the quarterly report' })
    let answered: Task | undefined
    for await (const task of followTask(adapters.a2a, a2aId)) {
      say(`   task ${a2aId}  ${formatStatus(task, style)}`)
      answered = task
    }
    say(`   ${style.dim('output:')} ${describeValue(answered?.output?.value ?? '—', 100)}`)

    caption(4, 'Calling an MCP tool as a task and following it at the pace its server asks')
    const { id: mcpId } = await adapters.mcp.startTask({ tool: mcp.toolName, arguments: { topic: 'sales' } })
    let reported: Task | undefined
    for await (const task of followTask(adapters.mcp, mcpId)) {
      const message = task.metadata.statusMessage
      say(`   task ${mcpId}  ${formatStatus(task, style)}${message ? style.dim(`  “${message}”`) : ''}`)
      reported = task
    }
    say(`   ${style.dim('output:')} ${describeValue(reported?.output?.value ?? '—', 100)}`)

    caption(5, 'An Orkes workflow: start, pause, resume, cancel')
    const { id: workflowId } = await adapters.orkesWorkflows.startTask({
      name: 'order_fulfillment',
      input: { orderId: 'ord-demo' },
      correlationId: 'taskbridge-demo',
    })
    say(`   workflow ${workflowId}  ${formatStatus(await adapters.orkesWorkflows.getTask(workflowId), style)}`)
    for (const [verb, operation] of [
      ['pause ', adapters.orkesWorkflows.pauseTask],
      ['resume', adapters.orkesWorkflows.resumeTask],
      ['cancel', adapters.orkesWorkflows.cancelTask],
    ] as const) {
      const task = await operation(workflowId)
      say(`   ${verb} → ${formatStatus(task, style)}${task.error ? style.dim(`  “${task.error.message}”`) : ''}`)
    }

    caption(6, 'Stopping a Wexa task')
    const wexaId = wexa.createTask('running')
    say(`   task ${wexaId}  ${formatStatus(await adapters.wexa.getTask(wexaId), style)}`)
    say(`   stop   → ${formatStatus(await adapters.wexa.cancelTask(wexaId), style)}`)

    caption(7, 'A typed error, as you would see it')
    try {
      await adapters.orkes.getTask(orkes.unknownTaskId())
    } catch (error) {
      say(`   ${formatError(error, exitCodeFor(error), style)}`)
      say(
        style.dim(
          `   (TaskNotFoundError.is(error) is true, whichever of 400, 404 or an empty 204 the server answered)`,
        ),
      )
    }

    say(`\n${style.status('completed', '✔')} demo finished in ${formatDuration(Date.now() - started)}`)
    say(
      `${style.dim('Next, every provider on one live page:')} taskbridge emulate --speed 10 --write-env /tmp/taskbridge.env >/dev/null & until [ -f /tmp/taskbridge.env ]; do sleep 0.1; done; . /tmp/taskbridge.env; taskbridge dashboard`,
    )
    return ExitCode.Ok
  } finally {
    await Promise.all([wexa.close(), xpander.close(), orkes.close(), agent.close(), mcp.close()])
  }
}
