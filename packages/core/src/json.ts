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
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { success: false, error: jsonSyntaxError(error) }
  }
  // Each level takes an opening and a closing character: shorter text cannot be too deep.
  if (maxDepth !== undefined && text.length > 2 * maxDepth && nestedDeeperThan(value, maxDepth)) {
    return { success: false, error: new SyntaxError(`JSON nested deeper than ${maxDepth} levels`) }
  }
  // JSON.parse makes "__proto__" an own property, which Object.assign or a
  // merge would later turn into a prototype change; such keys are dropped.
  // Only when the text may hold one: as written, or spelled with \u escapes.
  if (text.includes(PROTO_KEY) || text.includes('\\u')) dropProtoKeys(value)
  return { success: true, value }
}

/**
 * Whether a parsed value nests more than `limit` arrays and objects inside
 * each other, walked with a stack of its own. Walking the value costs a
 * fraction of parsing it, less than scanning the text would.
 */
function nestedDeeperThan(root: unknown, limit: number): boolean {
  const pending: unknown[] = [root]
  const depths: number[] = [1]
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    const depth = depths.pop() as number
    if (typeof value !== 'object' || value === null) continue
    if (depth > limit) return true
    for (const item of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof item !== 'object' || item === null) continue
      pending.push(item)
      depths.push(depth + 1)
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
