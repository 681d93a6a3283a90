import {
  type CallOptions,
  compareTaskStates,
  type FollowState,
  type FollowStep,
  type NextStepOptions,
  nextStep,
  type ReadOutcome,
  type ResolvedFollowOptions,
  startFollowing,
  type Task,
} from '@taskbridge/core'
import { MAX_TIMER_MS, summaryKey } from '@taskbridge/core/internal'
import PQueue from 'p-queue'
import { isSummary } from './change.js'
import { readListingPages } from './listing-pages.js'
import type { TaskWatcherEvent, WatcherProvider } from './options.js'

/** The watcher-wide settings a lane follows its tasks by: core's follow options with defaults applied. */
export interface LaneSettings {
  follow: ResolvedFollowOptions
  callOptions: Omit<CallOptions, 'signal'>
}

/** One provider's watched tasks, its request queue and its sweeps of the listing. */
export interface ProviderLane {
  watch(id: string): boolean
  unwatch(id: string): boolean
  has(id: string): boolean
  readonly size: number
  /** Stops every timer and request of the lane; resolves when none is in flight. */
  stop(): Promise<void>
}

interface WatchedTask<T extends Task> {
  readonly id: string
  readonly controller: AbortController
  /** Where core's follow policy stands with it: the state last reported, its next wait, its failures in a row. */
  follow: FollowState<T>
  /** The summary that last asked for a confirming read, so the same summary does not ask twice. */
  confirmedSummary?: string
  /** When its next read became due: its place in the queue (oldest due first). */
  dueAt: number
  timer?: ReturnType<typeof setTimeout> | undefined
  /** A read of it waits in the queue or is in flight. */
  queued: boolean
  /** In a batched lane: found by the listing, so it has no timer of its own. */
  listed: boolean
}

/** Concurrency when the budget does not say: enough for loopback-to-cloud latencies, few sockets. */
const DEFAULT_MAX_CONCURRENCY = 10

