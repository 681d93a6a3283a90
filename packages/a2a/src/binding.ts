// The operations over each binding and version: JSON-RPC (v1.0 and v0.3
// method names and message shapes) and HTTP+JSON (v1.0 routes).
import type { CallOptions } from '@taskbridge/core'
import {
  type HttpClient,
  type HttpResponse,
  type PayloadSource,
  path,
  payloadSourceOf,
} from '@taskbridge/provider-utils'
import type { A2AInterface } from './card.js'
import { jsonRpcRequest, jsonRpcResult } from './jsonrpc.js'

/** An answer's payload and where it came from. */
export interface BindingAnswer {
  payload: unknown
  source: PayloadSource
}

/** What the adapter asks of a binding. */
export interface Binding {
  getTask(id: string, call: CallOptions): Promise<BindingAnswer>
  /** v1.0 only: one page of `ListTasks`. */
  listPage?(query: ListPageQuery, call: CallOptions): Promise<BindingAnswer>
  cancelTask(id: string, call: CallOptions): Promise<BindingAnswer>
  /**
   * Sends a user message (its text and, in `extra.data`, a data part) without waiting for the
   * work; the payload is a v1.0 `{task}`/`{message}` or a v0.3 object with `kind`.
   */
  sendMessage(text: string | undefined, extra: MessageExtras, call: CallOptions): Promise<BindingAnswer>
  /** Subscribes to a task: the answer's events carry stream responses (v1.0 keyed, v0.3 with `kind`). */
  subscribe(id: string, call: CallOptions): Promise<HttpResponse>
  /** Takes a streamed event's data apart: JSON-RPC wraps it in an envelope. */
  unwrapEvent(data: unknown, taskId: string): unknown
}

/** One page of `ListTasks`: its size, the token of the page before's answer, and A2A's own filter. */
export interface ListPageQuery {
  pageSize: number
  pageToken?: string | undefined
  contextId?: string | undefined
}

/** More of `SendMessage` than the text. */
export interface SendExtras {
  contextId?: string | undefined
  taskId?: string | undefined
  metadata?: Record<string, unknown> | undefined
  /** Structured values sent as a data part beside the text (the answer to an `input-required` task). */
  data?: Record<string, unknown> | undefined
  /** Where the agent should POST the task's changes, and the token it sends with them (see `readA2APushNotification`). */
  pushNotification?: { url: string; token?: string | undefined } | undefined
}

/** What a binding sends: the extras, and the message's `messageId` (the start's idempotency key; default a new UUID). */
export type MessageExtras = SendExtras & { messageId?: string | undefined }

const JSON_RPC_METHODS = {
  '1.0': { get: 'GetTask', list: 'ListTasks', cancel: 'CancelTask', send: 'SendMessage', subscribe: 'SubscribeToTask' },
  '0.3': { get: 'tasks/get', cancel: 'tasks/cancel', send: 'message/send', subscribe: 'tasks/resubscribe' },
} as const

function message(
  version: A2AInterface['protocolVersion'],
  text: string | undefined,
  extra: MessageExtras,
): Record<string, unknown> {
  const common = {
    messageId: extra.messageId ?? crypto.randomUUID(),
    contextId: extra.contextId,
    taskId: extra.taskId,
    metadata: extra.metadata,
  }
  const { data } = extra
  return version === '1.0'
    ? { ...common, role: 'ROLE_USER', parts: [...(text === undefined ? [] : [{ text }]), ...(data ? [{ data }] : [])] }
    : {
        ...common,
        kind: 'message',
        role: 'user',
        parts: [...(text === undefined ? [] : [{ kind: 'text', text }]), ...(data ? [{ kind: 'data', data }] : [])],
      }
}

/** Asks not to wait for the work: v1.0's `returnImmediately`, v0.3's `blocking: false`. */
function sendParams(version: A2AInterface['protocolVersion'], text: string | undefined, extra: MessageExtras) {
  const push = extra.pushNotification
  const configuration =
    version === '1.0'
      ? { returnImmediately: true, taskPushNotificationConfig: push }
      : { blocking: false, pushNotificationConfig: push }
  return { message: message(version, text, extra), configuration }
}

