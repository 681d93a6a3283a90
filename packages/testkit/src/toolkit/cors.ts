// CORS for emulators that a web page calls (`cors: true`), off unless a test
// asks for it.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http'

/**
 * The CORS headers an emulator with `cors: true` sends: every answer names
 * the request's origin as allowed (with `Vary: Origin`) and exposes its
 * headers; a preflight (`OPTIONS` with `Access-Control-Request-Method`) is
 * answered 204 with the method and headers it asked for, before any route,
 * credential check or fault, and is not recorded in `requests`.
 */
export function corsHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const origin = headers.origin
  if (origin === undefined) return {}
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': '*', vary: 'Origin' }
}

/** A browser's CORS preflight: `OPTIONS` with `Access-Control-Request-Method`. */
export function isPreflight(method: string | undefined, headers: IncomingHttpHeaders): boolean {
  return method === 'OPTIONS' && headers['access-control-request-method'] !== undefined
}

/** Allows the method and headers the preflight asked for, for ten minutes. */
export function answerPreflight(headers: IncomingHttpHeaders, response: ServerResponse): void {
  response.writeHead(204, {
    'access-control-allow-methods': String(headers['access-control-request-method']),
    'access-control-allow-headers': String(headers['access-control-request-headers'] ?? ''),
    'access-control-max-age': '600',
  })
  response.end()
}
