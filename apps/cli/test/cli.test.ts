import { TaskSchema } from '@taskbridge/core'
import {
  A2A_EMULATOR_ANSWER,
  type A2AEmulator,
  MCP_EMULATOR_ANSWER,
  type McpEmulator,
  ORKES_SEED_TASK_ID,
  ORKES_SEED_WORKFLOW_ID,
  type OrkesEmulator,
  startA2AEmulator,
  startMcpEmulator,
  startOrkesEmulator,
  startWexaEmulator,
  startXpanderEmulator,
  WEXA_SEED_TASK_ID,
  type WexaEmulator,
  XPANDER_SEED_AGENT_IDS,
  XPANDER_SEED_TASK_IDS,
  type XpanderEmulator,
} from '@taskbridge/testkit'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { advanceWhileWatched } from './advance-while-watched.js'
import { runCli, runCliInProcess } from './run-cli.js'

let wexa: WexaEmulator
let xpander: XpanderEmulator
let orkes: OrkesEmulator
let a2a: A2AEmulator
let mcp: McpEmulator

beforeAll(async () => {
  ;[wexa, xpander, orkes, a2a, mcp] = await Promise.all([
    startWexaEmulator(),
    startXpanderEmulator(),
    startOrkesEmulator(),
    // The A2A agent's tasks move on by themselves, fast: a watched one ends however the polls fall.
    startA2AEmulator({ clock: { realTime: { speed: 20 } } }),
    // So do the MCP server's, polled at the 20 ms it asks for.
    startMcpEmulator({ clock: { realTime: { speed: 20 } }, pollIntervalMs: 20 }),
  ])
})
afterEach(() => {
  for (const emulator of [wexa, xpander, orkes, a2a, mcp]) emulator.reset()
})
afterAll(async () => {
  await Promise.all([wexa.close(), xpander.close(), orkes.close(), a2a.close(), mcp.close()])
})

function credentials(): Record<string, string> {
  return {
    WEXA_API_KEY: wexa.apiKey,
    WEXA_PROJECT_ID: wexa.projectId,
    XPANDER_API_KEY: xpander.apiKey,
    ORKES_SERVER_URL: orkes.baseUrl,
    ORKES_KEY_ID: orkes.keyId,
    ORKES_KEY_SECRET: orkes.keySecret,
  }
}

const baseUrl = { wexa: () => wexa.baseUrl, xpander: () => xpander.baseUrl, orkes: () => orkes.baseUrl }

/** Runs `taskbridge` in this process with the emulators' credentials unless told otherwise. */
const cli = (args: string[], env: Record<string, string> = credentials()) => runCliInProcess(args, env)

/**
 * Runs the built `taskbridge` as its own process, for the few tests that check
 * what only a process shows: the bin starts, and ends with the exit code a shell sees.
 */
const bin = (args: string[], env: Record<string, string> = credentials()) => runCli(args, env)

function jsonLines(stdout: string) {
  return stdout
    .trim()
    .split('\n')
    .map((line) => TaskSchema.parse(JSON.parse(line)))
}

describe('usage', () => {
  it('prints help with every command and exits 0', async () => {
    const { code, stdout } = await cli(['--help'])
    expect(code).toBe(0)
    for (const command of ['get', 'list', 'watch', 'pause', 'resume', 'answer', 'cancel', 'providers', 'demo']) {
      expect(stdout).toContain(command)
    }
    expect(stdout).toContain('Exit codes')
  })

  it('prints its version', async () => {
    // The bin, as a shell runs it.
    const { code, stdout } = await bin(['--version'])
    expect(code).toBe(0)
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
  })

  it.each([
    [['frobnicate']],
    [['get', 'wexa']],
    [['get', 'acme', 'x']],
    [['get', 'wexa', 'x', '--resource', 'workflow']],
    [['get', 'orkes', 'x', '--resource', 'job']],
    [['list', 'xpander', '--limit', '0']],
    [['list', 'xpander', '--status', 'RUNNING']],
    [['watch', 'xpander', 'x', '--interval', 'soon']],
  ])('exits 2 for %j, with one line saying why', async (args) => {
    const { code, stderr, stdout } = await cli(args)
    expect(code).toBe(2)
    expect(stderr.trim()).not.toBe('')
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^error: .+ \(exit 2: usage\)\n$/)
  })

  it.each(['get', 'list', 'watch', 'start', 'pause', 'resume', 'cancel', 'providers', 'emulate', 'demo'])(
    'shows an example in the help of %s',
    async (command) => {
      const { code, stdout } = await cli([command, '--help'])
      expect(code).toBe(0)
      expect(stdout).toMatch(new RegExp(`Examples?:\\n\\s+\\$ taskbridge ${command}`))
    },
  )
})

