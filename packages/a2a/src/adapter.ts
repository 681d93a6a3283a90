import {
  type CallOptions,
  defineAdapter,
  InvalidArgumentError,
  InvalidPayloadError,
  type ListQuery,
  type TaskAdapter,
  type TaskAnswer,
  TaskNotWaitingError,
  UnsupportedOperationError,
  validateTaskAnswer,
} from '@taskbridge/core'
import { countForeignTasks } from '@taskbridge/core/internal'
import {
  type Auth,
  checkCredentialTarget,
  createHttpClient,
  listPages,
  matchesListQuery,
  parseJsonText,
  payloadSourceOf,
} from '@taskbridge/provider-utils'
import { a2aErrorMessage } from './a2a-error.js'
import { type Binding, type BindingAnswer, jsonRpcBinding, restBinding, type SendExtras, splitUrl } from './binding.js'
import {
  type A2AAgentCard,
  type A2ACredentialScheme,
  type A2AInterface,
  credentialSchemesOf,
  selectInterface,
} from './card.js'
import { mergeA2AUpdate, parseA2AStreamEvent, taskIdOf } from './events.js'
import {
  A2A_PROVIDER,
  type A2ATaskMetadata,
  type A2ATaskResult,
  parseA2AAgentCard,
  parseA2ATask,
  parseA2ATaskPage,
} from './map.js'
import { type A2AAdapterOptions, resolveA2AOptions } from './options.js'
import { a2aAnswerParts } from './request.js'
import { USER_AGENT } from './version.js'

/** What {@link A2AAdapter.startTask} takes: a user message that starts (or continues) a task. */
export interface A2AStartInput extends SendExtras {
  /** The message's text. */
  text: string
}

/** {@link ListQuery} plus A2A's own filter. */
export interface A2AListQuery extends ListQuery {
  /** Only tasks of this conversation (`contextId`). */
  contextId?: string
}

/**
 * The A2A adapter: `startTask` sends a message, `answerTask` a message on a
 * waiting task's id and context, tasks carry {@link A2ATaskMetadata}.
 */
export type A2AAdapter<Name extends string = typeof A2A_PROVIDER> = TaskAdapter<
  Name,
  A2AListQuery,
  A2AStartInput,
  A2ATaskMetadata,
  TaskAnswer
>

/** The interface in use and how to reach it, once the card is read. */
interface Connection {
  readonly iface: A2AInterface
  /** The HTTP client's base URL for this interface. */
  readonly base: string
  readonly binding: Binding
  readonly schemes: readonly A2ACredentialScheme[] | undefined
  readonly streaming: boolean
}

const DEFAULT_PAGE_SIZE = 50
// The official SDK's ListTasks refuses a page size outside 1–100
// (@a2a-js/sdk 1.3.0, DefaultRequestHandler.listTasks).
const MAX_PAGE_SIZE = 100

/** Sends the credentials the card's schemes ask for (or, without a card, the key in `apiKeyHeader` and the token as a bearer). */
function credentialAuth(
  given: { apiKey?: string | undefined; token?: string | undefined; apiKeyHeader: string },
  schemes: () => readonly A2ACredentialScheme[] | undefined,
): Auth {
  const { apiKey, token } = given
  return {
    headers() {
      const asked = schemes() ?? [{ type: 'apiKey', header: given.apiKeyHeader }, { type: 'bearer' }]
      const headers: Record<string, string> = {}
      const keyScheme = asked.find((scheme) => scheme.type === 'apiKey')
      if (apiKey && keyScheme?.type === 'apiKey') headers[keyScheme.header.toLowerCase()] = apiKey
      if (token && asked.some((scheme) => scheme.type === 'bearer')) headers.authorization = `Bearer ${token}`
      return headers
    },
    secrets: () => [apiKey, token],
  }
}

/**
 * Creates the adapter for any agent that speaks the Agent2Agent protocol
 * (v1.0, or v0.3 over JSON-RPC). It reads the agent card once, on the first
 * call, picks the interface (binding and version) and sends the credentials
 * the card's API-key and bearer schemes ask for. get, list (v1.0 only),
 * start (a message, answered without waiting), answer (a message on a waiting
 * task's id and context), cancel and a subscription for
 * `watchTask`; A2A has no pause or resume.
 *
 * Every option is checked now against one strict schema, with an
 * `InvalidArgumentError` naming `createA2AAdapter` and the option; the
 * environment variables (`A2A_ENV_VARS`) are read now too.
 *
 * @example
 * ```ts
 * const agent = createA2AAdapter({ agentCardUrl: 'https://agent.example.com/.well-known/agent-card.json' })
 * const started = await agent.startTask({ text: 'Book a table for two tonight' })
 * for await (const task of watchTask(agent, started.id)) console.log(task.status, task.reason)
 * ```
 */
