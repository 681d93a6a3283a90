import { createHash, randomUUID } from 'node:crypto'
import {
  A2A_PROTOCOL_VERSION,
  A2A_VERSION_HEADER,
  AGENT_CARD_PATH,
  type AgentCard,
  type Task,
  TaskState,
  taskStateFromJSON,
  taskStateToJSON,
} from '@a2a-js/sdk'
import {
  DefaultRequestHandler,
  defaultServerCallContextBuilder,
  InMemoryTaskStore,
  JsonRpcTransportHandler,
  ServerCallContext,
  UnauthenticatedUser,
  validateVersion,
} from '@a2a-js/sdk/server'
import type { EmulatorHarness, HarnessRoutes } from '../contract/harness.js'
import { type EmulatorClockOption, resolveClock } from '../toolkit/clock.js'
import { applyTaskFault, type Fault, UNKNOWN_STATUS_VALUE } from '../toolkit/faults.js'
import {
  type EmulatorReply,
  type EmulatorRequest,
  type EmulatorServer,
  type RouteDefinition,
  startEmulatorServer,
} from '../toolkit/server.js'
import { A2A_EMULATOR_QUESTION, agentMessage, ClockedAgent } from './agent.js'
import { sendEachMessageOnce } from './sent-messages.js'

export { A2A_EMULATOR_ANSWER, A2A_EMULATOR_QUESTION, A2A_TASK_LIFECYCLE } from './agent.js'

/** Options of {@link startA2AEmulator}. */
export interface A2AEmulatorOptions {
  /**
   * How tasks advance: `'virtual'` (the default; only with `clock.advance`),
   * `'real-time'`, `{ realTime: { speed } }` (real time, `speed` times faster),
   * or a clock you made.
   */
  clock?: EmulatorClockOption
  /** The port on 127.0.0.1 to listen on. Default: a free one the system picks. */
  port?: number
  /** Answers browsers' CORS preflights, for a web page that calls the emulator. Default false. */
  cors?: boolean
  /** The key the agent accepts in `x-api-key`. Default: a new random key per start. */
  apiKey?: string
}

/** A running A2A emulator: the HTTP server and the contract harness. */
export interface A2AEmulator extends EmulatorServer, EmulatorHarness {
  /** Where the agent card is: `<url>/.well-known/agent-card.json`. */
  readonly agentCardUrl: string
  /** The JSON-RPC endpoint the card names (also `baseUrl`, for an adapter given no card). */
  readonly jsonRpcUrl: string
  /** The key to give the adapter. It stays the same after `invalidateCredentials()`, which makes it refused. */
  readonly apiKey: string
  /** Adds a task in input-required, asking {@link A2A_EMULATOR_QUESTION}; a message on it (`answerTask`) resumes it. */
  createWaitingTask(): string
}

/** The route names of the A2A emulator: the card, and one per JSON-RPC method (`jsonRpc` for the others). */
export const A2A_EMULATOR_ROUTES: HarnessRoutes & { agentCard: string; streamMessage: string; jsonRpc: string } = {
  agentCard: 'agentCard',
  getTask: 'getTask',
  listTasks: 'listTasks',
  startTask: 'startTask',
  streamMessage: 'streamMessage',
  streamTask: 'streamTask',
  cancelTask: 'cancelTask',
  // An answer is a message on the waiting task: the same method as a start.
  answerTask: 'startTask',
  jsonRpc: 'jsonRpc',
}

/** Every state an emulated task can be in, by its A2A v1.0 name (`TASK_STATE_WORKING`, …). */
export const A2A_PROVIDER_STATUSES: readonly string[] = [
  TaskState.TASK_STATE_SUBMITTED,
  TaskState.TASK_STATE_WORKING,
  TaskState.TASK_STATE_INPUT_REQUIRED,
  TaskState.TASK_STATE_AUTH_REQUIRED,
  TaskState.TASK_STATE_COMPLETED,
  TaskState.TASK_STATE_FAILED,
  TaskState.TASK_STATE_CANCELED,
  TaskState.TASK_STATE_REJECTED,
].map(taskStateToJSON)