describe('get', () => {
  it('shows a task as a card', async () => {
    const { code, stdout } = await cli(['get', 'wexa', WEXA_SEED_TASK_ID, '--base-url', baseUrl.wexa()])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^id\s+6805e3a97d3775bffdb87608$/m)
    expect(stdout).toMatch(/^status\s+completed$/m)
    expect(stdout).toMatch(/^name\s+new platform$/m)
    expect(stdout).toMatch(/^output\s+\[markdown\] # Dr\. A\.P\.J\. Abdul Kalam/m)
  })

  it('prints one JSON document with --json, valid for TaskSchema', async () => {
    const { code, stdout } = await cli(['get', 'orkes', ORKES_SEED_TASK_ID, '--json'])
    expect(code).toBe(0)
    const [task] = jsonLines(stdout)
    expect(task).toMatchObject({ id: ORKES_SEED_TASK_ID, provider: 'orkes', status: 'completed' })
    expect(task?.startedAt?.toISOString()).toBe('2026-02-09T07:10:22.006Z')
  })

  it('exits 4 for an unknown id, with the provider’s message', async () => {
    // The bin, as a shell runs it.
    const { code, stderr } = await bin(['get', 'xpander', xpander.unknownTaskId(), '--base-url', baseUrl.xpander()])
    expect(code).toBe(4)
    expect(stderr).toMatch(/^error: \[xpander\] GET \/v1\/tasks\/\S+ answered 404/)
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })

  it('exits 5 when the provider sends something that is not a task', async () => {
    wexa.faults.inject('getTask', { type: 'non-json' }, { times: Infinity })
    const { code, stderr } = await cli(['get', 'wexa', WEXA_SEED_TASK_ID, '--base-url', baseUrl.wexa()])
    expect(code).toBe(5)
    expect(stderr).toContain('not JSON')
  })

  it.each([[[]], [['--debug']]])('exits 3 for a refused key and never prints the key (%j)', async (extra) => {
    const secret = 'xpander-secret-that-must-not-show-4242'
    const { code, stdout, stderr } = await cli(
      [...extra, 'get', 'xpander', XPANDER_SEED_TASK_IDS.completedMarkdown, '--base-url', baseUrl.xpander()],
      { ...credentials(), XPANDER_API_KEY: secret },
    )
    expect(code).toBe(3)
    expect(stdout + stderr).not.toContain(secret)
    if (extra.length > 0) expect(stderr).toContain('"status": 401')
  })

  it('never prints the Orkes key secret or token, even with --debug', async () => {
    const { code, stdout, stderr } = await cli(['--debug', 'get', 'orkes', orkes.unknownTaskId()])
    expect(code).toBe(4)
    expect(stderr).toContain('"taskId"')
    for (const secret of [orkes.keySecret, ...orkes.secrets]) expect(stdout + stderr).not.toContain(secret)
  })

  it('exits 5, not 4, when a wrong base URL answers 404 on a list route', async () => {
    const { code, stderr } = await cli(['list', 'wexa', '--base-url', `${baseUrl.wexa()}/wrong`])
    expect(code).toBe(5)
    expect(stderr).toContain('[wexa] GET /tasks/{projectID} answered 404 Not Found')
    expect(stderr).toContain('(exit 5: provider error)')
  })

  it('says to add --resource workflow when a task id is not found in task mode', async () => {
    const { code, stderr } = await cli(['get', 'orkes', ORKES_SEED_WORKFLOW_ID])
    expect(code).toBe(4)
    expect(stderr).toContain('Invalid task id')
    expect(stderr).toContain('(if it is a workflow id, add --resource workflow)')
  })

  it('exits 2 when a credential is missing, naming the option and the variable', async () => {
    // The bin, as a shell runs it.
    const { code, stderr } = await bin(['get', 'wexa', WEXA_SEED_TASK_ID, '--base-url', baseUrl.wexa()], {
      WEXA_PROJECT_ID: wexa.projectId,
    })
    expect(code).toBe(2)
    expect(stderr).toContain('wexa: WEXA_API_KEY is not set; export it')
    expect(wexa.requests).toHaveLength(0)
  })
})

