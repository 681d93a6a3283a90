// Drives every error path of every adapter, and of the CLI, with distinctive
// secrets that the servers echo back in every encoding a body can hold, and
// searches every form an error or a task can be shown in.
import { createServer } from 'node:net'
import { inspect } from 'node:util'
import { createA2AAdapter } from '@taskbridge/a2a'
import { type TaskAdapter, TaskbridgeError, waitForTask } from '@taskbridge/core'
import { createMcpAdapter } from '@taskbridge/mcp'
import { createOrkesTaskAdapter } from '@taskbridge/orkes'
import {
  type A2AEmulator,
  type Fault,
  type McpEmulator,
  ORKES_SEED_TASK_ID,
  type OrkesEmulator,
  startA2AEmulator,
  startMcpEmulator,
  startOrkesEmulator,
  startWexaEmulator,
  startXpanderEmulator,
  WEXA_SEED_TASK_ID,
  type WexaEmulator,
  XPANDER_SEED_TASK_IDS,
  type XpanderEmulator,
} from '@taskbridge/testkit'
import { createWexaAdapter } from '@taskbridge/wexa'
import { createXpanderAdapter } from '@taskbridge/xpander'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runCliInProcess } from './run-cli.js'

// Each holds characters that encoders rewrite: `+`, `/` and `=`.
const SECRETS = {
  wexa: 'wx-LEAK+key/Wexa0001==',
  xpander: 'xp-LEAK+key/Xpan0002==',
  orkes: 'ok-LEAK+secret/Orks0003==',
  a2a: 'a2-LEAK+key/AtoA0005==',
  mcp: 'mc-LEAK+token/Mcp00006==',
  query: 'qs-LEAK+query/Qury0004==',
}
/** The option that names the server, where it is not `baseUrl`. */
const URL_OPTION: Partial<Record<string, string>> = { orkes: 'serverUrl', mcp: 'url' }
const XPANDER_TASK_ID = Object.values(XPANDER_SEED_TASK_IDS)[0] as string

const hex = (code: number) => code.toString(16).padStart(4, '0')

/** Every form in which a server may echo a secret, as JSON string content. */
function echoes(secret: string): string[] {
  return [
    secret,
    [...secret].map((char) => `\\u${hex(char.charCodeAt(0))}`).join(''),
    secret.replaceAll('=', '\\u003d').replaceAll('/', '\\/'),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (sequence) => sequence.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ]
}

/** What must never be found in any output: each secret as sent and in each encoding, and a long piece of it. */
function forbidden(secret: string): string[] {
  return [...echoes(secret), secret.slice(3, -2)]
}

const echoText = (secret: string) => echoes(secret).join(' | ')

/** Every form an error, a task or anything else can reach a log in. */
function outputForms(value: unknown): string {
  const deep = (item: unknown) => inspect(item, { showHidden: true, depth: Number.POSITIVE_INFINITY })
  const json = (item: unknown) => {
    try {
      return JSON.stringify(item) ?? ''
    } catch {
      return ''
    }
  }
  const forms = [deep(value), json(value)]
  if (value instanceof Error) {
    forms.push(String(value), value.message, value.stack ?? '')
    for (const key of ['raw', 'responseBody', 'lastTask', 'data', 'url']) {
      const field = (value as unknown as Record<string, unknown>)[key]
      forms.push(typeof field === 'string' ? field : `${json(field)} ${deep(field)}`)
    }
    for (let cause = value.cause, depth = 0; cause !== undefined && depth < 10; depth++) {
      forms.push(String(cause), deep(cause))
      cause = cause instanceof Error ? cause.cause : undefined
    }
  }
  return forms.join('\n')
}

function expectNoSecret(output: string, secrets: readonly string[]) {
  for (const secret of secrets) for (const form of forbidden(secret)) expect(output).not.toContain(form)
}

async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run()
  } catch (error) {
    return error
  }
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

let wexa: WexaEmulator
let xpander: XpanderEmulator
let orkes: OrkesEmulator
let a2a: A2AEmulator
let mcp: McpEmulator

