// The contract suite's EmulatorHarness over the official-SDK server. The SDK
// server answers every request; a small recording proxy in front of it (on
// its own loopback port, the one the agent card names) gives the suite what
// the SDK has no notion of: route names, a request log, and injected faults.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Role, taskStateToJSON } from '@a2a-js/sdk'
import { ServerCallContext } from '@a2a-js/sdk/server'
import {
  createFaultController,
  createVirtualClock,
  type EmulatorHarness,
  type HarnessRoutes,
  type RecordedRequest,
  UNKNOWN_STATUS_VALUE,
  type VirtualClock,
} from '@taskbridge/testkit'
import { SDK_STATES, type SdkServer, startSdkServer } from './sdk-server.js'

/** The v0.3 names of the SDK's states (its v1.0 names come from `taskStateToJSON`). */
const V03_NAMES = new Map<number, string>(Object.entries(SDK_STATES).map(([name, state]) => [state, name]))

export interface A2AHarness extends EmulatorHarness {
  readonly sdk: SdkServer
  readonly agentCardUrl: string
  readonly apiKey: string
  readonly version: '1.0' | '0.3'
  readonly requests: RecordedRequest[]
}

const JSON_RPC_ROUTES: Record<string, keyof HarnessRoutes> = {
  GetTask: 'getTask',
  'tasks/get': 'getTask',
  ListTasks: 'listTasks',
  CancelTask: 'cancelTask',
  'tasks/cancel': 'cancelTask',
  SendMessage: 'startTask',
  'message/send': 'startTask',
  SubscribeToTask: 'streamTask',
  'tasks/resubscribe': 'streamTask',
}

function routeOf(method: string, path: string, body: unknown): string | undefined {
  if (path.endsWith('/agent-card.json')) return 'agentCard'
  if (path === '/a2a/jsonrpc') return JSON_RPC_ROUTES[String((body as { method?: unknown } | undefined)?.method)]
  if (!path.startsWith('/a2a/rest/')) return undefined
  const rest = path.slice('/a2a/rest'.length)
  if (rest === '/message:send') return 'startTask'
  if (rest === '/tasks') return 'listTasks'
  if (rest.endsWith(':cancel')) return 'cancelTask'
  if (rest.endsWith(':subscribe')) return 'streamTask'
  return method === 'GET' && rest.startsWith('/tasks/') ? 'getTask' : undefined
}

