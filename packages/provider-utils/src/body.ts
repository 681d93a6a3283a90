import { MAX_JSON_DEPTH } from '@taskbridge/core'
import { parseJson } from './payload.js'
import type { Redactor } from './redaction.js'

// Reading response bodies: counted in bytes as they arrive, bounded in time,
// and kept as text so they are parsed (and searched for echoed secrets) once.

/**
 * One decoder for every body: building one costs more than decoding a small
 * body. Each body is decoded in one call (not streamed), so bodies read at
 * the same time never share the decoder's state.
 */
const UTF8 = new TextDecoder()

/** The chunks as one array: the body's bytes in order. */
function joinChunks(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** What went wrong while reading a body, as the client reports it. */
export interface BodyFailures {
  /** The body is larger than allowed; `size` says how large, in words. */
  tooLarge(size: string): Error
  /** The body did not arrive in time. */
  timedOut(): Error
}

/**
 * Reads a body as text, counting bytes as they arrive: a body past `maxBytes`
 * (declared or not) is refused, and one that stalls past `timeoutMs` is
 * cancelled. ky's own timeout stops at the response headers.
 */
export async function readText(
  response: Response,
  limits: { maxBytes: number; timeoutMs: number },
  fail: BodyFailures,
): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (declared > limits.maxBytes) {
    await response.body?.cancel()
    throw fail.tooLarge(`${declared} bytes`)
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    reader.cancel().catch(() => {})
  }, limits.timeoutMs)
  try {
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (timedOut) throw fail.timedOut()
      if (done) break
      size += value.byteLength
      if (size > limits.maxBytes) {
        await reader.cancel()
        throw fail.tooLarge(`more than ${limits.maxBytes} bytes`)
      }
      chunks.push(value)
    }
    return chunks.length === 0 ? '' : UTF8.decode(joinChunks(chunks, size))
  } finally {
    clearTimeout(timer)
  }
}

/**
 * A JSON error body as ky read it, still as text: ky's `parseJson` hook
 * returns one, so the client parses it (and redacts it) itself, once.
 */
export class ReceivedText {
  /** The body as received. */
  readonly text: string

  constructor(text: string) {
    this.text = text
  }
}

/** The text of an error body from ky's `HTTPError.data`: a {@link ReceivedText}, a string, or nothing. */
export function errorBodyText(data: unknown): string | undefined {
  if (data instanceof ReceivedText) return data.text === '' ? undefined : data.text
  return typeof data === 'string' && data !== '' ? data : undefined
}

/** A body as the caller gets it: the text and the parsed JSON, every echoed secret taken out of both. */
export interface ReadBody {
  text: string
  /** The parsed JSON, `undefined` for an empty body; the text when it was not read as JSON. */
  body: unknown
  /** Set when the text is not JSON; its message quotes none of the text. */
  parseError?: Error
}

/**
 * Parses a body once and redacts it: the text through an encoding-aware
 * search, the parsed value string by string, so an echo hidden by JSON
 * escapes (which parsing decodes) is found as well.
 */
export function readBody(received: string, redactor: Redactor, asJson = true): ReadBody {
  const echoes = redactor.mentionedIn(received)
  const text = echoes ? redactor.redactText(received) : received
  if (received === '') return { text, body: undefined }
  if (!asJson) return { text, body: text }
  // Deeper JSON could not be written back: a Task built from it would not serialise.
  const parsed = parseJson(received, { maxDepth: MAX_JSON_DEPTH })
  if (!parsed.success) return { text, body: text, parseError: parsed.error }
  return { text, body: echoes ? redactor.redactValue(parsed.value) : parsed.value }
}
