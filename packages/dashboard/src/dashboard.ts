import type { AnyTaskAdapter } from '@taskbridge/core'
import { createApi } from './api.js'
import { failure, respond } from './http.js'
import { createListing } from './listing.js'
import { createLive } from './live.js'
import { type DashboardOptions, resolveOptions } from './options.js'
import { shell } from './page.js'
import { createRoutes, PAGES } from './routes.js'
import { createGate } from './security.js'

/** The dashboard: a request handler to mount, with its token and a way to stop its live updates. */
export interface Dashboard extends AsyncDisposable {
  /** Answers one request: the page, its assets, its JSON API and its server-sent events. */
  (request: Request): Promise<Response>
  /** The token every request must carry (the one given, or the random one made). */
  readonly token: string
  /** Where the dashboard is mounted (`''` for the root). */
  readonly basePath: string
  /** Stops the watcher, ends every event stream and closes the listings. */
  close(): Promise<void>
}

/**
 * Creates the dashboard: a `(request: Request) => Promise<Response>` handler
 * that serves every provider's tasks on one live page. Mount it in any
 * framework that speaks WHATWG `Request` (Hono, Next.js route handlers,
 * Bun.serve, Deno.serve), or on `node:http` with core's `toNodeListener`.
 *
 * @example
 * ```ts
 * const dashboard = createDashboard({ client: createTaskClient({ adapters }), token: process.env.DASHBOARD_TOKEN })
 * createServer(toNodeListener(dashboard)).listen(4000, '127.0.0.1')
 * ```
 */
export function createDashboard<const Adapters extends readonly AnyTaskAdapter[]>(
  options: DashboardOptions<Adapters>,
): Dashboard {
  const resolved = resolveOptions(options)
  const { basePath } = resolved
  const gate = createGate(resolved.token, basePath)
  const listing = createListing(resolved.client, resolved.pageSize)
  const live = createLive(resolved)
  const api = createApi(resolved, listing, live)
  const closing = new AbortController()

  const routeOf = createRoutes({
    api,
    live,
    closing: closing.signal,
    page: async () => shell(basePath, (await gate).csrfToken, resolved.readOnly),
  })

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    const checks = await gate
    const credential = await checks.authenticate(request, url)
    if (credential === undefined) {
      return failure(401, 'open the dashboard with the URL it printed (it carries ?token=…)', {
        'www-authenticate': 'Bearer',
      })
    }
    const path =
      url.pathname.startsWith(`${basePath}/`) || url.pathname === basePath
        ? url.pathname.slice(basePath.length) || '/'
        : undefined
    const route = path === undefined ? undefined : routeOf(path)
    if (!route) return failure(404, 'no such page')
    if (!route.methods.includes(request.method)) {
      return failure(405, `use ${route.methods.join(' or ')}`, { allow: route.methods.join(', ') })
    }
    if (request.method === 'POST') {
      const refused = await checks.refuseForgery(request, credential)
      if (refused) return refused
    }
    if (credential === 'query' && request.method === 'GET' && PAGES.test(path ?? '')) {
      // The token leaves the address bar (and the history) for a cookie the page cannot read.
      url.searchParams.delete('token')
      return respond(303, null, { location: `${url.pathname}${url.search}`, 'set-cookie': checks.cookie(request, url) })
    }
    return route.handle(request, url)
  }

  const dashboard = async (request: Request): Promise<Response> => {
    try {
      return await handle(request)
    } catch {
      return failure(500, 'the dashboard failed to answer this request')
    }
  }
  const close = async () => {
    closing.abort()
    listing.close()
    await live.close()
  }
  return Object.assign(dashboard, {
    token: resolved.token,
    basePath,
    close,
    [Symbol.asyncDispose]: close,
  })
}