beforeAll(async () => {
  ;[wexa, xpander, orkes, a2a, mcp] = await Promise.all([
    startWexaEmulator({ apiKey: SECRETS.wexa }),
    startXpanderEmulator({ apiKey: SECRETS.xpander }),
    startOrkesEmulator({ keySecret: SECRETS.orkes }),
    startA2AEmulator({ apiKey: SECRETS.a2a }),
    startMcpEmulator({ token: SECRETS.mcp }),
  ])
})
afterEach(() => {
  for (const emulator of [wexa, xpander, orkes, a2a, mcp]) emulator.reset()
})
afterAll(async () => {
  await Promise.all([wexa.close(), xpander.close(), orkes.close(), a2a.close(), mcp.close()])
})

interface Subject {
  name: 'wexa' | 'xpander' | 'orkes' | 'a2a' | 'mcp'
  secret: () => string
  emulator: () => WexaEmulator | XpanderEmulator | OrkesEmulator | A2AEmulator | McpEmulator
  adapter: (options?: Record<string, unknown>) => TaskAdapter
  taskId: string
  /** A task payload naming the given text, as this provider shapes it. */
  taskWithName: (name: string) => string
}

const subjects: Subject[] = [
  {
    name: 'wexa',
    secret: () => SECRETS.wexa,
    emulator: () => wexa,
    adapter: (options = {}) =>
      createWexaAdapter({
        baseUrl: wexa.baseUrl,
        apiKey: SECRETS.wexa,
        projectId: wexa.projectId,
        retry: false,
        ...options,
      }),
    taskId: WEXA_SEED_TASK_ID,
    taskWithName: (name) => `{"_id":"t1","status":"running","name":"${name}"}`,
  },
  {
    name: 'xpander',
    secret: () => SECRETS.xpander,
    emulator: () => xpander,
    adapter: (options = {}) =>
      createXpanderAdapter({ baseUrl: xpander.baseUrl, apiKey: SECRETS.xpander, retry: false, ...options }),
    taskId: XPANDER_TASK_ID,
    taskWithName: (name) => `{"id":"t1","status":"executing","title":"${name}"}`,
  },
  {
    name: 'orkes',
    secret: () => SECRETS.orkes,
    emulator: () => orkes,
    adapter: (options = {}) =>
      createOrkesTaskAdapter({
        serverUrl: orkes.baseUrl,
        keyId: orkes.keyId,
        keySecret: SECRETS.orkes,
        retry: false,
        ...options,
      }),
    taskId: ORKES_SEED_TASK_ID,
    taskWithName: (name) => `{"taskId":"t1","status":"IN_PROGRESS","taskType":"SIMPLE","taskDefName":"${name}"}`,
  },
  {
    name: 'a2a',
    secret: () => SECRETS.a2a,
    emulator: () => a2a,
    // The card, unless the test points the adapter at an endpoint of its own.
    adapter: (options = {}) =>
      createA2AAdapter({
        ...('baseUrl' in options ? {} : { agentCardUrl: a2a.agentCardUrl }),
        apiKey: SECRETS.a2a,
        retry: false,
        ...options,
      }),
    taskId: 'a2a-task-1',
    taskWithName: (name) =>
      `{"jsonrpc":"2.0","id":1,"result":{"id":"t1","contextId":"c1","status":{"state":"TASK_STATE_WORKING","message":{"messageId":"m1","role":"ROLE_AGENT","parts":[{"text":"${name}"}]}}}}`,
  },
  {
    name: 'mcp',
    secret: () => SECRETS.mcp,
    emulator: () => mcp,
    adapter: (options = {}) => createMcpAdapter({ url: mcp.mcpUrl, token: SECRETS.mcp, retry: false, ...options }),
    taskId: 'mcp-task-1',
    taskWithName: (name) =>
      `{"jsonrpc":"2.0","id":1,"result":{"taskId":"t1","status":"working","statusMessage":"${name}","createdAt":"2026-01-01T00:00:00Z","lastUpdatedAt":"2026-01-01T00:00:00Z","ttl":null}}`,
  },
]

