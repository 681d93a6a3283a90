import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { type CallOptions, type Task, waitForTask } from '@taskbridge/core'
import { createOrkesTaskAdapter } from '@taskbridge/orkes'
import {
  createVirtualClock,
  type EmulatorServer,
  type LifecycleStep,
  startOrkesEmulator,
  startWexaEmulator,
  startXpanderEmulator,
  type TaskStore,
} from '@taskbridge/testkit'
import { createTaskWatcher, type WatcherAdapter } from '@taskbridge/watcher'
import { createWexaAdapter } from '@taskbridge/wexa'
import { createXpanderAdapter } from '@taskbridge/xpander'
import type { Benchmark, BenchResult } from './types.ts'
import { withVirtualTime } from './virtual-time.ts'

const BUDGET = 50
/** The emulated providers, in the order tasks are split among them. */
export const PROVIDERS = ['xpander', 'wexa', 'orkes'] as const
/** One of {@link PROVIDERS}. */
export type Provider = (typeof PROVIDERS)[number]
/** A sweep of each listing starts at most this often: the emulators answer list pages slower than real providers' budgets allow. */
export const SWEEP_INTERVAL_MS = 5000
/** Each provider's largest page, so a sweep of its listing takes the fewest requests. */
export const PAGE_SIZE: Record<Provider, number> = { xpander: 50, wexa: 100, orkes: 1000 }
/** The statuses each emulator's tasks go through: started, then completed. */
const STEPS: Record<Provider, [string, string]> = {
  xpander: ['executing', 'completed'],
  wexa: ['running', 'completed'],
  orkes: ['IN_PROGRESS', 'COMPLETED'],
}
/** Tasks start within their first minute and end between 1 and 10 minutes after creation. */
const STARTS_WITHIN_MS = 60_000
const ENDS_BETWEEN_MS: [number, number] = [60_000, 600_000]

/** A seeded generator (mulberry32), so every run plans the same tasks. */
export function seededRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** An emulator with its task store and a way to add a task. */
export interface Emulated {
  server: EmulatorServer
  store: TaskStore<unknown>
  createTask(): string
}

/** A task of the plan and when (emulator clock) it ends. */
export interface PlannedTask {
  provider: Provider
  id: string
  endsAt: number
}