describe('list', () => {
  it('prints a table for people', async () => {
    const { code, stdout } = await cli(['list', 'wexa', '--limit', '3', '--base-url', baseUrl.wexa()])
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^PROVIDER\s+ID\s+STATUS\s+NAME\s+CREATED$/)
    expect(lines).toHaveLength(4)
  })

  it('prints NDJSON with --json, filtered by status', async () => {
    const { code, stdout } = await cli([
      'list',
      'xpander',
      '--json',
      '--status',
      'completed',
      '--limit',
      '50',
      '--base-url',
      baseUrl.xpander(),
    ])
    expect(code).toBe(0)
    const tasks = jsonLines(stdout)
    expect(tasks.length).toBeGreaterThan(1)
    expect(tasks.every((task) => task.status === 'completed' && task.provider === 'xpander')).toBe(true)
  })

  it('says so when nothing matches', async () => {
    const { code, stdout } = await cli(['list', 'wexa', '--status', 'timed_out', '--base-url', baseUrl.wexa()])
    expect(code).toBe(0)
    expect(stdout.trim()).toBe('no tasks')
  })
})

describe('watch on a pipe', () => {
  async function invoke(): Promise<string> {
    const response = await fetch(`${xpander.baseUrl}/agents/${XPANDER_SEED_AGENT_IDS.writer}/invoke/async`, {
      method: 'POST',
      headers: { 'x-api-key': xpander.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ input: { text: 'Summarise' }, output_format: 'markdown' }),
    })
    return ((await response.json()) as { id: string }).id
  }

  it('prints one line per change and exits 0 when the task completes', async () => {
    const id = await invoke()
    const stop = advanceWhileWatched(xpander)
    const { code, stdout } = await cli([
      'watch',
      'xpander',
      id,
      '--interval',
      '100ms',
      '--base-url',
      baseUrl.xpander(),
    ]).finally(stop)
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines.map((line) => line.split(/\s{2,}/)[1])).toEqual(['pending', 'running (executing)', 'completed'])
    expect(stdout).not.toContain('\r')
  })

  it('prints NDJSON per change with --json', async () => {
    const id = await invoke()
    const stop = advanceWhileWatched(xpander)
    const { code, stdout } = await cli([
      'watch',
      'xpander',
      id,
      '--json',
      '--interval',
      '100ms',
      '--base-url',
      baseUrl.xpander(),
    ]).finally(stop)
    expect(code).toBe(0)
    expect(jsonLines(stdout).map((task) => task.status)).toEqual(['pending', 'running', 'completed'])
  })

  it('exits 6 for a task that ended badly', async () => {
    // The bin, as a shell runs it.
    const { code } = await bin(['watch', 'xpander', XPANDER_SEED_TASK_IDS.failed, '--base-url', baseUrl.xpander()])
    expect(code).toBe(6)
  })

  it('exits 7 when --timeout passes', async () => {
    const { code, stderr } = await cli([
      'watch',
      'xpander',
      XPANDER_SEED_TASK_IDS.paused,
      '--interval',
      '50ms',
      '--timeout',
      '300ms',
      '--base-url',
      baseUrl.xpander(),
    ])
    expect(code).toBe(7)
    expect(stderr).toContain('did not finish within 300 ms')
  })
})