/** The error paths every adapter goes through, each answered by the server with every echo of the secret. */
function errorPaths(subject: Subject): { path: string; fault: Fault }[] {
  const echo = echoText(subject.secret())
  const body = JSON.stringify({ detail: '@' }).replace('@', echo)
  return [
    ...[401, 403, 404, 429, 500, 503].map((status) => ({
      path: `${status} with the secret echoed in its body`,
      fault: { type: 'raw', status, text: body } as Fault,
    })),
    {
      path: '500 with a plain-text body echoing it',
      fault: { type: 'raw', status: 500, text: echo, contentType: 'text/plain' },
    },
    { path: '200 with a body that is not JSON', fault: { type: 'raw', status: 200, text: `${body} <html>` } },
    { path: '200 with JSON that is not a task', fault: { type: 'raw', status: 200, text: body } },
    {
      path: '200 with a task that is named by the echo',
      fault: { type: 'raw', status: 200, text: subject.taskWithName(echo) },
    },
  ]
}

describe.each(subjects)('$name adapter: no error path shows a secret', (subject) => {
  it.each(errorPaths(subject))('$path', { timeout: 60_000 }, async ({ fault }) => {
    subject.emulator().faults.inject('getTask', fault)
    const result = await outcome(() => subject.adapter().getTask(subject.taskId))
    if (result instanceof Error) expect(TaskbridgeError.is(result) && result.name !== 'TaskbridgeError').toBe(true)
    expectNoSecret(outputForms(result), [subject.secret()])
  })

  it('a refused connection', { timeout: 60_000 }, async () => {
    const port = await closedPort()
    const url = `http://127.0.0.1:${port}`
    const options =
      subject.name === 'orkes'
        ? { serverUrl: url, token: SECRETS.orkes }
        : { [subject.name === 'mcp' ? 'url' : 'baseUrl']: url }
    const error = await outcome(() => subject.adapter(options).getTask(subject.taskId))
    expect(error).toMatchObject({ name: 'ProviderConnectionError' })
    expectNoSecret(outputForms(error), [subject.secret()])
  })

  it('a call that times out', { timeout: 60_000 }, async () => {
    subject.emulator().faults.inject('getTask', { type: 'delay', ms: 30_000 })
    const error = await outcome(() => subject.adapter({ timeoutMs: 200 }).getTask(subject.taskId))
    expect(error).toMatchObject({ name: 'TimeoutError' })
    expectNoSecret(outputForms(error), [subject.secret()])
  })

  it('waitForTask running out of time on a task that echoes the secret (TimeoutError.lastTask)', {
    timeout: 60_000,
  }, async () => {
    const fault: Fault = { type: 'raw', status: 200, text: subject.taskWithName(echoText(subject.secret())) }
    subject.emulator().faults.inject('getTask', fault, { times: Number.POSITIVE_INFINITY })
    // Long enough for the first read on a loaded machine, so there is a lastTask to search.
    const error = await outcome(() => waitForTask(subject.adapter(), 't1', { timeoutMs: 5000, intervalMs: 20 }))
    expect(error).toMatchObject({ name: 'TimeoutError' })
    expect((error as { lastTask?: unknown }).lastTask).toBeDefined()
    expectNoSecret(outputForms(error), [subject.secret()])
  })

  it.each([
    [
      'a credential with CR LF',
      (secret: string) => ({
        [subject.name === 'orkes' || subject.name === 'mcp' ? 'token' : 'apiKey']: `${secret}\r\n`,
      }),
    ],
    [
      'a base URL that is not a URL',
      (secret: string) => ({ [URL_OPTION[subject.name] ?? 'baseUrl']: `htps//x?key=${secret}` }),
    ],
    ['a header no request can carry', (secret: string) => ({ headers: { 'x-note': `${secret}\u0100` } })],
  ])('invalid options: %s', { timeout: 60_000 }, async (_, options) => {
    const error = await outcome(async () => subject.adapter(options(subject.secret())).getTask(subject.taskId))
    expect(error).toMatchObject({ name: 'InvalidArgumentError', retryable: false })
    expectNoSecret(outputForms(error), [subject.secret()])
  })
})

