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

/** Requests an emulator logged, sampled after each step of fake time. */
export interface RequestSample {
  at: number
  logged: number
}

/**
 * Moves fake time from timer to timer for at least `ms`, letting the real
 * loopback I/O started at each instant finish before time moves on (fake
 * time stands still while requests are in flight), and samples each
 * emulator's request log after each instant: a sample counts exactly the
 * requests sent at its time.
 */
export async function drive(
  ms: number,
  busy: () => boolean,
  logs: Record<string, () => readonly RecordedRequest[]>,
  samples: Record<string, RequestSample[]>,
): Promise<void> {
  const sample = () => {
    for (const [name, log] of Object.entries(logs)) {
      samples[name] ??= []
      samples[name].push({ at: Date.now(), logged: log().length })
    }
  }
  const settle = async () => {
    // Real turns of the event loop (setImmediate is not faked) until nothing is in flight.
    do await new Promise((resolve) => setImmediate(resolve))
    while (busy())
  }
  const deadline = Date.now() + ms
  await settle()
  sample()
  while (Date.now() < deadline && vi.getTimerCount() > 0) {
    await vi.advanceTimersToNextTimerAsync()
    await settle()
    sample()
  }
}

/** The most requests logged within any second of fake time: (t − 1000, t] over the samples. */
export function mostInAnySecond(samples: readonly RequestSample[]): number {
  let most = 0
  for (let j = 0, i = 0; j < samples.length; j += 1) {
    const end = samples[j] as RequestSample
    while ((samples[i] as RequestSample).at <= end.at - 1000) i += 1
    const before = i === 0 ? 0 : (samples[i - 1] as RequestSample).logged
    most = Math.max(most, end.logged - before)
  }
  return most
}