/** Creates the lane of one provider; `emit` receives its events. */
export function createProviderLane<T extends Task>(
  entry: WatcherProvider<T>,
  settings: LaneSettings,
  emit: (event: TaskWatcherEvent<T>) => void,
): ProviderLane {
  const { adapter, budget, batch } = entry
  const { provider } = adapter
  const { requestsPerSecond } = budget
  // Strict: a sliding window, so no second anywhere holds more than the budget (fixed windows let a burst straddle two).
  const queue = new PQueue({
    concurrency: budget.concurrency ?? Math.min(requestsPerSecond, DEFAULT_MAX_CONCURRENCY),
    intervalCap: requestsPerSecond,
    interval: 1000,
    strict: true,
  })
  const tasks = new Map<string, WatchedTask<T>>()
  const lane = new AbortController()
  let stopped = false
  let pausedUntil = 0
  let resumeTimer: ReturnType<typeof setTimeout> | undefined
  let sweepTimer: ReturnType<typeof setTimeout> | undefined
  let sweeping = false
  /** Where the policy stands with the listing: its failures in a row. */
  let listing: FollowState<T> = startFollowing(settings.follow)

  const remove = (task: WatchedTask<T>) => {
    clearTimeout(task.timer)
    task.controller.abort()
    tasks.delete(task.id)
  }

  /** One 429 pauses the whole provider: every task waits, and the queue resumes once. */
  const pauseFor = (ms: number) => {
    const until = Date.now() + Math.min(ms, MAX_TIMER_MS)
    if (until <= pausedUntil || stopped) return
    pausedUntil = until
    queue.pause()
    clearTimeout(resumeTimer)
    resumeTimer = setTimeout(() => {
      resumeTimer = undefined
      if (!stopped) queue.start()
    }, until - Date.now())
  }

  /** Core's follow policy for one task: long-lived, so failures are reported and waited out, never the end. */
  const policyOf = (task: WatchedTask<T>): NextStepOptions<T> => ({
    ...settings.follow,
    id: task.id,
    mode: 'long-lived',
  })

  /** Acts on what the policy decided after a read of `task` or its failure. */
  const apply = (task: WatchedTask<T>, outcome: ReadOutcome<T>) => {
    const step: FollowStep<T> = nextStep(outcome, task.follow, policyOf(task))
    task.follow = step.state
    if (step.type === 'give-up') {
      remove(task)
      emit({ type: 'error', provider, id: task.id, error: step.error, final: true })
      return
    }
    if (step.type === 'stop') {
      remove(task)
      if (step.news) emit({ type: 'change', provider, id: task.id, task: step.news, final: true })
      return
    }
    if (step.type === 'pause') {
      // One 429 pauses the whole provider; the task keeps its due time, so it is first in line afterwards.
      pauseFor(step.pauseMs)
      enqueueRead(task)
    } else if (step.type === 'wait' && !(batch && task.listed && outcome.type === 'read')) {
      schedule(task, step.waitMs)
    }
    // Emitted after the next read is planned: the listener cannot stop the task's reads.
    if (step.type === 'wait' && step.news)
      emit({ type: 'change', provider, id: task.id, task: step.news, final: false })
    if ((step.type === 'wait' || step.type === 'pause') && step.problem !== undefined) {
      emit({ type: 'error', provider, id: task.id, error: step.problem, final: false })
    }
  }

  const enqueueRead = (task: WatchedTask<T>) => {
    if (task.queued || stopped || tasks.get(task.id) !== task) return
    task.queued = true
    queue
      .add(() => read(task), { priority: -task.dueAt, signal: task.controller.signal })
      // Unwatched while it waited: nothing to report.
      .catch(() => undefined)
  }

  const schedule = (task: WatchedTask<T>, delayMs: number) => {
    clearTimeout(task.timer)
    task.dueAt = Date.now() + delayMs
    task.timer = setTimeout(() => {
      task.timer = undefined
      enqueueRead(task)
    }, delayMs)
  }

  async function read(task: WatchedTask<T>): Promise<void> {
    let outcome: ReadOutcome<T>
    try {
      outcome = {
        type: 'read',
        task: await adapter.getTask(task.id, { ...settings.callOptions, signal: task.controller.signal }),
      }
    } catch (error) {
      outcome = { type: 'failed', error }
    }
    task.queued = false
    // Unwatched (or stopped) while the read was in flight: nothing to report.
    if (task.controller.signal.aborted || tasks.get(task.id) !== task) return
    apply(task, outcome)
  }

  /** A task as the listing shows it: a full item is taken as read; a summary that changed asks for one `getTask`. */
  const noticed = (task: WatchedTask<T>, item: T) => {
    if (!task.listed) {
      task.listed = true
      clearTimeout(task.timer)
      task.timer = undefined
    }
    if (!isSummary(item)) return apply(task, { type: 'read', task: item })
    const seen = task.follow.seen
    if (compareTaskStates(seen, item) === 'older') return
    const key = summaryKey(item)
    if ((seen && key === summaryKey(seen)) || key === task.confirmedSummary) return
    task.confirmedSummary = key
    task.dueAt = Date.now()
    enqueueRead(task)
  }

  /** Reads the listing page by page, each page one request of the budget, until every task in `unseen` is found. */
  async function readListing(startedAt: number, unseen: Set<string>): Promise<void> {
    if (!batch || !adapter.listTasks) return
    const listing = adapter.listTasks(
      { ...batch.query, pageSize: batch.pageSize },
      { ...settings.callOptions, signal: lane.signal },
    )
    const items = listing[Symbol.asyncIterator]()
    try {
      await readListingPages(items, batch, {
        wanted: () => unseen.size > 0,
        readPage: (read) => queue.add(read, { priority: -startedAt, signal: lane.signal }),
        item: (item) => {
          const task = tasks.get(item.id)
          if (!task) return
          unseen.delete(task.id)
          noticed(task, item)
        },
      })
    } finally {
      await items.return?.()
    }
  }

  const scheduleSweep = (delayMs: number) => {
    if (!batch || sweepTimer !== undefined || sweeping || stopped) return
    sweepTimer = setTimeout(() => {
      sweepTimer = undefined
      void sweep()
    }, delayMs)
  }

  /** A page failed: the same policy as a task's read decides whether to pause the provider and whether to report it. */
  const listingFailed = (error: unknown) => {
    const step = nextStep({ type: 'failed', error }, listing, { ...settings.follow, id: '', mode: 'long-lived' })
    listing = step.state
    if (step.type === 'pause') pauseFor(step.pauseMs)
    const problem = step.type === 'give-up' ? error : 'problem' in step ? step.problem : undefined
    if (problem !== undefined) emit({ type: 'error', provider, id: undefined, error: problem, final: false })
  }

  async function sweep(): Promise<void> {
    if (tasks.size === 0 || stopped) return
    sweeping = true
    const startedAt = Date.now()
    const unseen = new Set(tasks.keys())
    try {
      await readListing(startedAt, unseen)
      listing = startFollowing(settings.follow)
    } catch (error) {
      if (stopped) return
      listingFailed(error)
    } finally {
      sweeping = false
    }
    if (stopped) return
    // What the listing did not show (not listed, past maxPages, or a page failed) is read one by one.
    for (const id of unseen) {
      const task = tasks.get(id)
      if (task?.listed) {
        task.listed = false
        enqueueRead(task)
      }
    }
    scheduleSweep(Math.max(0, startedAt + (batch?.intervalMs ?? settings.follow.intervalMs) - Date.now()))
  }

  return {
    watch(id) {
      if (stopped || tasks.has(id)) return false
      const task: WatchedTask<T> = {
        id,
        controller: new AbortController(),
        follow: startFollowing<T>(settings.follow),
        dueAt: Date.now(),
        queued: false,
        listed: batch !== undefined,
      }
      tasks.set(id, task)
      if (batch) scheduleSweep(0)
      else enqueueRead(task)
      return true
    },
    unwatch(id) {
      const task = tasks.get(id)
      if (!task) return false
      remove(task)
      return true
    },
    has: (id) => tasks.has(id),
    get size() {
      return tasks.size
    },
    async stop() {
      if (stopped) return
      stopped = true
      clearTimeout(resumeTimer)
      clearTimeout(sweepTimer)
      lane.abort()
      for (const task of [...tasks.values()]) remove(task)
      queue.clear()
      await queue.onIdle()
    },
  }
}