describe('--timeout on a single call', () => {
  it('exits 7 when the provider answers too slowly, for get and cancel alike', async () => {
    // Far longer than --timeout: the answer never comes in time, however loaded the machine.
    wexa.faults.inject('*', { type: 'delay', ms: 60_000 }, { times: Infinity })
    for (const command of ['get', 'cancel']) {
      const { code, stderr } = await cli([
        command,
        'wexa',
        WEXA_SEED_TASK_ID,
        '--timeout',
        '100ms',
        '--base-url',
        baseUrl.wexa(),
      ])
      expect(code, command).toBe(7)
      expect(stderr, command).toContain('timed out after 100 ms')
    }
  })

  it('exits 0 when the answer comes within --timeout', async () => {
    const { code } = await cli(['get', 'wexa', WEXA_SEED_TASK_ID, '--timeout', '10s', '--base-url', baseUrl.wexa()])
    expect(code).toBe(0)
  })
})

describe('pause, resume, cancel', () => {
  it('controls an Orkes workflow', async () => {
    const id = orkes.workflowHarness().createTask()
    for (const [command, status] of [
      ['pause', 'paused'],
      ['resume', 'running'],
      ['cancel', 'cancelled'],
    ] as const) {
      const { code, stdout } = await cli([command, 'orkes', id, '--resource', 'workflow', '--json'])
      expect(code).toBe(0)
      expect(jsonLines(stdout)[0]).toMatchObject({ id, status })
    }
  })

  it('exits 2 for an operation the provider does not have, and says what to do', async () => {
    const { code, stderr } = await cli(['pause', 'orkes', ORKES_SEED_TASK_ID])
    expect(code).toBe(2)
    expect(stderr).toContain('add --resource workflow to pause a workflow execution')
    expect(stderr).not.toContain("resource: 'workflow'")
  })
})

describe('list with no provider', () => {
  it('lists every configured provider in one table, base URLs from the environment', async () => {
    const env = { ...credentials(), WEXA_BASE_URL: wexa.baseUrl, XPANDER_BASE_URL: xpander.baseUrl }
    const { code, stdout, stderr } = await cli(['list', '--limit', '2'], env)
    expect(code, stderr).toBe(0)
    const providers = stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+/)[0])
    expect(providers).toEqual(['wexa', 'wexa', 'xpander', 'xpander', 'orkes', 'orkes'])
  })

  it('leaves out providers that are not configured, and says so when none is', async () => {
    const only = await cli(['list', '--json'], { XPANDER_API_KEY: xpander.apiKey, XPANDER_BASE_URL: xpander.baseUrl })
    expect(only.code).toBe(0)
    expect(new Set(jsonLines(only.stdout).map((task) => task.provider))).toEqual(new Set(['xpander']))
    const none = await cli(['list'], {})
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('taskbridge emulate')
  })

  it('shows the providers that answered and exits with the code of the one that failed', async () => {
    const env = {
      ...credentials(),
      WEXA_BASE_URL: wexa.baseUrl,
      XPANDER_BASE_URL: xpander.baseUrl,
      XPANDER_API_KEY: 'refused',
    }
    const { code, stdout, stderr } = await cli(['list', '--limit', '1'], env)
    expect(code).toBe(3)
    expect(stdout).toMatch(/^wexa /m)
    expect(stdout).toMatch(/^orkes /m)
    expect(stderr).toMatch(/^error: .*\(exit 3: authentication\)$/m)
  })
})