const JSON_RPC_PATH = '/a2a/jsonrpc'
const INTERNAL_ERROR = -32603
// What the SDK's Express transport sends with an event stream.
const SSE_HEADERS = { connection: 'keep-alive', 'x-accel-buffering': 'no' }

/** The SDK's task store, noting each task's state as it is saved so the harness reads it without a request. */
class ObservedTaskStore extends InMemoryTaskStore {
  readonly states = new Map<string, TaskState>()

  override save(task: Task, context: ServerCallContext): Promise<void> {
    if (task.status) this.states.set(task.id, task.status.state)
    return super.save(task, context)
  }
}

function agentCard(origin: string): AgentCard {
  return {
    name: 'taskbridge A2A emulator',
    description:
      'An emulated A2A agent: its tasks are working after 1 s and completed after 3 s; a question gets input-required.',
    supportedInterfaces: [
      {
        url: `${origin}${JSON_RPC_PATH}`,
        protocolBinding: 'JSONRPC',
        tenant: '',
        protocolVersion: A2A_PROTOCOL_VERSION,
      },
    ],
    provider: { organization: 'taskbridge testkit', url: 'https://github.com/taskbridge/taskbridge' },
    version: '1.0.0',
    capabilities: { streaming: true, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: {
      apiKey: {
        scheme: {
          $case: 'apiKeySecurityScheme',
          value: { description: 'The emulator key', location: 'header', name: 'x-api-key' },
        },
      },
    },
    securityRequirements: [{ schemes: { apiKey: { list: [] } } }],
    defaultInputModes: ['text'],
    defaultOutputModes: ['text'],
    skills: [],
    documentationUrl: '',
    signatures: [],
  } as AgentCard
}

/** The task of a JSON-RPC answer, its `result`; an error answer as it is. */
function resultTask(body: unknown): unknown {
  const { result } = (body ?? {}) as { result?: unknown }
  return result === undefined ? body : result
}

/** A payload fault on a JSON-RPC answer changes the task in its `result`. */
function faultTaskResult(body: unknown, fault: Fault): unknown {
  const { result } = body as { result?: { status?: object } }
  if (typeof result !== 'object' || result === null) return body
  const task =
    fault.type === 'unknown-status'
      ? { ...result, status: { ...result.status, state: fault.value ?? UNKNOWN_STATUS_VALUE } }
      : applyTaskFault(result, fault, 'status')
  return { ...(body as object), result: task }
}

/**
 * Starts an emulator of an Agent2Agent (A2A) agent on 127.0.0.1, made with
 * the official `@a2a-js/sdk` server (`DefaultRequestHandler`,
 * `InMemoryTaskStore`, `JsonRpcTransportHandler`) and answering as its
 * Express transport does, over node:http: the agent card at
 * `/.well-known/agent-card.json`, A2A v1.0 over JSON-RPC at `/a2a/jsonrpc`
 * (streams as SSE `data:` frames), an API key in `x-api-key`. A message's
 * task is working after 1 s and completed with a text artifact after 3 s on
 * the emulator's clock; a message with a `?` gets input-required instead.
 * A message sent again with the same `messageId` gets its first task back.
 *
 * @example
 * ```ts
 * await using agent = await startA2AEmulator()
 * const adapter = createA2AAdapter({ agentCardUrl: agent.agentCardUrl, apiKey: agent.apiKey })
 * const { id } = await adapter.startTask({ text: 'Summarise the report' })
 * agent.clock.advance(3000)
 * ```
 */
export async function startA2AEmulator(options: A2AEmulatorOptions = {}): Promise<A2AEmulator> {
  const clock = resolveClock(options.clock)
  const apiKey = options.apiKey ?? `a2a-test-${randomUUID()}`
  let acceptedKey = apiKey
  // Every caller is the same owner; a new owner on reset is an empty store.
  let owner = randomUUID()
  const store = new ObservedTaskStore(() => owner)
  const agent = new ClockedAgent(clock)
  let handler: DefaultRequestHandler | undefined
  let transport: JsonRpcTransportHandler | undefined
  const user = new UnauthenticatedUser()

  const authenticate = (request: EmulatorRequest): EmulatorReply | undefined =>
    request.headers['x-api-key'] === acceptedKey ? undefined : { status: 401, body: { error: 'unauthenticated' } }

  const serveCard = async (request: EmulatorRequest): Promise<EmulatorReply> => {
    const body = JSON.stringify(await (handler as DefaultRequestHandler).getAgentCard())
    const etag = `W/"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`
    const headers = { etag, 'cache-control': 'public, max-age=3600' }
    if (request.headers['if-none-match'] === etag) return { status: 304, headers }
    return { status: 200, body: JSON.parse(body), headers }
  }

  /** A JSON-RPC call as the SDK's Express `jsonRpcHandler` answers it. */
  const serveJsonRpc = async (request: EmulatorRequest): Promise<EmulatorReply> => {
    const id = (request.body as { id?: unknown } | undefined)?.id ?? null
    const failure = (error: unknown): EmulatorReply => {
      const mapped = JsonRpcTransportHandler.mapToJSONRPCError(error)
      return { status: mapped.code === INTERNAL_ERROR ? 500 : 200, body: { jsonrpc: '2.0', id, error: mapped } }
    }
    try {
      const requestedVersion = (request.headers[A2A_VERSION_HEADER.toLowerCase()] as string | undefined) || undefined
      const context = defaultServerCallContextBuilder({
        extensions: undefined,
        user,
        headers: request.headers,
        requestedVersion,
      })
      validateVersion(context.requestedVersion, await (handler as DefaultRequestHandler).getAgentCard(), 'JSONRPC')
      const payload = (request.body ?? request.text) as string | Record<string, unknown>
      const answer = await (transport as JsonRpcTransportHandler).handle(payload, context)
      if (!(Symbol.asyncIterator in answer)) return { status: 200, body: answer }
      const iterator = answer[Symbol.asyncIterator]()
      let first: IteratorResult<unknown>
      try {
        first = await iterator.next()
      } catch (error) {
        // An error before the first event is a plain JSON-RPC answer, not a stream.
        return { status: 200, body: { jsonrpc: '2.0', id, error: JsonRpcTransportHandler.mapToJSONRPCError(error) } }
      }
      async function* frames(): AsyncGenerator<string> {
        try {
          if (!first.done) yield `data: ${JSON.stringify(first.value)}\n\n`
          for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
            yield `data: ${JSON.stringify(next.value)}\n\n`
          }
        } catch (error) {
          const body = { jsonrpc: '2.0', id, error: JsonRpcTransportHandler.mapToJSONRPCError(error) }
          yield `event: error\ndata: ${JSON.stringify(body)}\n\n`
        } finally {
          await iterator.return?.(undefined)
        }
      }
      return { status: 200, events: frames(), headers: SSE_HEADERS }
    } catch (error) {
      return failure(error)
    }
  }

  const sending = sendEachMessageOnce(serveJsonRpc)
  const method = (name: string) => (request: EmulatorRequest) =>
    (request.body as { method?: unknown } | undefined)?.method === name
  const call = (name: string, rpcMethod: string, taskAnswer: boolean): RouteDefinition => ({
    name,
    method: 'POST',
    path: JSON_RPC_PATH,
    matches: method(rpcMethod),
    ...(taskAnswer ? { payload: 'task' as const, task: { get: resultTask, applyFault: faultTaskResult } } : {}),
    handler: rpcMethod === 'SendMessage' ? sending.serve : serveJsonRpc,
  })
  const routes: RouteDefinition[] = [
    {
      name: A2A_EMULATOR_ROUTES.agentCard,
      method: 'GET',
      path: `/${AGENT_CARD_PATH}`,
      auth: false,
      handler: serveCard,
    },
    call(A2A_EMULATOR_ROUTES.getTask, 'GetTask', true),
    call(A2A_EMULATOR_ROUTES.listTasks as string, 'ListTasks', false),
    call(A2A_EMULATOR_ROUTES.startTask as string, 'SendMessage', false),
    call(A2A_EMULATOR_ROUTES.streamMessage, 'SendStreamingMessage', false),
    call(A2A_EMULATOR_ROUTES.streamTask as string, 'SubscribeToTask', false),
    call(A2A_EMULATOR_ROUTES.cancelTask as string, 'CancelTask', true),
    { name: A2A_EMULATOR_ROUTES.jsonRpc, method: 'POST', path: JSON_RPC_PATH, handler: serveJsonRpc },
  ]

  const server = await startEmulatorServer({
    clock,
    port: options.port,
    cors: options.cors,
    routes,
    authenticate,
    errorBody: (status, message) => ({ error: { code: status, message } }),
  })
  handler = new DefaultRequestHandler(agentCard(server.url), store, agent)
  transport = new JsonRpcTransportHandler(handler)

  const seedContext = () => new ServerCallContext({ user })
  const createTask = (status?: string): string => {
    if (status !== undefined && !A2A_PROVIDER_STATUSES.includes(status)) {
      throw new RangeError(`startA2AEmulator: createTask takes one of ${A2A_PROVIDER_STATUSES.join(', ')}`)
    }
    const state = status === undefined ? TaskState.TASK_STATE_WORKING : taskStateFromJSON(status)
    const id = randomUUID()
    // InMemoryTaskStore.save stores before its first await, so the task is there when this returns.
    void store.save(
      {
        id,
        contextId: randomUUID(),
        status: { state, message: undefined, timestamp: new Date(clock.now()).toISOString() },
        artifacts: [],
        history: [],
        metadata: {},
      },
      seedContext(),
    )
    return id
  }

  /** A task waiting for the user's answer to the agent's question, as the agent leaves one. */
  const createWaitingTask = (): string => {
    const id = randomUUID()
    const contextId = randomUUID()
    void store.save(
      {
        id,
        contextId,
        status: {
          state: TaskState.TASK_STATE_INPUT_REQUIRED,
          message: agentMessage(A2A_EMULATOR_QUESTION, id, contextId),
          timestamp: new Date(clock.now()).toISOString(),
        },
        artifacts: [],
        history: [],
        metadata: {},
      },
      seedContext(),
    )
    return id
  }

  const closeServer = server.close
  // Waiting tasks end first, so none is left looking at the clock.
  const close = async () => {
    await agent.close()
    await closeServer()
  }

  return Object.assign(server, {
    baseUrl: `${server.url}${JSON_RPC_PATH}`,
    agentCardUrl: `${server.url}/${AGENT_CARD_PATH}`,
    jsonRpcUrl: `${server.url}${JSON_RPC_PATH}`,
    apiKey,
    routes: A2A_EMULATOR_ROUTES,
    secrets: [apiKey],
    providerStatuses: A2A_PROVIDER_STATUSES,
    createTask,
    createWaitingTask,
    providerStatusOf: (id: string) => {
      const state = store.states.get(id)
      return state === undefined ? undefined : taskStateToJSON(state)
    },
    unknownTaskId: () => randomUUID(),
    invalidateCredentials: () => {
      acceptedKey = `a2a-rotated-${randomUUID()}`
    },
    reset: () => {
      owner = randomUUID()
      store.states.clear()
      sending.forget()
      acceptedKey = apiKey
      server.faults.clear()
      server.clearRequests()
    },
    close,
    [Symbol.asyncDispose]: close,
  })
}
