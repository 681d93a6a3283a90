// Taking credentials out of what a server answers. A server may echo a
// credential in any encoding a body can hold: as sent, with JSON escapes
// (`\u003d`, `\/`), percent-encoded (`%2F`, `%3d`), or form-encoded (`+` for
// a space). Every search here sees through all of them, and nothing walks a
// body by recursion, so no nesting depth can overflow the stack.
import { REDACTED } from '@taskbridge/core'
import { isSensitiveName } from '@taskbridge/core/internal'

/** core's redactText leaves shorter values alone: they would match ordinary words. */
const MIN_SECRET_LENGTH = 4

/**
 * Query parameter names are matched loosely (`auth_type` counts), so short
 * values such as `user` are not taken for credentials: they would be
 * redacted out of every field name and id of the answer.
 */
const MIN_QUERY_SECRET_LENGTH = 8

/** Finds and removes a set of secrets in text and in parsed JSON, whatever their encoding. */
export interface Redactor {
  /** The secrets searched for. */
  readonly secrets: readonly string[]
  /** Whether `text` (a JSON body or any other) shows a secret in any form. */
  mentionedIn(text: string): boolean
  /** `text` with every secret replaced by `[REDACTED]`; JSON escapes in it are written out where that shows one. */
  redactText(text: string): string
  /** A copy of parsed JSON with the secrets taken out of its strings and keys; numbers are left alone. */
  redactValue(value: unknown): unknown
}

/** The credentials among request headers: those the auth set, and any whose name says it holds one. */
export function headerSecrets(headers: Record<string, string>, authHeaderNames: ReadonlySet<string>): string[] {
  const secrets: string[] = []
  for (const [name, value] of Object.entries(headers)) {
    if (authHeaderNames.has(name.toLowerCase()) || isSensitiveName(name)) {
      secrets.push(value)
      // A "Bearer <token>" value may show up without its scheme.
      const token = value.split(' ').at(-1)
      if (token && token !== value) secrets.push(token)
    }
  }
  return secrets
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * Values of sensitive-named query parameters (`?token=…`) and a URL
 * password: a server may echo them back. Read from the query as written, so
 * a `+` stays a `+`; since a server may also read it as a space, both
 * readings are kept.
 */
export function querySecrets(target: URL): string[] {
  const secrets: string[] = []
  for (const pair of target.search.slice(1).split('&')) {
    const split = pair.indexOf('=')
    if (split < 0) continue
    const name = decodeOrKeep(pair.slice(0, split).replaceAll('+', ' '))
    const value = pair.slice(split + 1)
    if (!isSensitiveName(name)) continue
    for (const reading of [decodeOrKeep(value), decodeOrKeep(value.replaceAll('+', ' '))]) {
      if (reading.length >= MIN_QUERY_SECRET_LENGTH) secrets.push(reading)
    }
  }
  if (target.password) secrets.push(decodeOrKeep(target.password))
  return secrets
}

/** A JSON string escape, surrogate pairs first so a pair decodes to one character. */
const JSON_ESCAPE = /\\(?:u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})|u([0-9a-f]{4})|(["\\/bfnrt]))/gi
/**
 * The escapes {@link canonicalJsonEscapes} writes differently (`\u…`, `\/`,
 * and the upper-case letters the case-blind JSON_ESCAPE takes): text without
 * any is canonical already, and most bodies (`\n`, `\"` only) skip the rewrite.
 */
const REWRITTEN_ESCAPE = /\\[uU/BFNRT]/
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

/**
 * JSON text with every escape written the one way `JSON.stringify` writes
 * it: `\u0041` and `\/` become `A` and `/`, while `\"`, `\\` and control
 * characters stay escaped. The JSON value is unchanged; a secret escaped in
 * any way now reads as the secret (or as `JSON.stringify` would write it).
 */
function canonicalJsonEscapes(text: string): string {
  if (!text.includes('\\') || !REWRITTEN_ESCAPE.test(text)) return text
  return text.replace(JSON_ESCAPE, (_escape, high?: string, low?: string, unit?: string, simple?: string) => {
    const decoded =
      high !== undefined && low !== undefined
        ? String.fromCharCode(Number.parseInt(high, 16), Number.parseInt(low, 16))
        : unit !== undefined
          ? String.fromCharCode(Number.parseInt(unit, 16))
          : (SIMPLE_ESCAPES[simple ?? ''] ?? '')
    return JSON.stringify(decoded).slice(1, -1)
  })
}

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  const lower = code | 0x20
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1
}

/** The byte a `%XX` at `index` stands for, or -1. */
function hexAt(text: string, index: number): number {
  if (text.charCodeAt(index) !== 0x25 /* % */) return -1
  const high = hexDigit(text.charCodeAt(index + 1))
  const low = hexDigit(text.charCodeAt(index + 2))
  return high < 0 || low < 0 ? -1 : high * 16 + low
}

/** The character(s) a percent-encoded UTF-8 sequence at `index` stands for, and where it ends. */
function percentDecodedAt(text: string, index: number): { chars: string; end: number } | undefined {
  const lead = hexAt(text, index)
  if (lead < 0) return undefined
  if (lead < 0x80) return { chars: String.fromCharCode(lead), end: index + 3 }
  const length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0
  if (length === 0) return undefined
  let codePoint = lead & (0xff >> (length + 1))
  for (let byte = 1; byte < length; byte++) {
    const next = hexAt(text, index + byte * 3)
    if (next < 0x80 || next > 0xbf) return undefined
    codePoint = (codePoint << 6) | (next & 0x3f)
  }
  if (codePoint > 0x10ffff) return undefined
  return { chars: String.fromCodePoint(codePoint), end: index + length * 3 }
}

/**
 * Where an occurrence of `secret` that starts at `start` ends, or -1. Each
 * character may be written as itself or percent-encoded, and a space as `+`.
 */
function matchEnd(text: string, start: number, secret: string): number {
  let at = start
  for (let next = 0; next < secret.length; ) {
    if (at >= text.length) return -1
    const code = text.charCodeAt(at)
    const wanted = secret.charCodeAt(next)
    if (code === 0x25 /* % */) {
      const decoded = percentDecodedAt(text, at)
      if (decoded && secret.startsWith(decoded.chars, next)) {
        next += decoded.chars.length
        at = decoded.end
        continue
      }
    }
    if (code !== wanted && !(code === 0x2b /* + */ && wanted === 0x20)) return -1
    next += 1
    at += 1
  }
  return at
}

/** Whether `text` needs the encoding-aware search, rather than a plain one. */
function mayHoldEncoding(text: string): boolean {
  return text.includes('%') || text.includes('+')
}

/** `text` with every occurrence of each secret, in any encoding, replaced; `undefined` when there is none. */
function replaceSecrets(text: string, secrets: readonly string[]): string | undefined {
  if (!mayHoldEncoding(text)) {
    let result = text
    for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED)
    return result === text ? undefined : result
  }
  let result = ''
  let copiedUpTo = 0
  let found = false
  for (let index = 0; index < text.length; ) {
    let end = -1
    for (const secret of secrets) {
      end = matchEnd(text, index, secret)
      if (end > index) break
    }
    if (end > index) {
      result += text.slice(copiedUpTo, index) + REDACTED
      copiedUpTo = end
      index = end
      found = true
    } else index += 1
  }
  return found ? result + text.slice(copiedUpTo) : undefined
}