describe('watch: waiting for input, several tasks', () => {
  it('says what a waiting task waits for', async () => {
    const { code, stdout } = await cli([
      'watch',
      'xpander',
      XPANDER_SEED_TASK_IDS.pausedHitl,
      '--interval',
      '50ms',
      // Room for the first read on a loaded machine: the line is printed after it.
      '--timeout',
      '5s',
      '--base-url',
      baseUrl.xpander(),
    ])
    expect(code).toBe(7)
    expect(stdout).toContain(
      `xpander ${XPANDER_SEED_TASK_IDS.pausedHitl} is waiting for a person's answer to “Approve refund”`,
    )
    expect(stdout.match(/is waiting for/g)).toHaveLength(1)
  })

  it('follows several tasks at once and exits 6 when one of them failed', async () => {
    const ids = [XPANDER_SEED_TASK_IDS.completedMarkdown, XPANDER_SEED_TASK_IDS.failed]
    const { code, stdout } = await cli(['watch', 'xpander', ...ids, '--base-url', baseUrl.xpander()])
    expect(code).toBe(6)
    for (const id of ids) expect(stdout).toContain(id)
  })

  it('exits 4 when one of several ids is unknown', async () => {
    const ids = [XPANDER_SEED_TASK_IDS.paused, xpander.unknownTaskId()]
    const { code } = await cli(['watch', 'xpander', ...ids, '--base-url', baseUrl.xpander()])
    expect(code).toBe(4)
  })
})

describe('start', () => {
  it('starts an xpander agent run and watches it to the end with --watch', async () => {
    const stop = advanceWhileWatched(xpander)
    const { code, stdout } = await cli([
      'start',
      'xpander',
      '--agent',
      XPANDER_SEED_AGENT_IDS.writer,
      '--text',
      'Draft the release notes',
      '--watch',
      '--interval',
      '100ms',
      '--json',
      '--base-url',
      baseUrl.xpander(),
    ]).finally(stop)
    expect(code).toBe(0)
    expect(jsonLines(stdout).at(-1)?.status).toBe('completed')
    expect(xpander.requests.find((request) => request.route === 'invokeAsync')?.body).toMatchObject({
      input: { text: 'Draft the release notes' },
    })
  })

  it('starts an Orkes workflow (workflow mode implied) and a Wexa agentflow', async () => {
    const orkesRun = await cli([
      'start',
      'orkes',
      '--workflow',
      'order_fulfillment',
      '--input',
      '{"orderId":"o-1"}',
      '--json',
    ])
    expect(orkesRun.code, orkesRun.stderr).toBe(0)
    const [workflow] = jsonLines(orkesRun.stdout)
    expect(workflow?.input).toMatchObject({ orderId: 'o-1' })
    const wexaRun = await cli([
      'start',
      'wexa',
      '--agentflow',
      'flow-1',
      '--goal',
      'Report',
      '--base-url',
      baseUrl.wexa(),
    ])
    expect(wexaRun.code, wexaRun.stderr).toBe(0)
    expect(wexaRun.stdout).toMatch(/follow it with: taskbridge watch wexa \S+/)
  })

  it('starts an Orkes workflow once for two starts with one --idempotency-key, and exits 2 for a Wexa one', async () => {
    const start = () => cli(['start', 'orkes', '--workflow', 'order_fulfillment', '--idempotency-key', 'o-7', '--json'])
    const [first, second] = [await start(), await start()]
    expect(first.code, first.stderr).toBe(0)
    expect(jsonLines(second.stdout)[0]?.id).toBe(jsonLines(first.stdout)[0]?.id)
    const wexaRun = await cli([
      'start',
      'wexa',
      '--agentflow',
      'f',
      '--goal',
      'g',
      '--idempotency-key',
      'k',
      '--base-url',
      baseUrl.wexa(),
    ])
    expect(wexaRun.code).toBe(2)
    expect(wexaRun.stderr).toContain('idempotencyKey')
  })

  it('asks an A2A agent found from A2A_AGENT_CARD_URL and watches its task to completed with --watch', async () => {
    const { code, stdout, stderr } = await cli(
      ['start', 'a2a', '--text', 'Summarise the report', '--watch', '--interval', '100ms', '--json'],
      { A2A_AGENT_CARD_URL: a2a.agentCardUrl, A2A_API_KEY: a2a.apiKey },
    )
    expect(code, stderr).toBe(0)
    const done = jsonLines(stdout).at(-1)
    expect(done).toMatchObject({ provider: 'a2a', status: 'completed' })
    expect(JSON.stringify(done?.output)).toContain(A2A_EMULATOR_ANSWER)
    expect(stdout + stderr).not.toContain(a2a.apiKey)
  })

  it('calls an MCP tool found from MCP_URL as a task and watches it to completed with --watch', async () => {
    const { code, stdout, stderr } = await cli(
      ['start', 'mcp', '--tool', mcp.toolName, '--input', '{"topic":"sales"}', '--watch', '--json'],
      { MCP_URL: mcp.mcpUrl, MCP_TOKEN: mcp.token },
    )
    expect(code, stderr).toBe(0)
    const done = jsonLines(stdout).at(-1)
    expect(done).toMatchObject({
      provider: 'mcp',
      status: 'completed',
      output: { value: { answer: MCP_EMULATOR_ANSWER } },
    })
    expect(stdout + stderr).not.toContain(mcp.token)
  })

  it('reaches an A2A JSON-RPC endpoint given as --base-url, without the card', async () => {
    const { code, stdout, stderr } = await cli(
      ['get', 'a2a', a2a.createTask('TASK_STATE_COMPLETED'), '--base-url', a2a.jsonRpcUrl, '--json'],
      { A2A_API_KEY: a2a.apiKey },
    )
    expect(code, stderr).toBe(0)
    expect(jsonLines(stdout)[0]).toMatchObject({ provider: 'a2a', status: 'completed' })
    expect(a2a.requests.map((request) => request.route)).toEqual(['getTask'])
  })

  it('says which variable to set when no A2A agent is given', async () => {
    const { code, stderr } = await cli(['get', 'a2a', 't-1'], {})
    expect(code).toBe(2)
    expect(stderr).toContain('a2a: A2A_AGENT_CARD_URL is not set; export it or pass --base-url')
  })

  it.each([
    [['start', 'a2a']],
    [['start', 'mcp', '--input', '{}']],
    [['start', 'xpander', '--text', 'hi']],
    [['start', 'orkes', '--workflow', 'order_fulfillment', '--input', '[1]']],
    [['start', 'orkes', '--workflow', 'order_fulfillment', '--resource', 'task']],
  ])('exits 2 for %j before any request', async (args) => {
    const { code, stderr } = await cli(args)
    expect(code).toBe(2)
    expect(stderr).toMatch(/--(agent|input|resource|text|tool)/)
  })
})

