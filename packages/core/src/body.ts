// Reading what a client sends (a webhook delivery, a push notification): one
// bounded reader for every body, and one rule for which bodies are JSON.

/** The default limit of a delivery's body: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES: number = 1024 * 1024

/** Why a body could not be read whole. */
export type UnreadBody =
  /** Larger than the limit (declared or counted): read no further than that. */
  | { ok: false; reason: 'too-large' }
  /** The client left or the body broke before its end. */
  | { ok: false; reason: 'broken'; cause: unknown }

/** What {@link readBodyBytes} found. */
export type BodyBytes = { ok: true; bytes: Uint8Array } | UnreadBody

/** What {@link readBodyText} found. */
export type BodyText = { ok: true; text: string } | UnreadBody

/** Where a body comes from: a `Request` (or `Response`), or chunks as Node's `IncomingMessage` gives them. */
export type BodySource =
  | { body: ReadableStream<Uint8Array> | null; headers: Headers }
  | (AsyncIterable<Uint8Array | string> & { headers: Record<string, string | string[] | undefined> })

function declaredLength(source: BodySource): number {
  const headers = source.headers
  const value = headers instanceof Headers ? headers.get('content-length') : headers['content-length']
  return typeof value === 'string' ? Number(value) : Number.NaN
}

function chunksOf(source: BodySource): AsyncIterable<Uint8Array | string> | undefined {
  if (Symbol.asyncIterator in source) return source
  return (source.body ?? undefined) as AsyncIterable<Uint8Array> | undefined
}

/**
 * Reads a body, counting bytes as they arrive: a body past `maxBytes`,
 * declared or not, is refused without reading further, and a client that
 * leaves mid-body is reported, never thrown.
 */
export async function readBodyBytes(source: BodySource, maxBytes: number): Promise<BodyBytes> {
  if (declaredLength(source) > maxBytes) return { ok: false, reason: 'too-large' }
  const chunks = chunksOf(source)
  if (!chunks) return { ok: true, bytes: new Uint8Array() }
  const encoder = new TextEncoder()
  const received: Uint8Array[] = []
  let size = 0
  try {
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk
      size += bytes.byteLength
      // Read no further than the limit: an endless body must not fill memory.
      if (size > maxBytes) return { ok: false, reason: 'too-large' }
      received.push(bytes)
    }
  } catch (cause) {
    return { ok: false, reason: 'broken', cause }
  }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of received) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return { ok: true, bytes }
}

/**
 * {@link readBodyBytes}, decoded as UTF-8.
 *
 * @example
 * ```ts
 * const body = await readBodyText(request, DEFAULT_MAX_BODY_BYTES)
 * if (!body.ok) return new Response(null, { status: body.reason === 'too-large' ? 413 : 400 })
 * ```
 */
export async function readBodyText(source: BodySource, maxBytes: number): Promise<BodyText> {
  const read = await readBodyBytes(source, maxBytes)
  return read.ok ? { ok: true, text: new TextDecoder().decode(read.bytes) } : read
}

/**
 * Whether a content type names JSON (`application/json`, or any `+json`
 * type such as `application/a2a+json`). A missing one is taken for JSON:
 * some senders set none.
 */
export function isJsonContentType(contentType: string | null | undefined): boolean {
  if (contentType === null || contentType === undefined || contentType.trim() === '') return true
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))
}

/**
 * A JSON answer of a webhook endpoint.
 *
 * @internal
 */
export function answer(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}
