import { randomUUID } from 'node:crypto'
import type { EmulatorHarness, HarnessRoutes } from '../contract/harness.js'
import { type EmulatorClockOption, resolveClock } from '../toolkit/clock.js'
import {
  type EmulatorReply,
  type EmulatorRequest,
  type EmulatorServer,
  startEmulatorServer,
} from '../toolkit/server.js'
import type { TaskStore } from '../toolkit/store.js'
import {
  isXpanderStatus,
  sampleHitlRequest,
  XPANDER_STATUSES,
  type XpanderTaskPage,
  type XpanderTaskPayload,
} from './payloads.js'
import { xpanderError, xpanderRoutes } from './routes.js'
import { XPANDER_DEFAULT_ORGANIZATION_ID, XPANDER_SEED_AGENT_IDS } from './seed-data.js'
import { createXpanderTasks, type XpanderTasks } from './tasks.js'

/** Options of {@link startXpanderEmulator}. */
export interface XpanderEmulatorOptions {
  /** The key `x-api-key` must carry. Default: a new random key per start. */
  apiKey?: string
  /** The organisation the key belongs to. Default {@link XPANDER_DEFAULT_ORGANIZATION_ID}. */
  organizationId?: string
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
}

/** A running xpander.ai emulator: the server, the contract harness, and its state. */
export interface XpanderEmulator extends EmulatorServer, EmulatorHarness {
  /** The key to give the adapter. It stays the same after `invalidateCredentials()`, which makes it refused. */
  readonly apiKey: string
  readonly organizationId: string
  /** The tasks, for tests that need to look or reach inside. */
  readonly tasks: TaskStore<XpanderTaskPayload>
  /**
   * Adds a task of this organisation and returns its id. Without a status it
   * runs like an invoked one (pending, executing after 1 s, completed after
   * 5 s); with one it stays there. A `paused` task waits for a human (a
   * `hitl_request`) unless `overrides` sets `hitl_request` or `pending_eca_request`.
   */
  createTask(status?: string, overrides?: Partial<XpanderTaskPayload>): string
}

/** The harness' operation → route names: no pause or resume, as xpander has none. */
const harnessRoutes: HarnessRoutes = {
  getTask: 'getTask',
  listTasks: 'listTasks',
  cancelTask: 'cancelTask',
  startTask: 'invokeAsync',
  streamTask: 'streamTask',
}

const newApiKey = (): string => `xpander-test-${randomUUID()}`

/** 401 unless `x-api-key` is the expected key; a Bearer token is refused like a missing key. */
function refuseWrongKey(request: EmulatorRequest, expected: string): EmulatorReply | undefined {
  const given = request.headers['x-api-key']
  if (given === expected) return undefined
  if (given !== undefined) return xpanderError(401, 'Invalid API key')
  if (request.headers.authorization !== undefined)
    return xpanderError(
      401,
      'Missing API key: send it in the x-api-key header (Authorization: Bearer is not supported)',
    )
  return xpanderError(401, 'Missing API key')
}

/** A paused task waits for something: a human, unless the overrides say what. */
function withWaitReason(status: string, overrides: Partial<XpanderTaskPayload>): Partial<XpanderTaskPayload> {
  const saysWhat = 'hitl_request' in overrides || 'pending_eca_request' in overrides
  return status === 'paused' && !saysWhat ? { hitl_request: sampleHitlRequest(), ...overrides } : overrides
}

function createTaskIn(tasks: XpanderTasks, status: string | undefined, overrides: Partial<XpanderTaskPayload>): string {
  if (status === undefined) {
    const { input = { text: 'Emulated task', files: [], user: null }, ...rest } = overrides
    return tasks.invoke(XPANDER_SEED_AGENT_IDS.research, { ...rest, input }).id
  }
  if (!isXpanderStatus(status)) throw new RangeError(`xpander emulator: unknown status '${status}'`)
  return tasks.addInStatus(status, withWaitReason(status, overrides)).id
}

/**
 * Starts an xpander.ai emulator: the public REST v1 task routes (get, list,
 * stop, delete, invoke async) over real HTTP on 127.0.0.1, `x-api-key` auth,
 * FastAPI-style `{"detail": …}` errors, and a seeded store. Seeded tasks stay
 * in their status until a request changes them; invoked tasks and
 * `createTask()` ones advance on the virtual clock.
 *
 * @example
 * ```ts
 * await using xpander = await startXpanderEmulator()
 * const response = await fetch(`${xpander.baseUrl}/tasks?per_page=5`, { headers: { 'x-api-key': xpander.apiKey } })
 * ```
 */
export async function startXpanderEmulator(options: XpanderEmulatorOptions = {}): Promise<XpanderEmulator> {
  const clock = resolveClock(options.clock)
  const initialApiKey = options.apiKey ?? newApiKey()
  const organizationId = options.organizationId ?? XPANDER_DEFAULT_ORGANIZATION_ID
  let apiKey = initialApiKey
  const tasks = createXpanderTasks({ clock, organizationId })

  const server = await startEmulatorServer({
    clock,
    port: options.port,
    cors: options.cors,
    routes: xpanderRoutes(tasks),
    authenticate: (request) => refuseWrongKey(request, apiKey),
    errorBody: (_status, message) => ({ detail: message }),
    listItems: {
      get: (body) => (body as XpanderTaskPage).items,
      set: (body, items) => ({ ...(body as XpanderTaskPage), items }),
    },
  })

  return {
    url: server.url,
    port: server.port,
    clock: server.clock,
    faults: server.faults,
    requests: server.requests,
    clearRequests: server.clearRequests,
    endStreams: server.endStreams,
    close: server.close,
    [Symbol.asyncDispose]: server.close,
    baseUrl: `${server.url}/v1`,
    apiKey: initialApiKey,
    organizationId,
    tasks: tasks.store,
    routes: harnessRoutes,
    // The rotated keys too: the adapter under test may still hold the first one.
    get secrets() {
      return [...new Set([initialApiKey, apiKey])]
    },
    providerStatuses: XPANDER_STATUSES,
    createTask: (status, overrides = {}) => createTaskIn(tasks, status, overrides),
    providerStatusOf: (id) => tasks.store.get(id)?.data.status,
    unknownTaskId: () => randomUUID(),
    invalidateCredentials: () => {
      apiKey = newApiKey()
    },
    reset: () => {
      tasks.reseed()
      apiKey = initialApiKey
      server.faults.clear()
      server.clearRequests()
    },
  }
}
