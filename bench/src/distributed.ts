import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createDistributedWatcher } from '@taskbridge/bullmq'
import { startRedisServer } from '@taskbridge/test-support/redis-server'
import { ensureSystemPackages } from '@taskbridge/test-support/system-deps'
import {
  createRealTimeClock,
  type RecordedRequest,
  startOrkesEmulator,
  startWexaEmulator,
  startXpanderEmulator,
  type TaskStore,
} from '@taskbridge/testkit'
import type { BatchOptions } from '@taskbridge/watcher'
import type { Benchmark, BenchResult } from './types.ts'
import {
  type Emulated,
  mb,
  PAGE_SIZE,
  PROVIDERS,
  type Provider,
  percentile,
  planTasks,
  SWEEP_INTERVAL_MS,
  seconds,
  seededRandom,
} from './watcher.ts'

/** Requests a second per provider, for all workers together. */
const BUDGET = 100
/** The emulators' clocks run this many times faster than real time: a task's 1–10 minutes take 6–60 s. */
const SPEED = 10
/** Thirty days of emulated time: three real days at ten times the speed. */
const TOKEN_TTL_MS = 30 * 24 * 3_600_000
/** The emulators' routes of a list page. */
const LIST_ROUTES = new Set(['listTasks', 'searchTasks', 'searchWorkflows'])
const WORKER_SCRIPT = fileURLToPath(new URL('./distributed-worker.ts', import.meta.url))

/** One run: `workers` processes follow `perProvider` new tasks of each provider until every task's end is delivered. */
interface RunResult {
  tasks: number
  finals: number
  delays: number[]
  elapsedMs: number
  mostInAnySecond: Record<Provider, number>
  requests: number
  /** Of `requests`, the list pages. */
  pages: number
  maxRssPerWorker: number
  maxHeapPerWorker: number
}

/** The most requests whose arrival falls in any one second, (t − 1000, t]. */
function mostInAnySecond(times: number[]): number {
  times.sort((a, b) => a - b)
  let most = 0
  for (let i = 0, j = 0; j < times.length; j += 1) {
    while ((times[i] as number) <= (times[j] as number) - 1000) i += 1
    most = Math.max(most, j - i + 1)
  }
  return most
}