describe('orkes token exchange failures show no secret', () => {
  it.each([401, 403, 500])(
    'POST /api/token answering %i with the key secret echoed',
    { timeout: 60_000 },
    async (status) => {
      orkes.faults.inject('token', { type: 'raw', status, text: `{"message":"bad key ${echoText(SECRETS.orkes)}"}` })
      const error = await outcome(() => subjects[2]?.adapter().getTask(ORKES_SEED_TASK_ID) as Promise<unknown>)
      expect(TaskbridgeError.is(error)).toBe(true)
      expectNoSecret(outputForms(error), [SECRETS.orkes])
    },
  )

  it('POST /api/token answering 200 with a body that is not a token, echoing it', { timeout: 60_000 }, async () => {
    orkes.faults.inject('token', { type: 'raw', status: 200, text: `{"error":"${echoText(SECRETS.orkes)}"}` })
    const error = await outcome(() => subjects[2]?.adapter().getTask(ORKES_SEED_TASK_ID) as Promise<unknown>)
    expect(error).toMatchObject({ name: 'AuthenticationError' })
    expectNoSecret(outputForms(error), [SECRETS.orkes])
  })
})

describe('a query-string secret echoed by the server shows nowhere', () => {
  it('a Wexa route carrying ?api_key=… answered 500 with the key echoed', { timeout: 60_000 }, async () => {
    wexa.faults.inject('getTask', { type: 'raw', status: 500, text: `{"detail":"${echoText(SECRETS.query)}"}` })
    const adapter = subjects[0]?.adapter({ routes: { getTask: `GET /task/{id}?api_key=${SECRETS.query}` } })
    const error = await outcome(() => adapter?.getTask(WEXA_SEED_TASK_ID) as Promise<unknown>)
    expect(error).toMatchObject({ name: 'ProviderApiError', status: 500 })
    expectNoSecret(outputForms(error), [SECRETS.query, SECRETS.query.replace('+', ' ')])
  })
})

// Nothing in the CLI or the adapters writes anywhere but the run's stdout and stderr, which it captures.
const cli = runCliInProcess

describe('the CLI shows no secret on any path', () => {
  const env = () => ({
    WEXA_API_KEY: SECRETS.wexa,
    WEXA_PROJECT_ID: wexa.projectId,
    XPANDER_API_KEY: SECRETS.xpander,
    ORKES_SERVER_URL: orkes.baseUrl,
    ORKES_KEY_ID: orkes.keyId,
    ORKES_KEY_SECRET: SECRETS.orkes,
    A2A_AGENT_CARD_URL: a2a.agentCardUrl,
    A2A_API_KEY: SECRETS.a2a,
    MCP_URL: mcp.mcpUrl,
    MCP_TOKEN: SECRETS.mcp,
  })
  const urls = () => ({
    wexa: wexa.baseUrl,
    xpander: xpander.baseUrl,
    orkes: orkes.baseUrl,
    a2a: a2a.jsonRpcUrl,
    mcp: mcp.mcpUrl,
  })

  describe.each(subjects)('$name', (subject) => {
    it.each(errorPaths(subject))(
      'get, $path, with --debug and with --json',
      { timeout: 120_000 },
      async ({ fault }) => {
        for (const flags of [['--debug'], ['--json', '--debug']]) {
          subject.emulator().faults.inject('getTask', fault)
          const result = await cli(
            ['get', subject.name, subject.taskId, '--base-url', urls()[subject.name], ...flags],
            env(),
          )
          expectNoSecret(`${result.stdout}\n${result.stderr}`, [subject.secret()])
        }
      },
    )

    it('watch --debug running out of time on a task that echoes the secret', { timeout: 120_000 }, async () => {
      const fault: Fault = { type: 'raw', status: 200, text: subject.taskWithName(echoText(subject.secret())) }
      subject.emulator().faults.inject('getTask', fault, { times: Number.POSITIVE_INFINITY })
      const args = [
        'watch',
        subject.name,
        't1',
        '--base-url',
        urls()[subject.name],
        '--interval',
        '20ms',
        '--timeout',
        '500ms',
        '--debug',
      ]
      const result = await cli(args, env())
      expect(result.code).toBe(7)
      expectNoSecret(`${result.stdout}\n${result.stderr}`, [subject.secret()])
    })

    it('a refused connection and a base URL that is not a URL, with --debug', { timeout: 120_000 }, async () => {
      const port = await closedPort()
      for (const baseUrl of [`http://127.0.0.1:${port}`, `htps//x?key=${subject.secret()}`]) {
        const result = await cli(['get', subject.name, subject.taskId, '--base-url', baseUrl, '--debug'], env())
        expect(result.code).not.toBe(0)
        expectNoSecret(`${result.stdout}\n${result.stderr}`, [subject.secret()])
      }
    })
  })
})
