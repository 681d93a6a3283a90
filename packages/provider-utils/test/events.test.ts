import { describe, expect, it } from 'vitest'
import { readServerSentEvents } from '../src/index.js'

/** A body whose server sends one event and then stays quiet, as an open subscription does; says why it was cancelled. */
function quietBody(): { body: ReadableStream<Uint8Array>; cancelled: () => unknown } {
  let reason: unknown
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('data: {"n":1}\n\n'))
    },
    cancel(why) {
      reason = why
    },
  })
  return { body, cancelled: () => reason }
}

const options = (signal: AbortSignal) => ({
  redact: (text: string) => text,
  maxEventBytes: 1024,
  broken: (cause: unknown) => new Error('the event stream broke', { cause }),
  signal,
})

describe('readServerSentEvents', () => {
  it('ends a quiet stream when the signal aborts, with its reason, and cancels the body', async () => {
    const { body, cancelled } = quietBody()
    const stop = new AbortController()
    const events = readServerSentEvents(body, options(stop.signal))
    expect((await events.next()).value).toEqual({ data: '{"n":1}' })
    const waiting = events.next()
    const reason = new Error('deadline passed')
    stop.abort(reason)
    await expect(waiting).rejects.toBe(reason)
    expect(cancelled()).toBe(reason)
  })
})
