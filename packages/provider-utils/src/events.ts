// Server-sent events, read with eventsource-parser (a well-kept parser of the
// EventSource format) from a response body, one event at a time, as they come.
import { createParser, type EventSourceMessage } from 'eventsource-parser'

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
  /**
   * Aborts the read, even while it waits for a stream that sends nothing but
   * keep-alives; the iteration then throws the signal's reason.
   */
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
  const { signal } = options
  const ready: ServerSentEvent[] = []
  let failure: unknown
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
  const decoder = new TextDecoder()
  // The reader listens to the signal itself: the signal fetch was given may
  // be a derived one that garbage collection has taken, and a stream of
  // keep-alives only would then never end.
  const onAbort = () => {
    reader.cancel(signal?.reason).catch(() => {})
  }
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      signal?.throwIfAborted()
      let chunk: ReadableStreamReadResult<Uint8Array>
      try {
        chunk = await reader.read()
      } catch (error) {
        signal?.throwIfAborted()
        throw options.broken(error)
      }
      // A cancelled read ends as if the stream had: the abort, not the end, is what happened.
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
    signal?.removeEventListener('abort', onAbort)
    await reader.cancel().catch(() => {})
  }
}
