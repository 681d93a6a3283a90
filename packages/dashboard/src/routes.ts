import type { Api } from './api.js'
import { eventStream } from './events.js'
import { failure } from './http.js'
import type { Live } from './live.js'
import { asset } from './page.js'

/** The paths the page is served at: the table, the inbox, a task. */
export const PAGES: RegExp = /^\/(?:|attention|task\/[^/]+\/[^/]+)$/

/** What answers a path, and the methods it takes. */
export interface Route {
  methods: readonly string[]
  handle: (request: Request, url: URL) => Promise<Response> | Response
}

/** What the routes need. */
export interface RouteParts {
  api: Api
  live: Live
  /** Aborted when the dashboard closes: event streams end. */
  closing: AbortSignal
  page: () => Promise<Response>
}

const get = (handle: Route['handle']): Route => ({ methods: ['GET'], handle })
const post = (handle: Route['handle']): Route => ({ methods: ['POST'], handle })

/** The route of a path below the mount point, or `undefined` for none. */
export function createRoutes({ api, live, closing, page }: RouteParts): (path: string) => Route | undefined {
  const fixed: Readonly<Record<string, Route>> = {
    '/api/providers': get(() => api.providers()),
    '/api/tasks': get((_, url) => api.tasks(url)),
    '/api/task': get((_, url) => api.task(url)),
    '/api/changes': get((_, url) => api.changes(url)),
    '/api/events': get((request) => eventStream(request, live, closing)),
    '/api/action': post((request) => api.act(request)),
    '/api/answer': post((request) => api.answer(request)),
    '/api/start': post((request) => api.start(request)),
  }
  return (path) => {
    if (PAGES.test(path)) return get(page)
    if (path.startsWith('/assets/'))
      return get(() => asset(path.slice('/assets/'.length)) ?? failure(404, 'no such asset'))
    return Object.hasOwn(fixed, path) ? fixed[path] : undefined
  }
}
