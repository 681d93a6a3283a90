import { checkHeaders } from './options.js'

/** Where a request's headers come from, lowest precedence first. */
export interface HeaderSources {
  accept: string
  userAgent: string
  /** The auth's headers. */
  auth: Record<string, string>
  /** The client's `headers` option. */
  client: Record<string, string | undefined> | undefined
  /** The request's own headers. */
  call: Record<string, string | undefined> | undefined
}

function mergeHeaders(...sources: (Record<string, string | undefined> | undefined)[]): Record<string, string> {
  const merged: Record<string, string> = {}
  for (const source of sources) {
    for (const [name, value] of Object.entries(source ?? {})) {
      const key = name.toLowerCase()
      if (value === undefined) delete merged[key]
      else merged[key] = value
    }
  }
  return merged
}

/**
 * The headers a request sends, names in lower case: the defaults, then the
 * auth's, the client's and the request's, each over the ones before (an
 * `undefined` value removes the header). Checked before sending: fetch would
 * refuse a bad header with a TypeError that looks like a network failure,
 * and that would be retried.
 */
export function requestHeaders(provider: string, sources: HeaderSources): Record<string, string> {
  const headers = mergeHeaders(
    { accept: sources.accept, 'user-agent': sources.userAgent },
    sources.auth,
    sources.client,
    sources.call,
  )
  checkHeaders(provider, 'headers', headers)
  return headers
}
