import type { XpanderEmulator } from '@taskbridge/testkit'

/**
 * Moves the emulator's clock on by `stepMs` every few milliseconds, but only
 * once the watcher is listening: it has opened the task's event stream and
 * read the task after that (so no change can fall between the two). Before,
 * a slow process start on a loaded machine would let the task end unseen.
 * The emulator pushes every state it passes through, in order, so none is
 * skipped however the steps and its own checks interleave.
 */
export function advanceWhileWatched(emulator: XpanderEmulator, stepMs = 1000): () => void {
  const timer = setInterval(() => {
    const routes = emulator.requests.map((request) => request.route)
    const listening = routes.includes('streamTask') && routes.filter((route) => route === 'getTask').length >= 2
    if (listening) emulator.clock.advance(stepMs)
  }, 20)
  return () => clearInterval(timer)
}
