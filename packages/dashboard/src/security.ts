import { secretsMatch } from '@taskbridge/provider-utils'
import { failure } from './http.js'

/** The header the page sends its CSRF token in, with every POST. */
export const CSRF_HEADER = 'x-taskbridge-csrf'

/** How a request proved it may see the dashboard. */
export type Credential = 'query' | 'cookie' | 'bearer'

/** The dashboard's secrets and the checks on them. */
export interface Gate {
  /** The token for the page's POSTs; worthless without the cookie. */
  readonly csrfToken: string
  /** How the request is authenticated, or `undefined` when it is not. */
  authenticate(request: Request, url: URL): Promise<Credential | undefined>
  /** The `Set-Cookie` value that lets the browser in without the token in the URL. */
  cookie(request: Request, url: URL): string
  /** Why a POST is refused (a cross-site request, a missing CSRF token), or `undefined` when it may go on. */
  refuseForgery(request: Request, credential: Credential): Promise<Response | undefined>
}

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return undefined
}

function bearer(header: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '')
  return match?.[1]
}

/**
 * Creates the checks. The cookie is named after a hash of the token, so two
 * dashboards on one host (cookies ignore the port) do not overwrite each
 * other's.
 */
export async function createGate(token: string, basePath: string): Promise<Gate> {
  const cookieName = `taskbridge_dashboard_${(await sha256Hex(token)).slice(0, 12)}`
  const csrfToken = [...crypto.getRandomValues(new Uint8Array(24))].map((b) => b.toString(16).padStart(2, '0')).join('')
  return {
    csrfToken,
    async authenticate(request, url) {
      const fromBearer = bearer(request.headers.get('authorization'))
      if (fromBearer !== undefined) return (await secretsMatch(fromBearer, token)) ? 'bearer' : undefined
      const fromQuery = url.searchParams.get('token')
      if (fromQuery !== null) return (await secretsMatch(fromQuery, token)) ? 'query' : undefined
      const fromCookie = cookieValue(request.headers.get('cookie'), cookieName)
      return (await secretsMatch(fromCookie, token)) ? 'cookie' : undefined
    },
    cookie(request, url) {
      const secure = url.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https'
      return `${cookieName}=${token}; Path=${basePath || '/'}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`
    },
    async refuseForgery(request, credential) {
      // A script sending the token in a header cannot be a forged browser request.
      if (credential === 'bearer') return undefined
      const site = request.headers.get('sec-fetch-site')
      if (site !== null && site !== 'same-origin') return failure(403, 'a request from another site is refused')
      const origin = request.headers.get('origin')
      if (origin !== null && hostOf(origin) !== (request.headers.get('host') ?? new URL(request.url).host)) {
        return failure(403, 'a request from another origin is refused')
      }
      if (!(await secretsMatch(request.headers.get(CSRF_HEADER), csrfToken))) {
        return failure(403, `the ${CSRF_HEADER} header is missing or wrong; reload the page`)
      }
      return undefined
    },
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host
  } catch {
    return undefined
  }
}
