import { type AnyTaskAdapter, InvalidArgumentError, type TaskClient } from '@taskbridge/core'

/** How many requests the dashboard's watcher may send to one provider. */
export interface DashboardBudget {
  /** At most this many requests start in any second. An integer from 1. */
  requestsPerSecond: number
  /** At most this many requests in flight at once (default: `requestsPerSecond`, at most 10). */
  concurrency?: number | undefined
}

/** Options of {@link createDashboard}. */
export interface DashboardOptions<Adapters extends readonly AnyTaskAdapter[] = readonly AnyTaskAdapter[]> {
  /** The providers to show: a client from core's `createTaskClient`. */
  client: TaskClient<Adapters>
  /**
   * The secret every request must carry (`?token=` once, then the cookie it
   * sets; or `Authorization: Bearer`). At least 16 characters. Default: a new
   * random one, read back from the dashboard's `token`.
   */
  token?: string | undefined
  /** Where the dashboard is mounted, such as `/dashboard` (default: the root). */
  basePath?: string | undefined
  /** Show tasks and nothing else: every action is refused and shown disabled. */
  readOnly?: boolean | undefined
  /** The request budget of the live updates, for each provider (default 2 requests a second). */
  budget?: DashboardBudget | undefined
  /** A budget for one provider, by adapter name, over `budget`. */
  budgets?: Readonly<Record<string, DashboardBudget>> | undefined
  /** Tasks read from each provider for one page of the table (default 25, at most 100). */
  pageSize?: number | undefined
  /**
   * How often a task that is still running is read again for the live
   * updates: the first wait and the longest (default 2 s and 15 s).
   */
  refresh?: { intervalMs?: number | undefined; maxIntervalMs?: number | undefined } | undefined
}

/** The options with their defaults, checked. */
export interface ResolvedDashboardOptions {
  client: TaskClient
  token: string
  basePath: string
  readOnly: boolean
  budgetFor(provider: string): DashboardBudget
  pageSize: number
  intervalMs: number
  maxIntervalMs: number
}

const DEFAULT_BUDGET: DashboardBudget = { requestsPerSecond: 2 }
const MIN_TOKEN_LENGTH = 16
// A mount path of plain segments: it is written into the page and a cookie's Path without escaping.
const BASE_PATH = /^(\/[A-Za-z0-9._~-]+)*$/

function invalid(argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument, message: `createDashboard: ${message}` })
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24))
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
}

function positiveInteger(value: number | undefined, fallback: number, argument: string, max: number): number {
  const resolved = value ?? fallback
  if (!(Number.isInteger(resolved) && resolved >= 1 && resolved <= max)) {
    throw invalid(argument, `${argument} must be an integer from 1 to ${max}, got ${value}`)
  }
  return resolved
}

/** Checks the options and fills in the defaults; throws `InvalidArgumentError` naming the bad option. */
export function resolveOptions<Adapters extends readonly AnyTaskAdapter[]>(
  options: DashboardOptions<Adapters>,
): ResolvedDashboardOptions {
  // Every call the dashboard makes names a provider the client listed: the generic one serves.
  const client = options?.client as unknown as TaskClient
  if (!client || typeof client.adapter !== 'function' || !Array.isArray(client.providers)) {
    throw invalid('client', 'client must be a TaskClient from createTaskClient')
  }
  const token = options.token ?? randomToken()
  if (typeof token !== 'string' || token.length < MIN_TOKEN_LENGTH) {
    throw invalid('token', `the token must be a string of at least ${MIN_TOKEN_LENGTH} characters`)
  }
  const basePath = (options.basePath ?? '').replace(/\/$/, '')
  if (!BASE_PATH.test(basePath)) {
    throw invalid('basePath', 'basePath must be a path of letters, digits and . _ ~ - segments, such as /dashboard')
  }
  const intervalMs = positiveInteger(options.refresh?.intervalMs, 2000, 'refresh.intervalMs', 3_600_000)
  const maxIntervalMs = positiveInteger(options.refresh?.maxIntervalMs, 15_000, 'refresh.maxIntervalMs', 3_600_000)
  return {
    client,
    token,
    basePath,
    readOnly: options.readOnly === true,
    budgetFor: (provider) => options.budgets?.[provider] ?? options.budget ?? DEFAULT_BUDGET,
    pageSize: positiveInteger(options.pageSize, 25, 'pageSize', 100),
    intervalMs,
    maxIntervalMs: Math.max(intervalMs, maxIntervalMs),
  }
}
