import { InvalidArgumentError } from '@taskbridge/core'
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
    if (source === undefined) continue
    for (const name of Object.keys(source)) {
      const key = name.toLowerCase()
      const value = source[name]
      if (value === undefined) delete merged[key]
      else merged[key] = value
    }
  }
  return merged
}

/** The first name in `given` that is one of `authNames` (lower case), or `undefined`. */
function authNameIn(given: Record<string, string | undefined> | undefined, authNames: readonly string[]) {
  if (given === undefined) return undefined
  return Object.keys(given).find((key) => authNames.includes(key.toLowerCase()))
}

/**
 * Refuses a user header that names one the credentials send: replacing (or
 * removing) it would send other credentials than the adapter's, silently.
 * Names the header, never a value.
 */
function refuseAuthOverride(provider: string, sources: HeaderSources): void {
  const authNames = Object.keys(sources.auth)
  if (authNames.length === 0) return
  const lowerAuthNames = authNames.map((name) => name.toLowerCase())
  const refused = (where: string, name: string) =>
    new InvalidArgumentError({
      provider,
      argument: 'headers',
      message: `${where} cannot replace the ${name.toLowerCase()} header that carries the credentials: give the credential through the adapter's own option instead`,
    })
  const inClient = authNameIn(sources.client, lowerAuthNames)
  if (inClient !== undefined) throw refused('the headers option', inClient)
  const inCall = authNameIn(sources.call, lowerAuthNames)
  if (inCall !== undefined) throw refused("the call's headers", inCall)
}

/**
 * The headers a request sends, names in lower case: the defaults, then the
 * auth's, the client's and the request's, each over the ones before (an
 * `undefined` value removes the header), except that no user header may
 * replace one the credentials send (an `InvalidArgumentError`, nothing
 * sent). Checked before sending: fetch would refuse a bad header with a
 * TypeError that looks like a network failure, and that would be retried.
 */
export function requestHeaders(provider: string, sources: HeaderSources): Record<string, string> {
  refuseAuthOverride(provider, sources)
  const headers = mergeHeaders(
    { accept: sources.accept, 'user-agent': sources.userAgent },
    sources.auth,
    sources.client,
    sources.call,
  )
  checkHeaders(provider, 'headers', headers)
  return headers
}
