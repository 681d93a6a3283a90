import { respond } from './http.js'
import type { Live, LiveEvent } from './live.js'

const KEEP_ALIVE_MS = 25_000
const encoder = new TextEncoder()

function frame(event: LiveEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`
}

/**
 * The server-sent events of the page: the events after the one it saw last
 * (`Last-Event-ID`, which the browser sends when it reconnects), then each new
 * one. `reset` when the ones it missed are no longer kept. The stream ends
 * when the client goes away (its body is cancelled) or `closing` aborts.
 */
export function eventStream(request: Request, live: Live, closing: AbortSignal): Response {
  const after = Number(
    request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('after') ?? live.seq,
  )
  let stop = () => {}
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text))
        } catch {
          // The stream is already closed: this subscriber is gone.
          stop()
        }
      }
      send('retry: 3000\n\n')
      const missed = Number.isInteger(after) && after >= 0 ? live.since(after) : undefined
      if (missed === undefined) send(`id: ${live.seq}\nevent: reset\ndata: {}\n\n`)
      for (const event of missed ?? []) send(frame(event))
      const unsubscribe = live.subscribe((event) => send(frame(event)))
      // A comment now and then, so proxies keep the connection and a gone client is noticed.
      const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS)
      stop = () => {
        unsubscribe()
        clearInterval(keepAlive)
        closing.removeEventListener('abort', end)
      }
      const end = () => {
        stop()
        controller.close()
      }
      closing.addEventListener('abort', end)
    },
    cancel() {
      stop()
    },
  })
  return respond(200, body, { 'content-type': 'text/event-stream; charset=utf-8', 'x-accel-buffering': 'no' })
}
