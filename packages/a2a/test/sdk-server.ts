// A real A2A server made only with the official @a2a-js/sdk server classes:
// its DefaultRequestHandler, InMemoryTaskStore, push notification store and
// sender, and its Express transports (JSON-RPC and HTTP+JSON, each with the
// v0.3 compatibility layer on), served on 127.0.0.1. The agent executor below
// is ours: what a message asks decides which states its task goes through.
import { randomUUID } from 'node:crypto'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  A2A_PROTOCOL_VERSION,
  AGENT_CARD_PATH,
  type AgentCard,
  type Part,
  Role,
  type Task,
  TaskState,
} from '@a2a-js/sdk'
import { duplicateInterfacesForLegacy } from '@a2a-js/sdk/compat/v0_3'
import { createLegacyAwarePushNotificationSender } from '@a2a-js/sdk/compat/v0_3/server'
import {
  AgentEvent,
  type AgentExecutor,
  DefaultRequestHandler,
  type ExecutionEventBus,
  InMemoryPushNotificationStore,
  InMemoryTaskStore,
  type RequestContext,
  type ServerCallContext,
} from '@a2a-js/sdk/server'
import { agentCardHandler, jsonRpcHandler, restHandler, UserBuilder } from '@a2a-js/sdk/server/express'
import express from 'express'

/** Every state a task of this agent can be put in, as the SDK names them. */
export const SDK_STATES = {
  submitted: TaskState.TASK_STATE_SUBMITTED,
  working: TaskState.TASK_STATE_WORKING,
  'input-required': TaskState.TASK_STATE_INPUT_REQUIRED,
  'auth-required': TaskState.TASK_STATE_AUTH_REQUIRED,
  completed: TaskState.TASK_STATE_COMPLETED,
  failed: TaskState.TASK_STATE_FAILED,
  canceled: TaskState.TASK_STATE_CANCELED,
  rejected: TaskState.TASK_STATE_REJECTED,
} as const

/** What a message's text asks the agent: the states its task then goes through. */
export type AgentScript = keyof typeof SCRIPTS

const SCRIPTS = {
  /** working, then an artifact and completed once the gate opens. */
  run: ['working', 'gate', 'artifact', 'completed'],
  /** working, then waits for the gate forever (until cancelled). */
  hang: ['working', 'gate-forever'],
  ask: ['working', 'input-required'],
  login: ['working', 'auth-required'],
  fail: ['working', 'failed'],
  reject: ['rejected'],
  /** Completed at once, with a text and a data artifact. */
  answer: ['working', 'artifact', 'completed'],
} as const

export interface SdkServer {
  /** `http://127.0.0.1:<port>`, where the agent card is served. */
  readonly origin: string
  /** The URL of the agent card. */
  readonly agentCardUrl: string
  /** The key the server accepts (`x-api-key`); `invalidate()` makes it refuse it. */
  readonly apiKey: string
  /** The SDK's task store (ground truth). */
  readonly store: ObservedTaskStore
  /** Lets every task waiting at its gate go on. */
  openGates(): void
  /** From now on the current key is refused. */
  invalidate(): void
  /** Accepts the original key again. */
  restoreCredentials(): void
  /** The HTTP port of the server, for a proxy in front. */
  readonly port: number
  close(): Promise<void>
}

function textPart(text: string): Part {
  return { content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }
}

function dataPart(value: unknown): Part {
  return { content: { $case: 'data', value }, metadata: undefined, filename: '', mediaType: 'application/json' }
}

function scriptOf(context: RequestContext): AgentScript {
  const part = context.userMessage.parts[0]?.content
  const text = part?.$case === 'text' ? part.value.trim() : ''
  return (text in SCRIPTS ? text : 'run') as AgentScript
}

/** Runs each message's script, publishing the SDK's own events. */
class ScriptedAgent implements AgentExecutor {
  readonly #gates = new Set<() => void>()
  readonly #cancelled = new Set<string>()

