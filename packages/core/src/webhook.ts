import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import { InvalidPayloadError } from './errors/invalid-payload-error.js'
import { TaskbridgeError } from './errors/taskbridge-error.js'
import { compareTaskStates, type TaskSnapshot, taskSnapshot } from './follow/change.js'
import type { Task } from './task.js'

/**
 * What a webhook delivery said last about one task, as {@link WebhookStateStore}
 * keeps it: the {@link TaskSnapshot} that {@link compareTaskStates} compares.
 */
export interface WebhookTaskState {
  status: string
  providerStatus: string
  /** The task's `reason`, when it had one. */
  reason?: string | undefined
  /** Whether the task had an output; a state stored without it is not compared on it. */
  hasOutput?: boolean | undefined
  /** `updatedAt` in epoch milliseconds, when the provider sent one. */
  updatedAt?: number | undefined
}

/**
 * Where the handler remembers the last state of each task, so a delivery that
 * arrives twice counts once and an older one never overwrites a newer one. The
 * default keeps it in memory; give one backed by shared storage when several
 * processes receive deliveries.
 */
export interface WebhookStateStore {
  get(key: string): WebhookTaskState | undefined | Promise<WebhookTaskState | undefined>
  set(key: string, state: WebhookTaskState): void | Promise<void>
}

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions<T extends Task = Task> {
  /** Turns the delivery's JSON body into a Task, without any request (an adapter's webhook parser). */
  parse: (body: unknown) => T
  /** Called once per change, in no particular order across tasks; a throw answers 500 so the provider delivers again. */
  onChange: (task: T) => void | Promise<void>
  /**
   * Checks that a delivery comes from the provider (a shared secret header,
   * a signature of the body): `false` answers 401 and nothing is parsed.
   */
  verify?: ((request: Request, body: string) => boolean | Promise<boolean>) | undefined
  /** Where the last state per task is kept. Default: in memory, for the last {@link DEFAULT_WEBHOOK_MEMORY} tasks. */
  store?: WebhookStateStore | undefined
  /** Larger bodies are refused with 413. Default 1 MiB. */
  maxBodyBytes?: number | undefined
}

/** How many tasks the default in-memory store remembers. */
export const DEFAULT_WEBHOOK_MEMORY = 10_000

/** A store in memory that forgets the task it heard of least recently once it holds `limit`. */
function memoryStore(limit: number): WebhookStateStore {
  const states = new Map<string, WebhookTaskState>()
  return {
    get: (key) => states.get(key),
    set: (key, state) => {
      states.delete(key)
      states.set(key, state)
      if (states.size > limit) states.delete(states.keys().next().value as string)
    },
  }
}

function answer(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/** The body as text, or `undefined` when it is larger than `limit` bytes (read no further than that). */
async function readBody(request: Request, limit: number): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > limit) return undefined
  if (!request.body) return ''
  const decoder = new TextDecoder()
  let size = 0
  let text = ''
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > limit) return undefined
    text += decoder.decode(chunk, { stream: true })
  }
  return text + decoder.decode()
}

/**
 * A framework-neutral webhook endpoint, `(request: Request) => Promise<Response>`:
 * a Next.js route handler as it is, a Hono handler with `c.req.raw`, a Node
 * `http` server through {@link toNodeListener}. It checks the delivery
 * (`verify`), parses it into a Task with no network call, and calls `onChange`
 * once per change, by the rule every follower shares ({@link compareTaskStates}):
 * a delivery that arrives twice yields one change, another status at the same
 * `updatedAt` is a change, and one older than what was already seen (by
 * `updatedAt`, or a non-terminal state after a terminal one) is acknowledged
 * and dropped. Answers: 200 (`{ accepted, duplicate }`), 400 for a body that is not
 * a task (with the parser's message), 401, 405 for anything but POST, 413,
 * and 500 when `onChange` throws (so the provider delivers again).
 *
 * @example
 * ```ts
 * const handler = createWebhookHandler({ parse: parseOrkesWebhook, onChange: (task) => queue.push(task) })
 * export const POST = handler // app/api/orkes/route.ts in Next.js
 * ```
 */
