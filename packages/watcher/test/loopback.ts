import type { CallOptions, Task } from '@taskbridge/core'
import type { RecordedRequest, VirtualClock } from '@taskbridge/testkit'
import { vi } from 'vitest'
import type { WatcherAdapter } from '../src/index.js'

/** An emulator clock that reads vitest's fake `Date.now()`, so emulated tasks move as fake time does. */
export const fakeTimeClock: VirtualClock = {
  now: () => Date.now(),
  advance: (ms) => vi.advanceTimersByTime(ms),
  set: () => {
    throw new Error('fakeTimeClock: move fake time with the test driver')
  },
}

/** The adapter, counting its calls in flight, so a test can let real I/O finish before it moves fake time. */
export function counted<T extends Task>(adapter: WatcherAdapter<T>) {
  let inFlight = 0
  const track = async <R>(call: Promise<R>): Promise<R> => {
    inFlight += 1
    try {
      return await call
    } finally {
      inFlight -= 1
    }
  }
  const listTasks = adapter.listTasks?.bind(adapter)
  const wrapped: WatcherAdapter<T> = {
    provider: adapter.provider,
    capabilities: adapter.capabilities,
    getTask: (id: string, options?: CallOptions) => track(adapter.getTask(id, options)),
    ...(listTasks && {
      listTasks: (query?: unknown, options?: CallOptions): AsyncIterable<T> => ({
        [Symbol.asyncIterator]() {
          const items = listTasks(query, options)[Symbol.asyncIterator]()
          return {
            next: () => track(items.next()),
            return: (value?: unknown) =>
              track(items.return?.(value) ?? Promise.resolve({ done: true as const, value: undefined })),
          }
        },
      }),
    }),
  }
  return {
    adapter: wrapped,
    get inFlight() {
      return inFlight
    },
  }
}

/**
 * Moves fake time from timer to timer for at least `ms`, letting the real
 * loopback I/O started at each instant finish before time moves on (fake
 * time stands still while requests are in flight), so each request the
 * emulators record carries, as its `receivedAt`, the fake time it was sent at.
 */
export async function drive(ms: number, busy: () => boolean): Promise<void> {
  const settle = async () => {
    // Real turns of the event loop (setImmediate is not faked) until nothing is in flight.
    do await new Promise((resolve) => setImmediate(resolve))
    while (busy())
  }
  const deadline = Date.now() + ms
  await settle()
  while (Date.now() < deadline && vi.getTimerCount() > 0) {
    await vi.advanceTimersToNextTimerAsync()
    await settle()
  }
}

/** The most requests an emulator received within any second of its clock: (t − 1000, t] over their `receivedAt`. */
export function mostInAnySecond(requests: readonly RecordedRequest[]): number {
  const times = requests.map((request) => request.receivedAt).sort((a, b) => a - b)
  let most = 0
  for (let last = 0, first = 0; last < times.length; last += 1) {
    while ((times[first] as number) <= (times[last] as number) - 1000) first += 1
    most = Math.max(most, last - first + 1)
  }
  return most
}
