// Server-sent events, read with eventsource-parser (a well-kept parser of the
// EventSource format) from a response body, one event at a time, as they come.
import type { EventSourceMessage } from 'eventsource-parser'

// eventsource-parser is imported with the first stream, not with this module:
// most adapters never read one, and importing an adapter should not cost it.
let parserModule: Promise<typeof import('eventsource-parser')> | undefined
const loadParser = (): Promise<typeof import('eventsource-parser')> => (parserModule ??= import('eventsource-parser'))

/** One server-sent event: its `event` type (when the server names one), its `data`, its `id`. */
export interface ServerSentEvent {
  event?: string | undefined
  data: string
  id?: string | undefined
}

/** How {@link readServerSentEvents} reports what went wrong and hides what must not be seen. */
export interface ServerSentEventOptions {
  /** Applied to each event's data: takes echoed secrets out. */
  redact: (text: string) => string
  /** One event larger than this fails the stream. */
  maxEventBytes: number
  /** The error to throw when the stream breaks (a reset, a cut) or an event is too large. */
  broken: (cause: unknown) => Error
  /** Aborts the read; the iteration then throws the signal's reason. */
  signal?: AbortSignal | undefined
}

/**
 * Yields the events of an SSE body as they arrive, ending when the server
 * closes the stream. Ending the iteration (breaking out of the loop, or
 * `return()`, even before the first event) cancels the body, which closes
 * the connection.
 */
export function readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  options: ServerSentEventOptions,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const reader = body.getReader()
  const events = read(reader, options)
  // A generator that never started skips its `finally`: cancel the body here too.
  const finish = events.return.bind(events)
  events.return = async (value) => {
    await reader.cancel().catch(() => {})
    return finish(value)
  }
  return events
}

async function* read(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  options: ServerSentEventOptions,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const ready: ServerSentEvent[] = []
  let failure: unknown
  const decoder = new TextDecoder()
  const { signal } = options
  // The signal cancels the body itself, so an abort ends a quiet stream however
  // the body was fetched: a fetch's signal made with AbortSignal.any can be
  // collected as garbage while the stream stays open, and then never aborts it.
  const cancel = () => void reader.cancel(signal?.reason).catch(() => {})
  signal?.addEventListener('abort', cancel, { once: true })
  try {
    const { createParser } = await loadParser()
    const parser = createParser({
      maxBufferSize: options.maxEventBytes,
      onEvent: (message: EventSourceMessage) => {
        const event: ServerSentEvent = { data: options.redact(message.data) }
        if (message.event !== undefined) event.event = message.event
        if (message.id !== undefined) event.id = message.id
        ready.push(event)
      },
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') failure ??= error
      },
    })
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>
      try {
        chunk = await reader.read()
      } catch (error) {
        if (signal?.aborted) throw signal.reason
        throw options.broken(error)
      }
      signal?.throwIfAborted()
      if (chunk.done) {
        parser.feed(decoder.decode())
        yield* ready.splice(0)
        return
      }
      parser.feed(decoder.decode(chunk.value, { stream: true }))
      if (failure !== undefined) throw options.broken(failure)
      yield* ready.splice(0)
    }
  } finally {
    signal?.removeEventListener('abort', cancel)
    await reader.cancel().catch(() => {})
  }
}