  openGates(): void {
    for (const open of this.#gates) open()
    this.#gates.clear()
  }

  cancelTask = async (taskId: string, bus: ExecutionEventBus): Promise<void> => {
    this.#cancelled.add(taskId)
    this.openGates()
    bus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId: '',
        status: { state: TaskState.TASK_STATE_CANCELED, message: undefined, timestamp: new Date().toISOString() },
        metadata: {},
      }),
    )
  }

  async execute(context: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = context
    const status = (state: TaskState, text?: string) =>
      bus.publish(
        AgentEvent.statusUpdate({
          taskId,
          contextId,
          status: {
            state,
            message: text
              ? {
                  role: Role.ROLE_AGENT,
                  messageId: randomUUID(),
                  parts: [textPart(text)],
                  taskId,
                  contextId,
                  extensions: [],
                  metadata: {},
                  referenceTaskIds: [],
                }
              : undefined,
            timestamp: new Date().toISOString(),
          },
          metadata: {},
        }),
      )
    // A message on a waiting task answers it: the agent is back at work at once.
    const now = () => new Date().toISOString()
    const answered = context.task && {
      ...context.task,
      status: { state: TaskState.TASK_STATE_WORKING, message: undefined, timestamp: now() },
    }
    bus.publish(
      AgentEvent.task(
        answered ?? {
          id: taskId,
          contextId,
          status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: new Date().toISOString() },
          artifacts: [],
          history: [context.userMessage],
          metadata: { script: scriptOf(context) },
        },
      ),
    )
    for (const step of SCRIPTS[scriptOf(context)]) {
      if (this.#cancelled.has(taskId)) break
      if (step === 'gate' || step === 'gate-forever') {
        await new Promise<void>((resolve) => this.#gates.add(resolve))
        if (step === 'gate-forever' || this.#cancelled.has(taskId)) break
      } else if (step === 'artifact') {
        bus.publish(
          AgentEvent.artifactUpdate({
            taskId,
            contextId,
            artifact: {
              artifactId: randomUUID(),
              name: 'answer',
              description: '',
              parts: [textPart('The answer is 42.'), dataPart({ answer: 42 })],
              metadata: undefined,
              extensions: [],
            },
            append: false,
            lastChunk: true,
            metadata: {},
          }),
        )
      } else {
        const texts: Record<string, string> = {
          'input-required': 'Which quarter?',
          'auth-required': 'Sign in to the calendar first.',
          failed: 'The model did not answer.',
          rejected: 'I do not do that.',
        }
        status(SDK_STATES[step], texts[step])
      }
    }
    bus.finished()
  }
}

function agentCard(origin: string): AgentCard {
  const interfaces = [
    { url: `${origin}/a2a/jsonrpc`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: A2A_PROTOCOL_VERSION },
    { url: `${origin}/a2a/rest`, protocolBinding: 'HTTP+JSON', tenant: '', protocolVersion: A2A_PROTOCOL_VERSION },
  ]
  return {
    name: 'taskbridge test agent',
    description: 'Moves its tasks through every A2A state on request.',
    supportedInterfaces: duplicateInterfacesForLegacy(interfaces, ['JSONRPC', 'HTTP+JSON']),
    provider: { organization: 'taskbridge tests', url: 'https://example.com' },
    version: '1.0.0',
    capabilities: { streaming: true, pushNotifications: true, extensions: [], extendedAgentCard: false },
    securitySchemes: {
      apiKey: {
        scheme: {
          $case: 'apiKeySecurityScheme',
          value: { description: 'The test key', location: 'header', name: 'x-api-key' },
        },
      },
    },
    securityRequirements: [{ schemes: { apiKey: { list: [] } } }],
    defaultInputModes: ['text'],
    defaultOutputModes: ['text', 'application/json'],
    skills: [],
    documentationUrl: '',
    signatures: [],
  } as AgentCard
}

/** The SDK's in-memory store, noting each task's state as it is saved, so tests read it without a request. */
export class ObservedTaskStore extends InMemoryTaskStore {
  readonly states = new Map<string, TaskState>()

  override save(task: Task, context: ServerCallContext): Promise<void> {
    if (task.status) this.states.set(task.id, task.status.state)
    return super.save(task, context)
  }
}

/** Starts the SDK server on an ephemeral loopback port; its card names `publicOrigin` (a proxy in front) when given. */
export async function startSdkServer(publicOrigin?: string): Promise<SdkServer> {
  const apiKey = `a2a-test-${randomUUID()}`
  let accepted = apiKey
  const app = express()
  const http: Server = await new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server))
  })
  const port = (http.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  // One owner for every caller, so tasks seeded here are the ones requests see.
  const store = new ObservedTaskStore(() => 'tester')
  const agent = new ScriptedAgent()
  const pushStore = new InMemoryPushNotificationStore(() => 'tester')
  const handler = new DefaultRequestHandler(
    agentCard(publicOrigin ?? origin),
    store,
    agent,
    undefined,
    pushStore,
    createLegacyAwarePushNotificationSender(pushStore, { timeout: 5000 }),
  )
  app.use(`/${AGENT_CARD_PATH}`, agentCardHandler({ agentCardProvider: handler, legacyCompat: { enabled: true } }))
  app.use((request, response, next) => {
    if (request.headers['x-api-key'] === accepted) return next()
    response.status(401).json({ error: 'unauthenticated' })
  })
  const users = UserBuilder.noAuthentication
  app.use(
    '/a2a/jsonrpc',
    jsonRpcHandler({ requestHandler: handler, userBuilder: users, legacyCompat: { enabled: true } }),
  )
  app.use('/a2a/rest', restHandler({ requestHandler: handler, userBuilder: users, legacyCompat: { enabled: true } }))
  return {
    origin,
    agentCardUrl: `${origin}/${AGENT_CARD_PATH}`,
    apiKey,
    store,
    port,
    openGates: () => agent.openGates(),
    invalidate: () => {
      accepted = randomUUID()
    },
    restoreCredentials: () => {
      accepted = apiKey
    },
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections()
        http.close(() => resolve())
      }),
  }
}
