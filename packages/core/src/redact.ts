/** What a redacted secret is replaced with. */
export const REDACTED = '[REDACTED]'

/** Secrets shorter than this are not searched for in text: they would match ordinary words. */
const MIN_SECRET_LENGTH = 4

const SENSITIVE_NAME = /key|token|secret|password|passwd|signature|credential|session|auth|cookie/i

/** Whether a query parameter or header name usually carries a credential. */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name)
}

/** Replaces every occurrence of each secret in `text` with {@link REDACTED}. */
export function redactText(text: string, secrets: Iterable<string | undefined> = []): string {
  let result = text
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) result = result.split(secret).join(REDACTED)
  }
  return result
}

/**
 * Makes a URL safe to show: drops user info and replaces the values of query
 * parameters whose names suggest credentials (`api_key`, `token`, …) and of
 * any known secret.
 */
export function redactUrl(url: string, secrets: Iterable<string | undefined> = []): string {
  // Secrets go before parsing: rewriting the query re-encodes it, and a
  // secret with `/`, `+` or `=` would then no longer match its raw form.
  const known = [...secrets].flatMap((secret) => (secret ? [secret, encodeURIComponent(secret)] : []))
  const text = redactText(url, known)
  let parsed: URL
  try {
    parsed = new URL(text)
  } catch {
    return text
  }
  parsed.username = ''
  parsed.password = ''
  for (const name of [...parsed.searchParams.keys()]) {
    if (isSensitiveName(name)) parsed.searchParams.set(name, REDACTED)
  }
  return redactText(parsed.toString(), known)
}