/** The adapter, counting its calls in flight: virtual time moves only when none is. */
function counted(adapter: WatcherAdapter, inFlight: { count: number }): WatcherAdapter {
  const track = async <R>(call: Promise<R>): Promise<R> => {
    inFlight.count += 1
    try {
      return await call
    } finally {
      inFlight.count -= 1
    }
  }
  const listTasks = adapter.listTasks?.bind(adapter)
  return {
    provider: adapter.provider,
    capabilities: adapter.capabilities,
    getTask: (id: string, options?: CallOptions) => track(adapter.getTask(id, options)),
    ...(listTasks && {
      listTasks: (query?: unknown, options?: CallOptions): AsyncIterable<Task> => ({
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
}

/** Requests each emulator answered at each virtual instant, and its 429s; the logs are emptied as they are read. */
function createRequestCounter(emulators: Record<Provider, Emulated>) {
  const instants: Record<Provider, { at: number; count: number }[]> = { xpander: [], wexa: [], orkes: [] }
  const rateLimited: Record<Provider, number> = { xpander: 0, wexa: 0, orkes: 0 }
  const total: Record<Provider, number> = { xpander: 0, wexa: 0, orkes: 0 }
  let tokenExchanges = 0
  return {
    get tokenExchanges() {
      return tokenExchanges
    },
    instants,
    rateLimited,
    total,
    /** Requests logged now were all sent at `now`: virtual time stood still while they ran. */
    read(now: number) {
      for (const provider of PROVIDERS) {
        const { server } = emulators[provider]
        // The Orkes token exchange (once an hour, inside the adapter's first call) is not the watcher's to budget: counted apart.
        const exchanges = server.requests.filter((request) => request.route === 'token').length
        tokenExchanges += exchanges
        const count = server.requests.length - exchanges
        rateLimited[provider] += server.requests.filter((request) => request.status === 429).length
        server.clearRequests()
        if (count === 0) continue
        total[provider] += count
        instants[provider].push({ at: now, count })
      }
    },
    /** The most requests sent within any one second, (t − 1000, t]. */
    mostInAnySecond(provider: Provider): number {
      const list = instants[provider]
      let most = 0
      let inWindow = 0
      for (let i = 0, j = 0; j < list.length; j += 1) {
        const end = list[j] as { at: number; count: number }
        inWindow += end.count
        while ((list[i] as { at: number }).at <= end.at - 1000) inWindow -= (list[i++] as { count: number }).count
        most = Math.max(most, inWindow)
      }
      return most
    },
    reset() {
      for (const provider of PROVIDERS) {
        instants[provider] = []
        rateLimited[provider] = 0
        total[provider] = 0
      }
      tokenExchanges = 0
    },
  }
}

/** `counts[provider]` new tasks of each provider, each restarted with its planned lifecycle from `now`. */
export function planTasks(
  emulators: Record<Provider, Emulated>,
  counts: Record<Provider, number>,
  now: number,
  random: () => number,
) {
  const planned: PlannedTask[] = []
  for (const provider of PROVIDERS) {
    const { store } = emulators[provider]
    for (let i = 0; i < counts[provider]; i += 1) {
      const id = emulators[provider].createTask()
      const stored = store.get(id)
      if (!stored) throw new Error(`the ${provider} emulator lost task ${id}`)
      const startsAfter = 1000 + Math.floor(random() * STARTS_WITHIN_MS)
      const [from, to] = ENDS_BETWEEN_MS
      const endsAfter = Math.max(startsAfter + 1000, from + Math.floor(random() * (to - from)))
      const [started, ended] = STEPS[provider]
      const steps: LifecycleStep[] = [
        { afterMs: startsAfter, status: started },
        { afterMs: endsAfter, status: ended },
      ]
      // Added again under its id: the same task, its lifecycle restarted with this plan.
      store.add(id, stored.data, steps)
      planned.push({ provider, id, endsAt: now + endsAfter })
    }
  }
  return planned
}

/** The value at `share` (0 to 1) of a sorted list. */
export const percentile = (sorted: readonly number[], share: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN
/** Milliseconds as seconds, for the table. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
/** Bytes as MB, for the table. */
export const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`

function heapAfterGc(): number {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
  return process.memoryUsage().heapUsed
}

// 10,000 tasks (3,334 on xpander, 3,333 on each other) on the three emulators
// in one process, over loopback, on one virtual clock (virtual-time.ts): the
// watcher's timers, p-queue's rate limit and the emulators' lifecycles all
// read it, and it moves only while no request is in flight, so each request
// is attributed to the virtual instant it was sent at, exactly.
export const benchWatcher: Benchmark = async ({ quick }) => {
  const total = quick ? 1500 : 10_000
  const perProvider: Record<Provider, number> = {
    xpander: total - 2 * Math.floor(total / 3),
    wexa: Math.floor(total / 3),
    orkes: Math.floor(total / 3),
  }
  const baselinePerProvider = quick ? 50 : 200
  const baselineCounts: Record<Provider, number> = {
    xpander: baselinePerProvider,
    wexa: baselinePerProvider,
    orkes: baselinePerProvider,
  }
  const clock = createVirtualClock()
  const [xpander, wexa, orkes] = await Promise.all([
    startXpanderEmulator({ clock }),
    startWexaEmulator({ clock }),
    startOrkesEmulator({ clock }),
  ])
  try {
    const emulators: Record<Provider, Emulated> = {
      xpander: { server: xpander, store: xpander.tasks as TaskStore<unknown>, createTask: () => xpander.createTask() },
      wexa: { server: wexa, store: wexa.tasks as TaskStore<unknown>, createTask: () => wexa.createTask() },
      orkes: { server: orkes, store: orkes.tasks as TaskStore<unknown>, createTask: () => orkes.createTask() },
    }
    const inFlight = { count: 0 }
    const adapters: Record<Provider, WatcherAdapter> = {
      xpander: counted(
        createXpanderAdapter({ baseUrl: xpander.baseUrl, apiKey: xpander.apiKey, retry: false }),
        inFlight,
      ),
      wexa: counted(
        createWexaAdapter({ baseUrl: wexa.baseUrl, apiKey: wexa.apiKey, projectId: wexa.projectId, retry: false }),
        inFlight,
      ),
      orkes: counted(
        createOrkesTaskAdapter({
          serverUrl: orkes.baseUrl,
          keyId: orkes.keyId,
          keySecret: orkes.keySecret,
          retry: false,
        }),
        inFlight,
      ),
    }
    for (const provider of PROVIDERS) emulators[provider].server.clearRequests()
    const counter = createRequestCounter(emulators)
    const random = seededRandom(18)
    const heapBefore = heapAfterGc()

    // The watcher: every task at once, each provider within 50 requests a second.
    const planned = planTasks(emulators, perProvider, clock.now(), random)
    const endsAt = new Map(planned.map((task) => [`${task.provider}:${task.id}`, task.endsAt]))
    const delays: number[] = []
    let errors = 0
    let heapAtEnd = 0
    await withVirtualTime(
      clock,
      () => inFlight.count === 0,
      (now) => counter.read(now),
      () =>
        new Promise<void>((resolve) => {
          const watcher = createTaskWatcher({
            providers: PROVIDERS.map((provider) => ({
              adapter: adapters[provider],
              budget: { requestsPerSecond: BUDGET },
              batch: { pageSize: PAGE_SIZE[provider], intervalMs: SWEEP_INTERVAL_MS },
            })),
            onEvent(event) {
              if (event.type === 'error') errors += 1
              if (event.type !== 'change' || !event.final) return
              delays.push(Date.now() - (endsAt.get(`${event.provider}:${event.id}`) ?? Number.NaN))
              if (delays.length < planned.length) return
              heapAtEnd = heapAfterGc()
              void watcher.stop().then(resolve)
            },
          })
          for (const task of planned) watcher.watch(task.provider, task.id)
        }),
    )
    const watcherRequests = { ...counter.total }
    const watcherMost = Object.fromEntries(PROVIDERS.map((p) => [p, counter.mostInAnySecond(p)])) as Record<
      Provider,
      number
    >
    const watcher429 = PROVIDERS.reduce((sum, provider) => sum + counter.rateLimited[provider], 0)
    const watcherTotal = PROVIDERS.reduce((sum, provider) => sum + watcherRequests[provider], 0)
    const tokenExchanges = counter.tokenExchanges
    delays.sort((a, b) => a - b)

    // The baseline, in the same run on the same emulators: one waitForTask per task, a sample of the same plan.
    counter.reset()
    const sample = planTasks(emulators, baselineCounts, clock.now(), random)
    const baselineDelays: number[] = []
    await withVirtualTime(
      clock,
      () => inFlight.count === 0,
      (now) => counter.read(now),
      () =>
        Promise.all(
          sample.map(async (task) => {
            await waitForTask(adapters[task.provider], task.id)
            baselineDelays.push(Date.now() - task.endsAt)
          }),
        ),
    )
    const baselineTotal = PROVIDERS.reduce((sum, provider) => sum + counter.total[provider], 0)
    const baselineMost = Math.max(...PROVIDERS.map((provider) => counter.mostInAnySecond(provider)))
    baselineDelays.sort((a, b) => a - b)

    const tasks = planned.length
    const perTask = watcherTotal / tasks
    const baselinePerTask = baselineTotal / sample.length
    const most = Math.max(...PROVIDERS.map((provider) => watcherMost[provider]))
    const subject = `createTaskWatcher, ${tasks.toLocaleString('en-US')} tasks (${PROVIDERS.map((p) => perProvider[p].toLocaleString('en-US')).join('/')} on xpander/Wexa/Orkes), ${BUDGET} requests/s per provider, batched (pages of ${PROVIDERS.map((p) => PAGE_SIZE[p]).join('/')})`
    const baseline = `one waitForTask per task, default options, ${sample.length} tasks of the same plan`
    const none = 'none set in issue 18 (reported)'
    const results: BenchResult[] = [
      {
        id: 8,
        title: 'Watcher: requests per provider per second',
        subject,
        baseline,
        subjectValue: `most in any second: ${PROVIDERS.map((p) => `${p} ${watcherMost[p]}`).join(', ')}; ${watcherTotal.toLocaleString('en-US')} requests in all`,
        baselineValue: `most in any second (one provider, ${baselinePerProvider} tasks): ${baselineMost}`,
        figure: `${most} / ${BUDGET}`,
        target: `≤ ${BUDGET} in any second, every provider`,
        met: most <= BUDGET,
      },
      {
        id: 8,
        title: 'Watcher: 429s answered',
        subject,
        baseline: 'the emulators enforce no rate limit: this counts 429 answers in their logs',
        subjectValue: `${watcher429}; error events: ${errors}`,
        baselineValue: '—',
        figure: String(watcher429),
        target: '0',
        met: watcher429 === 0 && errors === 0,
      },
      {
        id: 8,
        title: "Watcher: detection delay from each task's end",
        subject,
        baseline,
        subjectValue: `p50 ${seconds(percentile(delays, 0.5))}, p99 ${seconds(percentile(delays, 0.99))}, max ${seconds(delays.at(-1) ?? Number.NaN)}`,
        baselineValue: `p50 ${seconds(percentile(baselineDelays, 0.5))}, p99 ${seconds(percentile(baselineDelays, 0.99))}`,
        figure: `p99 ${seconds(percentile(delays, 0.99))}`,
        target: none,
        met: true,
      },
      {
        id: 8,
        title: 'Watcher: requests per task',
        subject,
        baseline,
        subjectValue: `${perTask.toFixed(1)} (${PROVIDERS.map((p) => `${p} ${(watcherRequests[p] / perProvider[p]).toFixed(1)}`).join(', ')})`,
        baselineValue: `${baselinePerTask.toFixed(1)}`,
        figure: `${((perTask / baselinePerTask) * 100).toFixed(1)} %`,
        target: none,
        met: true,
      },
      {
        id: 8,
        title: 'Watcher: heap at the end',
        subject,
        baseline: 'the heap before the tasks were created',
        subjectValue: `${mb(heapAtEnd)} after a full gc, all tasks ended, watcher still running`,
        baselineValue: mb(heapBefore),
        figure: `+${mb(heapAtEnd - heapBefore)}`,
        target: none,
        met: true,
        notes:
          `Same process as the three emulators, so the heap includes their ${tasks.toLocaleString('en-US')} stored tasks (the baseline's were created after it was read). ` +
          `Tasks start within ${STARTS_WITHIN_MS / 1000} s and end ${ENDS_BETWEEN_MS[0] / 1000}–${ENDS_BETWEEN_MS[1] / 1000} s after creation (seeded). ` +
          "List items that are summaries (xpander, Orkes) are confirmed by one getTask when they show a change, the first read included; Wexa's items are full tasks. " +
          'Detection delay: virtual time from the planned end to the final change event; requests take no virtual time. ' +
          `Sweeps of a listing start at most every ${SWEEP_INTERVAL_MS / 1000} s. ` +
          `The Orkes adapter's token exchange (${tokenExchanges} request${tokenExchanges === 1 ? '' : 's'}, inside its first call, not the watcher's to budget) is left out of the per-second counts and the totals.` +
          (quick ? ` Quick mode: ${tasks.toLocaleString('en-US')} tasks instead of 10,000.` : ''),
      },
    ]
    return results
  } finally {
    await Promise.all([xpander.close(), wexa.close(), orkes.close()])
  }
}
