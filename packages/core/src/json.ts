// The one JSON reader for everything a provider or a caller sends: it never
// throws, never quotes the text in its errors, drops `__proto__` keys, and can
// refuse nesting deeper than a limit (which `JSON.stringify` could not write back).

/** The result of {@link parseJson}. */
export type JsonParseResult = { success: true; value: unknown } | { success: false; error: Error }

/** Options of {@link parseJson}. */
export interface JsonParseOptions {
  /** Text nested deeper than this many arrays and objects is refused. Default: no limit. */
  maxDepth?: number | undefined
}

/**
 * The nesting limit for JSON that ends up in a Task (a webhook body, an
 * output given as JSON text): deeper values would make `JSON.stringify(task)`
 * overflow the stack.
 */
export const MAX_JSON_DEPTH: number = 1000

/**
 * Parses JSON text without throwing; `__proto__` keys are dropped, so no
 * later merge of the value can change a prototype. A syntax error's message
 * gives the position only, never a piece of the text (it may hold a
 * credential). With `maxDepth`, deeper text fails with a message saying so.
 *
 * @example
 * ```ts
 * const parsed = parseJson('{"a":1}', { maxDepth: MAX_JSON_DEPTH })
 * if (parsed.success) console.log(parsed.value)
 * ```
 */
export function parseJson(text: string, options: JsonParseOptions = {}): JsonParseResult {
  const { maxDepth } = options
  if (maxDepth !== undefined && nestedDeeperThan(text, maxDepth)) {
    return { success: false, error: new SyntaxError(`JSON nested deeper than ${maxDepth} levels`) }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { success: false, error: jsonSyntaxError(error) }
  }
  // JSON.parse makes "__proto__" an own property, which Object.assign or a
  // merge would later turn into a prototype change; such keys are dropped.
  // Only when the text may hold one: as written, or spelled with \u escapes.
  if (text.includes(PROTO_KEY) || text.includes('\\u')) dropProtoKeys(value)
  return { success: true, value }
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPENERS = new Set([0x5b, 0x7b])
const CLOSERS = new Set([0x5d, 0x7d])

/** Whether the text opens more than `limit` arrays and objects inside each other (strings are skipped). */
function nestedDeeperThan(text: string, limit: number): boolean {
  // Each level takes an opening and a closing character.
  if (text.length <= 2 * limit) return false
  let depth = 0
  let inString = false
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at)
    if (inString) {
      if (code === BACKSLASH) at += 1
      else if (code === QUOTE) inString = false
    } else if (code === QUOTE) {
      inString = true
    } else if (OPENERS.has(code)) {
      depth += 1
      if (depth > limit) return true
    } else if (CLOSERS.has(code)) {
      depth -= 1
    }
  }
  return false
}

/**
 * The parse error without the text it quotes: V8's messages show a piece of
 * the body at the error, and that piece may be part of a credential.
 */
function jsonSyntaxError(error: unknown): SyntaxError {
  const message = error instanceof Error ? error.message : ''
  const position = /at position (\d+)/.exec(message)?.[1]
  if (message.includes('end of JSON input')) return new SyntaxError('Unexpected end of JSON input')
  return new SyntaxError(position === undefined ? 'Invalid JSON' : `Invalid JSON at position ${position}`)
}

const PROTO_KEY = '__proto__'

/** Deletes every own `__proto__` key, walking with a stack of its own so no nesting depth overflows. */
function dropProtoKeys(root: unknown): void {
  const pending: unknown[] = [root]
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    if (typeof value !== 'object' || value === null) continue
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) pending.push(item)
      continue
    }
    if (Object.hasOwn(value, PROTO_KEY)) Reflect.deleteProperty(value, PROTO_KEY)
    for (const item of Object.values(value)) if (typeof item === 'object' && item !== null) pending.push(item)
  }
}