// 100,000 tasks (33,334 on xpander, 33,333 on each other) on the three
// emulators, with one and then two worker processes (node on
// distributed-worker.ts), a redis-server of the benchmark's own, and the
// handler in this process. Real time throughout: the emulators' clocks run
// ten times faster, the workers' timers and the budget run on real time.
// The one-worker run is the baseline of the two-worker run.
export const benchDistributed: Benchmark = async ({ quick }) => {
  // 100,000 unless told: a run that size takes hours on a small machine.
  const total = Number(process.env.BENCH_DISTRIBUTED_TASKS ?? (quick ? 3000 : 100_000))
  const perProvider: Record<Provider, number> = {
    xpander: total - 2 * Math.floor(total / 3),
    wexa: Math.floor(total / 3),
    orkes: Math.floor(total / 3),
  }
  // Pages enough for a sweep to reach every task of a run, as in benchmark 8.
  const batch = Object.fromEntries(
    PROVIDERS.map((provider) => [
      provider,
      {
        pageSize: PAGE_SIZE[provider],
        maxPages: Math.ceil(perProvider[provider] / PAGE_SIZE[provider]) + 10,
        intervalMs: SWEEP_INTERVAL_MS,
      },
    ]),
  ) as Record<Provider, BatchOptions>
  ensureSystemPackages(['redis-server'])
  const redis = await startRedisServer()
  const clock = createRealTimeClock({ speed: SPEED })
  const [xpander, wexa, orkes] = await Promise.all([
    startXpanderEmulator({ clock }),
    startWexaEmulator({ clock }),
    // Tokens that outlive the run: the emulator expires them on its 10× clock,
    // the adapter renews by the token's wall-clock expiry, and the request
    // retried after that 401 would be a second one in the same slot of the budget.
    startOrkesEmulator({ clock, tokenTtlMs: TOKEN_TTL_MS }),
  ])
  const emulators: Record<Provider, Emulated> = {
    xpander: { server: xpander, store: xpander.tasks as TaskStore<unknown>, createTask: () => xpander.createTask() },
    wexa: { server: wexa, store: wexa.tasks as TaskStore<unknown>, createTask: () => wexa.createTask() },
    orkes: { server: orkes, store: orkes.tasks as TaskStore<unknown>, createTask: () => orkes.createTask() },
  }
  // When each request arrived, by provider; the Orkes token exchange (once per worker process) is not the budget's.
  const arrivals: Record<Provider, number[]> = { xpander: [], wexa: [], orkes: [] }
  const pages = { count: 0 }
  for (const provider of PROVIDERS) {
    const log = emulators[provider].server.requests as RecordedRequest[]
    const push = log.push.bind(log)
    log.push = (...records) => {
      for (const record of records) {
        if (record.path === '/api/token') continue
        arrivals[provider].push(Date.now())
        // The emulator names the route right after recording the request.
        queueMicrotask(() => {
          if (LIST_ROUTES.has(record.route ?? '')) pages.count += 1
        })
      }
      // Not kept: a run of 100,000 tasks would hold every request in memory.
      return push()
    }
  }
  const workerEnv = {
    ...process.env,
    REDIS_URL: redis.url,
    BUDGET: String(BUDGET),
    BATCH: JSON.stringify(batch),
    XPANDER_URL: xpander.baseUrl,
    XPANDER_KEY: xpander.apiKey,
    WEXA_URL: wexa.baseUrl,
    WEXA_KEY: wexa.apiKey,
    WEXA_PROJECT: wexa.projectId,
    ORKES_URL: orkes.baseUrl,
    ORKES_KEY: orkes.keyId,
    ORKES_SECRET: orkes.keySecret,
  }
  const random = seededRandom(21)

  const run = async (workers: number, prefix: string): Promise<RunResult> => {
    for (const provider of PROVIDERS) arrivals[provider] = []
    pages.count = 0
    const memory = { rss: 0, heap: 0 }
    const children: ChildProcess[] = []
    await Promise.all(
      Array.from({ length: workers }, async () => {
        const child = spawn(process.execPath, [WORKER_SCRIPT], {
          env: { ...workerEnv, PREFIX: prefix },
          stdio: ['ignore', 'pipe', 'inherit'],
        })
        children.push(child)
        await new Promise<void>((resolve) => {
          createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
            if (line === 'ready') resolve()
            const [kind, rss, heap] = line.split(' ')
            if (kind !== 'memory') return
            memory.rss = Math.max(memory.rss, Number(rss))
            memory.heap = Math.max(memory.heap, Number(heap))
          })
        })
      }),
    )
    const plannedAt = { clock: clock.now(), real: Date.now() }
    const planned = planTasks(emulators, perProvider, plannedAt.clock, random)
    const endsAtReal = new Map(
      planned.map((task) => [`${task.provider}:${task.id}`, plannedAt.real + (task.endsAt - plannedAt.clock) / SPEED]),
    )
    const delays: number[] = []
    let done: () => void = () => {}
    const allEnded = new Promise<void>((resolve) => {
      done = resolve
    })
    const handler = createDistributedWatcher({
      connection: redis.url,
      prefix,
      providers: PROVIDERS.map((provider) => ({
        provider,
        budget: { requestsPerSecond: BUDGET },
        batch: batch[provider],
      })),
      onChange: (change) => {
        if (!change.final) return
        delays.push(Date.now() - (endsAtReal.get(`${change.provider}:${change.id}`) ?? Number.NaN))
        if (delays.length === planned.length) done()
      },
    })
    const started = Date.now()
    for (let i = 0; i < planned.length; i += 500) {
      await Promise.all(planned.slice(i, i + 500).map((task) => handler.watch(task.provider, task.id)))
    }
    await allEnded
    const elapsedMs = Date.now() - started
    await handler.close()
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            child.once('exit', resolve)
            child.kill('SIGTERM')
          }),
      ),
    )
    delays.sort((a, b) => a - b)
    return {
      tasks: planned.length,
      finals: delays.length,
      delays,
      elapsedMs,
      mostInAnySecond: Object.fromEntries(PROVIDERS.map((p) => [p, mostInAnySecond(arrivals[p])])) as Record<
        Provider,
        number
      >,
      requests: PROVIDERS.reduce((sum, p) => sum + arrivals[p].length, 0),
      pages: pages.count,
      maxRssPerWorker: memory.rss,
      maxHeapPerWorker: memory.heap,
    }
  }

  try {
    const one = await run(1, 'bench-one')
    const two = await run(2, 'bench-two')
    const tasks = `${total.toLocaleString('en-US')} tasks (${PROVIDERS.map((p) => perProvider[p].toLocaleString('en-US')).join('/')} on xpander/Wexa/Orkes), ${BUDGET} requests/s per provider for all workers`
    const subject = `createDistributedWatcher, two worker processes, ${tasks}`
    const baseline = `the same with one worker process, same run, ${one.tasks.toLocaleString('en-US')} other tasks of the same plan`
    const throughput = (result: RunResult) => result.finals / (result.elapsedMs / 1000)
    const requestRate = (result: RunResult) => result.requests / (result.elapsedMs / 1000)
    const most = (result: RunResult) => Math.max(...PROVIDERS.map((p) => result.mostInAnySecond[p]))
    const perSecond = (result: RunResult) => PROVIDERS.map((p) => `${p} ${result.mostInAnySecond[p]}`).join(', ')
    const delays = (result: RunResult) =>
      `p50 ${seconds(percentile(result.delays, 0.5))}, p99 ${seconds(percentile(result.delays, 0.99))}`
    const none = 'none set in issue 21 (reported)'
    const perTask = (result: RunResult) =>
      `${(result.requests / result.tasks).toFixed(2)} requests per task followed to its end: ${result.pages.toLocaleString('en-US')} list pages and ${(result.requests - result.pages).toLocaleString('en-US')} getTask`
    const results: BenchResult[] = [
      {
        id: 9,
        title: 'Distributed watcher: changes detected',
        subject,
        baseline,
        subjectValue: `${two.finals.toLocaleString('en-US')} of ${two.tasks.toLocaleString('en-US')} tasks' ends delivered`,
        baselineValue: `${one.finals.toLocaleString('en-US')} of ${one.tasks.toLocaleString('en-US')}`,
        figure: `${two.finals} / ${two.tasks}`,
        target: 'all, with one and with two workers',
        met: two.finals === two.tasks && one.finals === one.tasks,
      },
      {
        id: 9,
        title: 'Distributed watcher: requests per provider per second',
        subject,
        baseline,
        subjectValue: `most in any second: ${perSecond(two)}; ${two.requests.toLocaleString('en-US')} requests in all`,
        baselineValue: `most in any second: ${perSecond(one)}; ${one.requests.toLocaleString('en-US')} requests`,
        figure: `${Math.max(most(one), most(two))} / ${BUDGET}`,
        target: `≤ ${BUDGET} in any second, every provider, across processes`,
        met: most(one) <= BUDGET && most(two) <= BUDGET,
      },
      {
        id: 9,
        title: 'Distributed watcher: requests per task',
        subject,
        baseline,
        subjectValue: perTask(two),
        baselineValue: perTask(one),
        figure: `${(two.requests / two.tasks).toFixed(2)} per task`,
        target: none,
        met: true,
      },
      {
        id: 9,
        title: "Distributed watcher: detection delay from each task's end",
        subject,
        baseline,
        subjectValue: delays(two),
        baselineValue: delays(one),
        figure: `p99 ${((percentile(two.delays, 0.99) / percentile(one.delays, 0.99)) * 100).toFixed(0)} % of one worker's`,
        target: none,
        met: true,
      },
      {
        id: 9,
        title: 'Distributed watcher: throughput, two workers / one',
        subject,
        baseline,
        subjectValue: `${throughput(two).toFixed(1)} task ends delivered per second, ${requestRate(two).toFixed(0)} requests per second (${seconds(two.elapsedMs)} in all)`,
        baselineValue: `${throughput(one).toFixed(1)} task ends per second, ${requestRate(one).toFixed(0)} requests per second (${seconds(one.elapsedMs)})`,
        figure: `${(throughput(two) / throughput(one)).toFixed(2)}×`,
        target: none,
        met: true,
      },
      {
        id: 9,
        title: 'Distributed watcher: memory per worker',
        subject,
        baseline,
        subjectValue: `RSS at most ${mb(two.maxRssPerWorker)}, heap at most ${mb(two.maxHeapPerWorker)}`,
        baselineValue: `RSS at most ${mb(one.maxRssPerWorker)}, heap at most ${mb(one.maxHeapPerWorker)}`,
        figure: `${(two.maxRssPerWorker / one.maxRssPerWorker).toFixed(2)}× RSS`,
        target: none,
        met: true,
        notes:
          `Real time, on one machine shared by the emulators, Redis, the handler and the workers (${SPEED}× faster emulator clocks: tasks start within 6 s and end 6–60 s after creation, seeded). ` +
          `Every provider is read through its listing (batch: pages of ${PROVIDERS.map((p) => PAGE_SIZE[p]).join('/')}, a sweep at most every ${SWEEP_INTERVAL_MS / 1000} s, by one worker at a time): a full list item (Wexa) is taken as read, a summary (xpander, Orkes) that changed is confirmed by one getTask, so those take about three getTask per task (first sight, started, ended). ` +
          'Requests counted by arrival at the emulators, the Orkes token exchange (once per worker process) left out. ' +
          'Detection delay: real time from the planned end to the final change reaching the handler; it includes the sweep (its pages and the emulators answering them) and the budget. ' +
          'Throughput: task ends delivered per second of the whole run, from the first watch to the last end. ' +
          'Memory: the largest RSS and heap any worker process reported (sampled every 0.5 s).' +
          (total === 100_000
            ? ''
            : ` Measured with ${total.toLocaleString('en-US')} tasks instead of 100,000 (BENCH_DISTRIBUTED_TASKS=${total}${quick ? ', quick mode' : ''}); without it the run follows 100,000.`),
      },
    ]
    return results
  } finally {
    await Promise.all([xpander.close(), wexa.close(), orkes.close()])
    await redis.stop()
  }
}
