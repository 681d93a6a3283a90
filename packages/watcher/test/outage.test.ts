import { createOrkesTaskAdapter } from '@taskbridge/orkes'
import { startOrkesEmulator, startXpanderEmulator } from '@taskbridge/testkit'
import { createXpanderAdapter } from '@taskbridge/xpander'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTaskWatcher, type TaskWatcherEvent } from '../src/index.js'
import { counted, drive, fakeTimeClock } from './loopback.js'

// A provider down for 60 s of fake time, over real loopback HTTP: every
// connection to the Orkes emulator is reset while xpander keeps answering.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
})

type Timed = TaskWatcherEvent & { at: number }

/** One line per event, for `TASKBRIDGE_OUTAGE_LOG=1`: seconds from the outage's start, provider, id, what. */
function logEvents(events: readonly Timed[], start: number): void {
  for (const event of events) {
    const what = event.type === 'change' ? event.task.status : `error ${(event.error as Error).name}`
    console.log(
      `${((event.at - start) / 1000).toFixed(1)} s ${event.provider} ${event.id} ${what} final=${event.final}`,
    )
  }
}

describe('createTaskWatcher through a provider outage', () => {
  it('reports the outage once per task, keeps every watch, backs off, and follows each task to its end afterwards', async () => {
    const [orkes, xpander] = await Promise.all([
      startOrkesEmulator({ clock: fakeTimeClock }),
      startXpanderEmulator({ clock: fakeTimeClock }),
    ])
    await using _emulators = {
      [Symbol.asyncDispose]: () => Promise.all([orkes.close(), xpander.close()]).then(() => undefined),
    }
    const adapters = {
      orkes: counted(
        createOrkesTaskAdapter({
          serverUrl: orkes.baseUrl,
          keyId: orkes.keyId,
          keySecret: orkes.keySecret,
          retry: false,
        }),
      ),
      xpander: counted(createXpanderAdapter({ baseUrl: xpander.baseUrl, apiKey: xpander.apiKey, retry: false })),
    }
    const busy = () => adapters.orkes.inFlight > 0 || adapters.xpander.inFlight > 0
    const events: Timed[] = []
    const watcher = createTaskWatcher({
      providers: [
        { adapter: adapters.orkes.adapter, budget: { requestsPerSecond: 10 } },
        { adapter: adapters.xpander.adapter, budget: { requestsPerSecond: 10 } },
      ],
      onEvent: (event) => events.push({ ...event, at: Date.now() }),
    })
    const orkesIds = Array.from({ length: 5 }, () => orkes.createTask())
    for (const id of orkesIds) watcher.watch('orkes', id)
    await drive(1500, busy)
    const start = Date.now()
    orkes.faults.inject('*', { type: 'reset' }, { times: Number.POSITIVE_INFINITY })
    // Tasks of the provider that stays up are followed meanwhile.
    const xpanderIds = Array.from({ length: 3 }, () => xpander.createTask())
    for (const id of xpanderIds) watcher.watch('xpander', id)
    await drive(60_000, busy)
    const resets = orkes.requests.filter((request) => request.fault === 'reset').length
    orkes.faults.clear()
    const back = Date.now()
    for (let round = 0; round < 30 && watcher.size > 0; round += 1) await drive(1000, busy)
    await watcher.stop()
    if (process.env.TASKBRIDGE_OUTAGE_LOG) {
      logEvents(events, start)
      console.log(`outage from 0 to ${((back - start) / 1000).toFixed(1)} s, ${resets} connections reset`)
    }

    const of = (provider: string, id: string) =>
      events
        .filter((event) => event.provider === provider && event.id === id)
        .map((event) =>
          event.type === 'change'
            ? `${event.task.status}${event.final ? ' (final)' : ''}`
            : `error ${(event.error as Error).name}${event.final ? ' (final)' : ''}`,
        )
    for (const id of orkesIds) {
      // Its states before the outage, the outage reported once, then its end once the provider answers.
      const seen = of('orkes', id)
      const outage = seen.indexOf('error ProviderConnectionError')
      expect(outage, id).toBeGreaterThan(0)
      expect(
        seen.slice(0, outage).every((status) => /^(pending|running)$/.test(status)),
        id,
      ).toBe(true)
      expect(seen.slice(outage), id).toEqual(['error ProviderConnectionError', 'completed (final)'])
    }
    for (const id of xpanderIds) expect(of('xpander', id).at(-1), id).toBe('completed (final)')
    expect(watcher.size).toBe(0)
    const errors = events.filter((event) => event.type === 'error')
    expect(errors.every((event) => event.at >= start && event.at < back)).toBe(true)
    // Backed off: each task read about every maxIntervalMs (6 s) during the outage, not every second.
    expect(resets).toBeLessThanOrEqual(orkesIds.length * 12)
    // Noticed within one longest wait (and a second of queue) of the provider's return.
    const ends = events.filter((event) => event.provider === 'orkes' && event.final)
    expect(ends.every((event) => event.at - back <= 7000)).toBe(true)
  })
})
