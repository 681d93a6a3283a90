// Redirects, followed by hand: fetch would follow one to another origin and
// send it every header but Authorization, an API key in `x-api-key`
// included. A Location is a URL the provider hands back, so it goes through
// the same rule as any other: the base URL's origin, or a host the user listed.
import { type CredentialTargetPolicy, checkCredentialTarget } from './credential-target.js'

/** More redirects in a row than this are not followed: the last answer is returned as it is. */
const MAX_REDIRECTS = 10
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])

/** The request the redirect asks for: 303 (and 301/302 after a POST) turn into a GET without a body, as fetch does. */
function redirected(request: Request, status: number, target: URL, body: ArrayBuffer | undefined): Request {
  const toGet = status === 303 || ((status === 301 || status === 302) && request.method === 'POST')
  const method = toGet && request.method !== 'HEAD' ? 'GET' : request.method
  const headers = new Headers(request.headers)
  if (method === 'GET') for (const name of ['content-type', 'content-length']) headers.delete(name)
  return new Request(target, {
    method,
    headers,
    signal: request.signal,
    ...(method === 'GET' || method === 'HEAD' || body === undefined ? {} : { body }),
  })
}

/**
 * Wraps a fetch so that it follows redirects itself, and only to the
 * trusted origin or a listed host: a redirect elsewhere is an
 * `InvalidPayloadError` naming the option that allows it, and nothing is
 * sent there. `fetch` is read when a request is made, so a global fetch
 * replaced later (by a test) is used.
 *
 * @internal
 */
export function credentialSafeFetch(
  fetch: () => typeof globalThis.fetch,
  policy: () => CredentialTargetPolicy,
): typeof globalThis.fetch {
  return async (input, init) => {
    let request = input instanceof Request ? input : new Request(input, init)
    for (let hops = 0; ; hops += 1) {
      // Kept for a 307 or 308, which send the same body again.
      const body = request.body === null ? undefined : await request.clone().arrayBuffer()
      const response = await fetch()(request, { ...init, redirect: 'manual' })
      // The status first: most answers are no redirect, and reading a header costs more.
      if (!REDIRECT_STATUSES.has(response.status)) return response
      const location = response.headers.get('location')
      if (location === null || hops >= MAX_REDIRECTS) return response
      let href: string
      try {
        href = new URL(location, request.url).href
      } catch {
        // A Location that is no URL cannot be followed: the answer stands as it is.
        return response
      }
      const target = checkCredentialTarget(href, policy())
      await response.body?.cancel()
      request = redirected(request, response.status, target, body)
    }
  }
}
