/** What the deepest error of a cause chain says about a failed connection. */
export interface RootCause {
  /** The deepest non-empty message, on one line: `connect ECONNREFUSED 127.0.0.1:9`, `bad port`. */
  message?: string
  /** The deepest string `code`: `ECONNREFUSED`, `ENOTFOUND`, `ERR_SSL_WRONG_VERSION_NUMBER`. */
  systemCode?: string
}

/** Cause chains are walked no deeper than this, so a cyclic or endless chain still ends. */
const MAX_CAUSE_DEPTH = 8

/**
 * The root cause of a network failure. fetch and ky wrap it twice
 * (`NetworkError` → `TypeError: fetch failed` → `Error: bad port`), and only
 * the innermost error says what went wrong.
 */
export function rootCauseOf(error: unknown): RootCause {
  const root: RootCause = {}
  let current = error
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && typeof current === 'object' && current !== null; depth++) {
    const { message, code, cause } = current as { message?: unknown; code?: unknown; cause?: unknown }
    // OpenSSL's messages end with a newline; a message stays on one line.
    const line = typeof message === 'string' ? message.replace(/\s+/g, ' ').trim() : ''
    if (line !== '') root.message = line
    if (typeof code === 'string') root.systemCode = code
    current = cause
  }
  return root
}

/** `: <message> (<code>)`, or as much of it as is known, for the end of an error message. */
export function describeRootCause({ message, systemCode }: RootCause): string {
  return `${message ? `: ${message}` : ''}${systemCode ? ` (${systemCode})` : ''}`
}

/**
 * Each secret as it is and as it appears inside a URL (`/` → `%2F`, space →
 * `+` or `%20`): a custom fetch's message may quote the request URL.
 */
export function withUrlForms(secrets: readonly string[]): string[] {
  return [
    ...new Set(
      secrets.flatMap((secret) => [
        secret,
        encodeURIComponent(secret),
        new URLSearchParams({ s: secret }).toString().slice(2),
      ]),
    ),
  ]
}