export function createA2AAdapter<const Name extends string = typeof A2A_PROVIDER>(
  given?: A2AAdapterOptions<Name>,
): A2AAdapter<NoInfer<Name>> {
  const { options } = resolveA2AOptions(given)
  const provider = (options.name ?? A2A_PROVIDER) as Name
  const preference = { binding: options.binding, protocolVersion: options.protocolVersion }
  const cardUrl = options.agentCardUrl === undefined ? undefined : new URL(options.agentCardUrl).href
  const baseUrl = options.baseUrl === undefined ? undefined : new URL(options.baseUrl).href.replace(/\/+$/, '')
  const {
    name: _name,
    agentCardUrl: _card,
    baseUrl: _base,
    binding: _b,
    protocolVersion: _v,
    apiKey,
    token,
    apiKeyHeader,
    ...http
  } = options
  const { trustedHosts } = options
  const keyHeader = apiKeyHeader ?? 'x-api-key'

  let connected: Connection | undefined
  const auth = credentialAuth({ apiKey, token, apiKeyHeader: keyHeader }, () => connected?.schemes)
  const errors = { message: a2aErrorMessage }
  const client = createHttpClient({
    ...http,
    provider,
    baseUrl: () => connected?.base ?? '',
    auth,
    errors,
    userAgent: USER_AGENT,
  })
  const card = cardUrl ? splitUrl(cardUrl) : undefined
  const cardClient = card
    ? createHttpClient({ ...http, provider, baseUrl: card.base, errors, userAgent: USER_AGENT })
    : undefined

  /** The interface, its binding, and the base URL the client sends to. */
  const reach = (iface: A2AInterface) => {
    if (iface.binding === 'HTTP+JSON')
      return { iface, base: iface.url.replace(/\/+$/, ''), binding: restBinding(client) }
    const endpoint = splitUrl(iface.url)
    return {
      iface,
      base: endpoint.base,
      binding: jsonRpcBinding(provider, client, iface.protocolVersion, endpoint.path),
    }
  }

  let connecting: Promise<Connection> | undefined
  async function readCard(call: CallOptions): Promise<Connection> {
    if (!cardClient || !card) {
      // Neither given: said at the first call, so creating the adapter never fails for a missing variable.
      if (baseUrl === undefined) {
        throw new InvalidArgumentError({
          provider,
          argument: 'agentCardUrl',
          message:
            'createA2AAdapter: Missing required option `agentCardUrl`: pass it (or baseUrl) to createA2AAdapter or set the A2A_AGENT_CARD_URL environment variable',
        })
      }
      const iface = {
        url: baseUrl,
        binding: preference.binding ?? 'JSONRPC',
        protocolVersion: preference.protocolVersion ?? '1.0',
      }
      return { ...reach(iface), schemes: undefined, streaming: true }
    }
    const response = await cardClient.request(card.path, {
      signal: call.signal,
      timeoutMs: call.timeoutMs,
      headers: { 'a2a-version': '1.0' },
    })
    const source = { what: 'A2A agent card', ...payloadSourceOf(response) }
    const agentCard: A2AAgentCard = parseA2AAgentCard(response.body, source)
    const iface = selectInterface(agentCard, preference)
    // The card is the agent's word, not the user's: its interface gets the credentials only on the card's own origin.
    if (iface) {
      checkCredentialTarget(iface.url, {
        provider,
        trustedOrigin: card.base,
        trustedHosts,
        option: 'trustedHosts',
        source: 'The agent card',
      })
    }
    if (!iface) {
      throw new InvalidPayloadError({
        provider,
        ...payloadSourceOf(response),
        raw: response.body,
        message:
          'The agent card names no interface this adapter speaks (JSONRPC at 1.0 or 0.3, HTTP+JSON at 1.0) and matches the options',
      })
    }
    return {
      ...reach(iface),
      schemes: credentialSchemesOf(agentCard),
      streaming: agentCard.capabilities?.streaming === true,
    }
  }
  /** The connection, reading the card on first use; a failed read is tried again by the next call. */
  async function connect(call: CallOptions): Promise<Connection> {
    if (connected) return connected
    connecting ??= readCard(call).finally(() => {
      connecting = undefined
    })
    connected = await connecting
    return connected
  }

  const toTask = ({ payload, source }: BindingAnswer): A2ATaskResult => parseA2ATask(payload, source)
  /** The task of a `SendMessage` answer: v1.0's `{task}`, or v0.3's object of `kind: "task"`. */
  const sentTask = (answer: BindingAnswer): A2ATaskResult => {
    const event = parseA2AStreamEvent(answer.payload, answer.source)
    if (event.kind === 'task') return event.task
    throw new InvalidPayloadError({
      provider,
      ...answer.source,
      raw: answer.payload,
      message: 'The agent answered the message without a task',
    })
  }

  return defineAdapter({
    provider,
    unsupportedReasons: {
      pauseTask: 'A2A has no pause; a task that waits for input or a sign-in is waiting_for_input',
      resumeTask: 'A2A has no resume: send the task a message with startTask({ taskId, text })',
      ...(preference.protocolVersion === '0.3' ? { listTasks: 'A2A v0.3 has no ListTasks' } : {}),
    },
    getTask: async (id, call) => toTask(await (await connect(call)).binding.getTask(id, call)),
    // The key is the message's messageId, which names the message to the agent.
    idempotentStart: true,
    // Not retried unasked: a resend without a key would start a second task.
    async startTask(input: A2AStartInput, { idempotencyKey, ...call }) {
      if (typeof input?.text !== 'string' || input.text.trim() === '') {
        throw new InvalidArgumentError({ provider, argument: 'text', message: 'startTask: text is required' })
      }
      const { text, ...extra } = input
      const message = { ...extra, messageId: idempotencyKey }
      return sentTask(await (await connect(call)).binding.sendMessage(text, message, call))
    },
    // A2A's answer is a user message on the task's id and context. The task
    // is read first: a message to a task that no longer waits would be refused,
    // or taken as new work.
    async answerTask(id, answer: TaskAnswer, call) {
      const { binding } = await connect(call)
      const task = toTask(await binding.getTask(id, call))
      if (task.status !== 'waiting_for_input') throw TaskNotWaitingError.forTask({ ...task, provider })
      const { text, data } = a2aAnswerParts(answer)
      return sentTask(await binding.sendMessage(text, { taskId: id, contextId: task.metadata.contextId, data }, call))
    },
    validateAnswer: validateTaskAnswer,
    cancelTask: async (id, call) => toTask(await (await connect(call)).binding.cancelTask(id, call)),
    async *streamTask(id, call) {
      const { binding, streaming } = await connect(call)
      if (!streaming) {
        throw new UnsupportedOperationError({
          provider,
          operation: 'streamTask',
          message: 'streamTask: the agent card says the agent does not stream',
        })
      }
      const response = await binding.subscribe(id, call)
      const source = { provider, what: 'A2A stream event', ...payloadSourceOf(response) }
      if (!response.events) {
        // Agents answer a subscription they refuse (an unknown task) with one JSON-RPC error, not a stream.
        const event = parseA2AStreamEvent(binding.unwrapEvent(response.body, id), source)
        if (event.kind === 'task') yield event.task
        return
      }
      let last: A2ATaskResult | undefined
      const dropForeign = countForeignTasks(provider, 'streamTask', id)
      try {
        for await (const { data } of response.events ?? []) {
          if (data.trim() === '') continue
          const event = parseA2AStreamEvent(binding.unwrapEvent(parseJsonText(data, source), id))
          // Another task's event is not news of this one, and must not become the task updates apply to.
          const about = taskIdOf(event)
          if (about !== undefined && about !== id) {
            dropForeign(about)
            continue
          }
          // A subscription starts with the task; an update before it has nothing to change.
          const next = event.kind === 'task' ? event.task : last && mergeA2AUpdate(last, event)
          if (next && next !== last) yield next
          last = next ?? last
        }
      } finally {
        // However the watch ends (the task's end, a break, an error), the connection is closed.
        await response.events?.return(undefined)
      }
    },
    ...(preference.protocolVersion === '0.3'
      ? {}
      : {
          async *listTasks(query: A2AListQuery, call: CallOptions) {
            const { binding, iface } = await connect(call)
            const listPage = binding.listPage
            if (!listPage) {
              throw new UnsupportedOperationError({
                provider,
                operation: 'listTasks',
                message: `listTasks: A2A ${iface.protocolVersion} has no ListTasks`,
              })
            }
            const pageSize = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
            let pageToken: string | undefined
            let ended = false
            const tasks = listPages(async () => {
              if (ended) return { tasks: [] }
              const answer = await listPage(
                { pageSize, pageToken, ...(query.contextId ? { contextId: query.contextId } : {}) },
                call,
              )
              const page = parseA2ATaskPage(answer.payload, answer.source)
              pageToken = page.nextPageToken || undefined
              ended = pageToken === undefined
              return {
                tasks: page.tasks.map((task) => parseA2ATask(task, answer.source)),
                total: page.totalSize ?? undefined,
              }
            })
            for await (const task of tasks) if (matchesListQuery(task, query)) yield task
          },
        }),
  })
}