/**
 * A URL as the HTTP client's base and a path, for a request to exactly that
 * URL (the client joins base and path with one `/`): the base ends before the
 * last segment, the path is that segment (`/` for a URL ending in `/`).
 */
export function splitUrl(url: string): { base: string; path: string } {
  const parsed = new URL(url)
  const cut = parsed.pathname.lastIndexOf('/')
  const path = parsed.pathname.slice(cut) || '/'
  return { base: `${parsed.origin}${parsed.pathname.slice(0, cut)}`, path }
}

const answer = (response: HttpResponse, payload: unknown): BindingAnswer => ({
  payload,
  source: payloadSourceOf(response),
})

/** The JSON-RPC binding: every call a POST of an envelope to the interface URL. */
export function jsonRpcBinding(
  provider: string,
  http: HttpClient,
  version: A2AInterface['protocolVersion'],
  endpoint: string,
): Binding {
  const methods = JSON_RPC_METHODS[version]
  const headers = { 'a2a-version': version }
  // Reads are idempotent, so they are retried like a GET although they are POSTs.
  const call = async (method: string, params: unknown, options: CallOptions, taskId?: string, retry = false) => {
    const response = await http.request(endpoint, {
      ...options,
      method: 'POST',
      headers: { ...headers, ...options.headers },
      json: jsonRpcRequest(method, params),
      retry,
      taskId,
      // An unknown task is a JSON-RPC error (-32001) in a 200: a 404 means the endpoint itself is missing.
      isNotFound: () => false,
    })
    return answer(response, jsonRpcResult(response.body, { provider, taskId, ...payloadSourceOf(response) }))
  }
  const binding: Binding = {
    getTask: (id, options) => call(methods.get, { id }, options, id, true),
    cancelTask: (id, options) => call(methods.cancel, { id }, options, id),
    sendMessage: (text, extra, options) => call(methods.send, sendParams(version, text, extra), options),
    subscribe: (id, options) =>
      http.request(endpoint, {
        ...options,
        method: 'POST',
        headers: { ...headers, ...options.headers },
        json: jsonRpcRequest(methods.subscribe, { id }),
        responseType: 'events',
        taskId: id,
      }),
    unwrapEvent: (data, taskId) => jsonRpcResult(data, { provider, taskId }),
  }
  if (version === '1.0') {
    binding.listPage = (query, options) => call(JSON_RPC_METHODS['1.0'].list, query, options, undefined, true)
  }
  return binding
}

/** The HTTP+JSON binding of v1.0: one route per operation under the interface URL. */
export function restBinding(http: HttpClient): Binding {
  const headers = { 'a2a-version': '1.0' }
  const send = async (
    route: string,
    options: CallOptions & {
      method?: 'GET' | 'POST'
      json?: unknown
      taskId?: string
      query?: Record<string, string | number | undefined>
    },
  ) => {
    const response = await http.request(route, { ...options, headers: { ...headers, ...options.headers } })
    return answer(response, response.body)
  }
  return {
    getTask: (id, options) => send(path`/tasks/${id}`, { ...options, taskId: id }),
    listPage: (query, options) => send('/tasks', { ...options, query: { ...query } }),
    cancelTask: (id, options) =>
      send(`${path`/tasks/${id}`}:cancel`, { ...options, method: 'POST', json: {}, taskId: id }),
    sendMessage: (text, extra, options) =>
      send('/message:send', { ...options, method: 'POST', json: sendParams('1.0', text, extra) }),
    subscribe: (id, options) =>
      http.request(`${path`/tasks/${id}`}:subscribe`, {
        ...options,
        headers: { ...headers, ...options.headers },
        responseType: 'events',
        taskId: id,
      }),
    unwrapEvent: (data) => data,
  }
}