export function createWebhookHandler<T extends Task = Task>(
  options: WebhookHandlerOptions<T>,
): (request: Request) => Promise<Response> {
  if (typeof options?.parse !== 'function' || typeof options.onChange !== 'function') {
    throw new InvalidArgumentError({
      argument: 'parse',
      message: 'createWebhookHandler: parse and onChange are required',
    })
  }
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  if (!(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    throw new InvalidArgumentError({
      argument: 'maxBodyBytes',
      message: `createWebhookHandler: maxBodyBytes must be a positive integer, got ${maxBodyBytes}`,
    })
  }
  const store = options.store ?? memoryStore(DEFAULT_WEBHOOK_MEMORY)
  // Deliveries of one task are handled one after another, so two copies
  // arriving together still count once.
  const inFlight = new Map<string, Promise<unknown>>()

  const handle = async (task: T): Promise<Response> => {
    const key = `${task.provider}\u0000${task.id}`
    const state: TaskSnapshot = taskSnapshot(task)
    const previous = inFlight.get(key) ?? Promise.resolve()
    const turn = previous
      .catch(() => {})
      .then(async () => {
        // The rule every follower shares: another state at the same updatedAt is news, an older one never is.
        if (compareTaskStates(await store.get(key), state) !== 'news') {
          return answer(200, { accepted: false, duplicate: true })
        }
        await options.onChange(task)
        await store.set(key, state)
        return answer(200, { accepted: true, duplicate: false })
      })
    inFlight.set(key, turn)
    try {
      return await turn
    } finally {
      if (inFlight.get(key) === turn) inFlight.delete(key)
    }
  }

  return async (request) => {
    if (request.method !== 'POST') return answer(405, { error: 'only POST is accepted' })
    const body = await readBody(request, maxBodyBytes)
    if (body === undefined) return answer(413, { error: `the body is larger than ${maxBodyBytes} bytes` })
    if (options.verify && !(await options.verify(request, body))) return answer(401, { error: 'not verified' })
    let task: T
    try {
      task = options.parse(JSON.parse(body))
    } catch (error) {
      const message = TaskbridgeError.is(error) ? error.message : 'the body is not JSON'
      if (error instanceof SyntaxError || InvalidPayloadError.is(error)) return answer(400, { error: message })
      throw error
    }
    try {
      return await handle(task)
    } catch {
      return answer(500, { error: 'the change could not be handled; deliver it again' })
    }
  }
}

/** The parts of Node's `IncomingMessage` that {@link toNodeListener} reads. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined
  url?: string | undefined
  headers: Record<string, string | string[] | undefined>
}

/** The parts of Node's `ServerResponse` that {@link toNodeListener} writes. */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown
  end(body?: string | Uint8Array): unknown
  /** With `write` and `on`, a body is sent as it is produced (server-sent events) rather than whole at the end. */
  write?(chunk: Uint8Array): unknown
  /** `'close'`: the connection ended; the request's `signal` aborts and a body still being sent is cancelled. */
  on?(event: 'close', listener: () => void): unknown
}

/**
 * Serves a `(request: Request) => Promise<Response>` handler from Node's
 * `http.createServer`, with no framework. Bodies over `maxBodyBytes`
 * (default 1 MiB) are answered 413 without being read further. A response
 * body is streamed as it is produced (server-sent events work); when the
 * client goes away, the request's `signal` aborts and the body is cancelled.
 *
 * @example
 * ```ts
 * createServer(toNodeListener(createWebhookHandler({ parse: parseOrkesWebhook, onChange }))).listen(8080)
 * ```
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: { maxBodyBytes?: number } = {},
): (request: NodeRequestLike, response: NodeResponseLike) => Promise<void> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  const send = async (outgoing: NodeResponseLike, response: Response) => {
    outgoing.writeHead(response.status, Object.fromEntries(response.headers))
    if (response.body && outgoing.write && outgoing.on) await stream(response.body, outgoing, outgoing.write, outgoing.on)
    else outgoing.end(new Uint8Array(await response.arrayBuffer()))
  }
  return async (incoming, outgoing) => {
    const closed = new AbortController()
    outgoing.on?.('close', () => closed.abort())
    const headers = new Headers()
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string') headers.set(name, value)
      else if (Array.isArray(value)) for (const each of value) headers.append(name, each)
    }
    const method = incoming.method ?? 'GET'
    const chunks: Uint8Array[] = []
    let size = 0
    if (method !== 'GET' && method !== 'HEAD') {
      for await (const chunk of incoming) {
        const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk
        size += bytes.byteLength
        // Read no further than the limit: an endless body must not fill memory.
        if (size > maxBodyBytes)
          return send(outgoing, answer(413, { error: `the body is larger than ${maxBodyBytes} bytes` }))
        chunks.push(bytes)
      }
    }
    const request = new Request(new URL(incoming.url ?? '/', 'http://localhost'), {
      method,
      headers,
      signal: closed.signal,
      ...(chunks.length > 0 ? { body: new Blob(chunks as BlobPart[]) } : {}),
    })
    await send(outgoing, await handler(request).catch(() => answer(500, { error: 'the handler failed' })))
  }
}

/** Writes a body chunk by chunk; a connection that closes cancels the body, so its producer stops. */
async function stream(
  body: ReadableStream<Uint8Array>,
  outgoing: NodeResponseLike,
  write: (chunk: Uint8Array) => unknown,
  on: (event: 'close', listener: () => void) => unknown,
): Promise<void> {
  const reader = body.getReader()
  on.call(outgoing, 'close', () => {
    reader.cancel().catch(() => {})
  })
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) write.call(outgoing, next.value)
  } catch {
    // The body failed or was cancelled: end the response with what was sent.
  }
  outgoing.end()
}
