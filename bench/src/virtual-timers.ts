// Virtual time for code that waits with the global setTimeout, such as
// waitForTask: its waits are computed by its own code and then taken on a
// virtual clock instantly, so a 60 s schedule runs in milliseconds while every
// wait keeps its exact length.
import type { VirtualClock } from '@taskbridge/testkit'

interface VirtualTimer {
  due: number
  order: number
  fire: () => void
}

/**
 * Runs `body` with `globalThis.setTimeout`/`clearTimeout` replaced. A timer set
 * while `idle()` is true is virtual: once nothing is in flight, the earliest
 * one fires with `clock` set to its due time. A timer set while not idle (a
 * request in flight: ky's timeout, the HTTP stack's own) stays a real timer,
 * so requests behave as usual. The globals are restored afterwards.
 */
export async function withVirtualTimers<T>(
  clock: VirtualClock,
  idle: () => boolean,
  body: () => Promise<T>,
): Promise<T> {
  const realSetTimeout = globalThis.setTimeout
  const realClearTimeout = globalThis.clearTimeout
  const pending = new Map<object, VirtualTimer>()
  let order = 0
  let pumping = false

  // Checked after the I/O of each event-loop turn, so a request in flight holds virtual time still.
  const pump = () => {
    pumping = pending.size > 0
    if (!pumping) return
    if (idle()) {
      const [handle, next] = [...pending].reduce((a, b) =>
        b[1].due < a[1].due || (b[1].due === a[1].due && b[1].order < a[1].order) ? b : a,
      )
      pending.delete(handle)
      clock.set(Math.max(clock.now(), next.due))
      next.fire()
    }
    setImmediate(pump)
  }

  const virtualSetTimeout = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if (!idle()) return realSetTimeout(callback, ms, ...args)
    const handle = { ref: () => handle, unref: () => handle, hasRef: () => true }
    pending.set(handle, { due: clock.now() + Math.max(0, ms ?? 0), order: order++, fire: () => callback(...args) })
    if (!pumping) {
      pumping = true
      setImmediate(pump)
    }
    return handle
  }
  const virtualClearTimeout = (handle: unknown) => {
    if (!pending.delete(handle as object)) realClearTimeout(handle as Parameters<typeof clearTimeout>[0])
  }

  globalThis.setTimeout = virtualSetTimeout as typeof setTimeout
  globalThis.clearTimeout = virtualClearTimeout as typeof clearTimeout
  try {
    return await body()
  } finally {
    globalThis.setTimeout = realSetTimeout
    globalThis.clearTimeout = realClearTimeout
    pending.clear()
  }
}