describe('providers and demo', () => {
  it('shows what is configured and what each provider can do', async () => {
    const { code, stdout } = await cli(['providers', '--json'], { XPANDER_API_KEY: 'x' })
    expect(code).toBe(0)
    const rows = JSON.parse(stdout) as {
      provider: string
      resource: string | null
      configured: boolean
      capabilities: Record<string, boolean>
    }[]
    expect(rows.map((row) => [row.provider, row.resource, row.configured])).toEqual([
      ['wexa', null, false],
      ['xpander', null, true],
      ['orkes', 'task', false],
      ['orkes', 'workflow', false],
      ['a2a', null, false],
      ['mcp', null, false],
    ])
    expect(rows[1]?.capabilities).toEqual({
      get: true,
      list: true,
      start: true,
      idempotentStart: false,
      stream: true,
      pause: false,
      resume: false,
      answer: false,
      cancel: true,
    })
    expect(rows[3]?.capabilities.pause).toBe(true)
    expect(rows[3]?.capabilities.answer).toBe(true)
  })

  it('runs the demo with no account and exits 0', async () => {
    const { code, stdout } = await cli(['demo'], {})
    expect(code).toBe(0)
    for (const caption of [
      '1. Tasks from three providers',
      '2. Starting an xpander agent',
      '3. Asking an A2A agent',
      '4. Calling an MCP tool as a task',
      '5. An Orkes workflow',
      '6. Stopping a Wexa task',
      '7. A typed error',
    ]) {
      expect(stdout).toContain(caption)
    }
    expect(stdout).toMatch(/completed \(TASK_STATE_COMPLETED\)/)
    expect(stdout).toMatch(/4\. Calling an MCP tool[\s\S]* completed\b[\s\S]*5\. An Orkes/)
    expect(stdout).toMatch(/cancel → cancelled \(TERMINATED\)/)
    expect(stdout).toContain('(exit 4: not found)')
    expect(stdout).toMatch(/demo finished in/)
  })
})