/** The task in an answer: JSON-RPC's `result`, or the HTTP+JSON body itself. */
function taskIn(body: unknown, jsonRpc: boolean): unknown {
  return jsonRpc ? (body as { result?: unknown } | undefined)?.result : body
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Starts the SDK server with the proxy in front; `version` is what the harness's statuses are named in. */
export async function startA2AHarness(version: '1.0' | '0.3' = '1.0'): Promise<A2AHarness> {
  const faults = createFaultController()
  const requests: RecordedRequest[] = []
  const base = createVirtualClock()
  let sdk: SdkServer | undefined
  // Moving the clock lets the agent's waiting tasks go on, as time passing would.
  const clock: VirtualClock = {
    now: () => base.now(),
    set: (epochMs) => base.set(epochMs),
    advance: (ms) => {
      base.advance(ms)
      sdk?.openGates()
    },
  }

  async function forward(incoming: IncomingMessage, response: ServerResponse, record: RecordedRequest, text: string) {
    const fault = record.route ? faults.take(record.route) : undefined
    if (fault) record.fault = fault.type
    if (fault?.type === 'reset') return incoming.socket.destroy()
    if (fault?.type === 'status') {
      record.status = fault.status
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (fault.retryAfter) headers['retry-after'] = fault.retryAfter
      response.writeHead(fault.status, headers)
      return response.end(JSON.stringify(fault.body ?? { error: { code: fault.status, message: 'injected' } }))
    }
    if (fault?.type === 'non-json') {
      record.status = 200
      response.writeHead(200, { 'content-type': 'text/html' })
      return response.end('<html><body><h1>502 Bad Gateway</h1></body></html>')
    }
    if (fault?.type === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms))
    if (response.destroyed) return
    const headers = Object.fromEntries(
      Object.entries(incoming.headers).filter(
        ([name]) =>
          !['host', 'connection', 'content-length'].includes(name) && typeof incoming.headers[name] === 'string',
      ),
    ) as Record<string, string>
    const upstream = await fetch(`${(sdk as SdkServer).origin}${incoming.url}`, {
      method: incoming.method,
      headers,
      body: text === '' ? undefined : text,
    })
    record.status = upstream.status
    const type = upstream.headers.get('content-type') ?? 'application/json'
    if (type.startsWith('text/event-stream') && upstream.body) {
      response.writeHead(upstream.status, { 'content-type': type, 'cache-control': 'no-cache' })
      for await (const chunk of upstream.body) response.write(chunk)
      return response.end()
    }
    let answer = await upstream.text()
    const jsonRpc = record.path === '/a2a/jsonrpc'
    try {
      const parsed = JSON.parse(answer)
      record.response = taskIn(parsed, jsonRpc)
      if (fault?.type === 'unknown-status') {
        const task = taskIn(parsed, jsonRpc) as { status?: { state?: string } }
        if (task?.status) task.status.state = fault.value ?? UNKNOWN_STATUS_VALUE
        answer = JSON.stringify(parsed)
      }
    } catch {
      record.response = answer
    }
    response.writeHead(upstream.status, { 'content-type': type })
    if (fault?.type === 'truncate') return response.end(answer.slice(0, Math.floor(answer.length / 2)))
    response.end(answer)
  }

  const proxy: Server = createServer((incoming, response) => {
    void (async () => {
      const text = await readBody(incoming)
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
      let body: unknown
      try {
        body = text ? JSON.parse(text) : undefined
      } catch {
        body = undefined
      }
      const record: RecordedRequest = {
        route: routeOf(incoming.method ?? 'GET', url.pathname, body),
        method: incoming.method ?? 'GET',
        target: incoming.url ?? '/',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body,
        receivedAt: clock.now(),
        status: undefined,
      }
      requests.push(record)
      response.on('close', () => {
        if (!response.writableFinished) record.clientClosed = true
      })
      await forward(incoming, response, record, text)
    })().catch(() => {
      if (!response.headersSent) response.writeHead(502).end()
      else response.destroy()
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  sdk = await startSdkServer(origin)
  const server = sdk
  const nameOf = (state: number) => (version === '1.0' ? taskStateToJSON(state) : (V03_NAMES.get(state) ?? 'unknown'))
  const context = new ServerCallContext()

  return {
    sdk: server,
    version,
    agentCardUrl: `${origin}/.well-known/agent-card.json`,
    baseUrl: `${origin}/.well-known/agent-card.json`,
    apiKey: server.apiKey,
    clock,
    faults,
    requests,
    routes: {
      getTask: 'getTask',
      listTasks: version === '1.0' ? 'listTasks' : undefined,
      startTask: 'startTask',
      streamTask: 'streamTask',
      cancelTask: 'cancelTask',
      // An answer is a message on the waiting task, sent like a start.
      answerTask: 'startTask',
    },
    secrets: [server.apiKey],
    providerStatuses: Object.values(SDK_STATES).map(nameOf),
    createTask(status) {
      const entry = Object.entries(SDK_STATES).find(([name, state]) => status === name || status === nameOf(state))
      if (status !== undefined && !entry) throw new Error(`startA2AHarness: no state ${status}`)
      const id = randomUUID()
      const timestamp = new Date(clock.now()).toISOString()
      // InMemoryTaskStore.save stores before its first await, so the task is there when this returns.
      void server.store.save(
        {
          id,
          contextId: randomUUID(),
          status: { state: entry?.[1] ?? SDK_STATES.working, message: undefined, timestamp },
          artifacts: [],
          history: [],
          metadata: { seeded: true },
        },
        context,
      )
      return id
    },
    createWaitingTask() {
      const id = randomUUID()
      const contextId = randomUUID()
      const question = { role: Role.ROLE_AGENT, messageId: randomUUID(), parts: [], taskId: id, contextId }
      void server.store.save(
        {
          id,
          contextId,
          status: {
            state: SDK_STATES['input-required'],
            message: {
              ...question,
              parts: [
                {
                  content: { $case: 'text', value: 'Which quarter?' },
                  metadata: undefined,
                  filename: '',
                  mediaType: 'text/plain',
                },
              ],
              extensions: [],
              metadata: {},
              referenceTaskIds: [],
            },
            timestamp: new Date(clock.now()).toISOString(),
          },
          artifacts: [],
          history: [],
          metadata: { seeded: true },
        },
        context,
      )
      return id
    },
    providerStatusOf(id) {
      const state = server.store.states.get(id)
      return state === undefined ? undefined : nameOf(state)
    },
    unknownTaskId: () => randomUUID(),
    invalidateCredentials: () => server.invalidate(),
    reset() {
      server.restoreCredentials()
      faults.clear()
      requests.length = 0
    },
    async close() {
      proxy.closeAllConnections()
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
      await server.close()
    },
  }
}
