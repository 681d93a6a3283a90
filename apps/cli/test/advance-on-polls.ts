import type { XpanderEmulator } from '@taskbridge/testkit'

/**
 * Moves the emulator's clock on by one step each time it has answered new
 * polls, so a watched task goes through its states poll by poll. One step per
 * check, however many polls came in since the last one: on a loaded machine
 * several polls may arrive between two checks, and a bigger jump could skip a
 * state the test expects to see.
 */
export function advanceOnPolls(emulator: XpanderEmulator, stepMs = 1000): () => void {
  let seen = 0
  const timer = setInterval(() => {
    const polls = emulator.requests.filter((request) => request.route === 'getTask').length
    if (polls === seen) return
    seen = polls
    emulator.clock.advance(stepMs)
  }, 5)
  return () => clearInterval(timer)
}