/** Whether any secret occurs in `text`, in any encoding. */
function occursIn(text: string, secrets: readonly string[]): boolean {
  if (!mayHoldEncoding(text)) return secrets.some((secret) => text.includes(secret))
  for (let index = 0; index < text.length; index++) {
    for (const secret of secrets) if (matchEnd(text, index, secret) > index) return true
  }
  return false
}

type Container = Record<string, unknown> | unknown[]

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null
}

/** A copy of `root` with `redact` applied to every string and key, walked with a stack of its own. */
function mapJsonStrings(root: unknown, redact: (text: string) => string): unknown {
  const pending: [source: Container, target: Container][] = []
  const copy = (value: unknown): unknown => {
    if (typeof value === 'string') return redact(value)
    if (!isContainer(value)) return value
    const target: Container = Array.isArray(value) ? [] : {}
    pending.push([value, target])
    return target
  }
  const result = copy(root)
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, target] = next
    if (Array.isArray(source)) {
      const array = target as unknown[]
      for (let index = 0; index < source.length; index++) array[index] = copy(source[index])
    } else {
      const record = target as Record<string, unknown>
      for (const key of Object.keys(source)) {
        const redacted = redact(key)
        // An own `__proto__` key stays a key: assigning it would change the copy's prototype.
        if (redacted === '__proto__') {
          Object.defineProperty(record, redacted, {
            value: copy(source[key]),
            enumerable: true,
            configurable: true,
            writable: true,
          })
        } else record[redacted] = copy(source[key])
      }
    }
  }
  return result
}

/**
 * A {@link Redactor} for these secrets. Values shorter than four characters
 * are ignored, as core's redaction ignores them.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const usable = [...new Set(secrets)].filter(
    (secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH,
  )
  // In JSON text a secret with a quote, a backslash or a control character shows escaped.
  const inText = [...new Set(usable.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]))]
  const redactString = (text: string) => replaceSecrets(text, usable) ?? text
  return {
    secrets: usable,
    mentionedIn: (text) => usable.length > 0 && occursIn(canonicalJsonEscapes(text), inText),
    redactText(text) {
      if (usable.length === 0) return text
      return replaceSecrets(canonicalJsonEscapes(text), inText) ?? text
    },
    redactValue: (value) => (usable.length === 0 ? value : mapJsonStrings(value, redactString)),
  }
}

/**
 * {@link createRedactor}, reusing the last redactor while the secrets stay
 * the same: a client's calls mostly carry the same key and query, and
 * building a redactor (escaping every secret for JSON) is work each
 * response would repeat. A redactor holds no state, so sharing one is safe.
 */
export function lastRedactorReused(): (secrets: readonly (string | undefined)[]) => Redactor {
  let last: { secrets: readonly (string | undefined)[]; redactor: Redactor } | undefined
  return (secrets) => {
    const same =
      last?.secrets.length === secrets.length && secrets.every((secret, index) => secret === last?.secrets[index])
    if (last && same) return last.redactor
    last = { secrets, redactor: createRedactor(secrets) }
    return last.redactor
  }
}
