// Virtual time for a whole scheduler: setTimeout, clearTimeout and Date.now
// all read one virtual clock, which jumps to the next timer whenever no
// request is in flight. Unlike virtual-timers.ts (one waiter at a time), it
// keeps thousands of timers in a binary heap and virtualises Date.now too, as
// p-queue's rate limit reads it. Requests run on real loopback I/O while
// virtual time stands still, so they take no virtual time at all.
import type { VirtualClock } from '@taskbridge/testkit'

interface VirtualTimer {
  due: number
  order: number
  fire: () => void
  cancelled: boolean
}

/** A min-heap of timers by due time, then by the order they were set. */
function createTimerHeap() {
  const heap: VirtualTimer[] = []
  const before = (a: VirtualTimer, b: VirtualTimer) => a.due < b.due || (a.due === b.due && a.order < b.order)
  const swap = (i: number, j: number) => {
    const held = heap[i] as VirtualTimer
    heap[i] = heap[j] as VirtualTimer
    heap[j] = held
  }
  return {
    get size() {
      return heap.length
    },
    push(timer: VirtualTimer) {
      heap.push(timer)
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1
        if (!before(heap[i] as VirtualTimer, heap[parent] as VirtualTimer)) break
        swap(i, parent)
        i = parent
      }
    },
    pop(): VirtualTimer | undefined {
      const top = heap[0]
      const last = heap.pop()
      if (heap.length > 0 && last) {
        heap[0] = last
        for (let i = 0; ; ) {
          const left = 2 * i + 1
          const right = left + 1
          let least = i
          if (left < heap.length && before(heap[left] as VirtualTimer, heap[least] as VirtualTimer)) least = left
          if (right < heap.length && before(heap[right] as VirtualTimer, heap[least] as VirtualTimer)) least = right
          if (least === i) break
          swap(i, least)
          i = least
        }
      }
      return top
    },
  }
}

/** What {@link withVirtualTime} reports at each virtual instant, before time moves on. */
export type InstantHook = (now: number) => void

/**
 * Runs `body` with the timer globals and `Date.now` on `clock`. Whenever
 * `idle()` is true after a turn of the event loop, `onInstant` is told the
 * time, then the earliest timer fires with the clock set to its due time.
 * The globals are restored afterwards.
 */
export async function withVirtualTime<T>(
  clock: VirtualClock,
  idle: () => boolean,
  onInstant: InstantHook,
  body: () => Promise<T>,
): Promise<T> {
  const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, now: Date.now }
  const timers = createTimerHeap()
  let order = 0
  let done = false

  const pump = () => {
    if (done) return
    if (idle()) {
      onInstant(clock.now())
      let next = timers.pop()
      while (next?.cancelled) next = timers.pop()
      if (next) {
        clock.set(Math.max(clock.now(), next.due))
        next.fire()
      }
    }
    setImmediate(pump)
  }

  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer: VirtualTimer = {
      due: clock.now() + Math.max(0, ms ?? 0),
      order: order++,
      fire: () => callback(...args),
      cancelled: false,
    }
    timers.push(timer)
    return Object.assign(timer, { ref: () => timer, unref: () => timer, hasRef: () => true })
  }) as unknown as typeof setTimeout
  globalThis.clearTimeout = ((handle: unknown) => {
    if (handle && typeof handle === 'object' && 'cancelled' in handle) (handle as VirtualTimer).cancelled = true
    else real.clearTimeout(handle as Parameters<typeof clearTimeout>[0])
  }) as typeof clearTimeout
  Date.now = () => clock.now()
  setImmediate(pump)
  try {
    return await body()
  } finally {
    done = true
    globalThis.setTimeout = real.setTimeout
    globalThis.clearTimeout = real.clearTimeout
    Date.now = real.now
  }
}
