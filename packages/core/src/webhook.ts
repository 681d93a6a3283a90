import { answer, type BodyText, DEFAULT_MAX_BODY_BYTES, isJsonContentType, readBodyText } from './body.js'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import { InvalidPayloadError } from './errors/invalid-payload-error.js'
import { compareTaskStates, type TaskSnapshot, taskSnapshot } from './follow/change.js'
import { MAX_JSON_DEPTH, parseJson } from './json.js'
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

/** The answer to a body that could not be read whole: too large, or cut off. */
function unreadBody(body: Exclude<BodyText, { ok: true }>, maxBodyBytes: number): Response {
  if (body.reason === 'too-large') return answer(413, { error: `the body is larger than ${maxBodyBytes} bytes` })
  return answer(400, { error: 'the body ended before it was complete' })
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
 * a task (with the parser's message), not JSON or nested deeper than
 * {@link MAX_JSON_DEPTH}, 401, 405 for anything but POST, 413, 415 for a
 * content type that is not JSON, and 500 when `onChange` throws (so the
 * provider delivers again). The body is read by {@link readBodyText} and
 * parsed by {@link parseJson}, which drops `__proto__` keys.
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
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
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
    if (!isJsonContentType(request.headers.get('content-type'))) {
      return answer(415, { error: 'the body must be JSON (content-type: application/json)' })
    }
    const body = await readBodyText(request, maxBodyBytes)
    if (!body.ok) return unreadBody(body, maxBodyBytes)
    if (options.verify && !(await options.verify(request, body.text))) return answer(401, { error: 'not verified' })
    // The same reader as responses: no `__proto__` key kept, nothing too deep to serialise.
    const parsed = parseJson(body.text, { maxDepth: MAX_JSON_DEPTH })
    if (!parsed.success) return answer(400, { error: `the body is not JSON: ${parsed.error.message}` })
    let task: T
    try {
      task = options.parse(parsed.value)
    } catch (error) {
      if (InvalidPayloadError.is(error)) return answer(400, { error: error.message })
      throw error
    }
    try {
      return await handle(task)
    } catch {
      return answer(500, { error: 'the change could not be handled; deliver it again' })
    }
  }
}
