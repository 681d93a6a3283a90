import { compareTaskStates, type FollowState, nextStep, startFollowing, type Task } from '@taskbridge/core'
import { summaryKey, type TaskSnapshot } from '@taskbridge/core/internal'
import { isSummary, readListingPages } from '@taskbridge/watcher/internal'
import { DelayedError, type Job } from 'bullmq'
import { JOB, type SweepJobData, taskJobId, type WatcherJobData, watchJobOptions } from './jobs.js'
import type { PollerContext } from './poller.js'
import { readStored, recordTask } from './state.js'

/** Read jobs added to the queue in one request. */
const JOBS_PER_ADD = 1000

/** Reads a batched provider's listing for every worker: one sweep job per provider, taken by one worker at a time. */
export interface Sweeper {
  sweep(job: Job<WatcherJobData>, token: string | undefined): Promise<void>
}

/** The sweeper of one batched provider's listing, run by its poller for the provider's sweep job. */
export function createSweeper<T extends Task>(context: PollerContext<T>): Sweeper {
  const { entry, adapter, queue, budget, settings, redis, keys, onError, closing } = context
  const { provider, batch } = entry
  const seenKey = keys.seen(provider)
  const confirmedKey = keys.confirmed(provider)

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        closing.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      closing.addEventListener('abort', done, { once: true })
    })

  /** Waits out a 429's pause and takes a slot of the shared budget; `undefined` once this process closes. */
  const takeSlot = async (): Promise<string | undefined> => {
    while (!closing.aborted) {
      const pausedMs = await budget.pausedForMs()
      if (pausedMs > 0) {
        await sleep(pausedMs)
        continue
      }
      const taken = await budget.acquire()
      if ('slot' in taken) return taken.slot
      await sleep(taken.waitMs)
    }
    return undefined
  }

  /** One read of each task, by whichever worker is free: what the listing could not settle. */
  const addReads = async (ids: readonly string[]) => {
    const options = watchJobOptions(settings.follow.maxIntervalMs)
    const data = (id: string) => ({ id, intervalMs: settings.follow.intervalMs, errors: 0 })
    for (let start = 0; start < ids.length; start += JOBS_PER_ADD) {
      const jobs = ids.slice(start, start + JOBS_PER_ADD).map((id) => ({
        name: JOB.read,
        data: data(id),
        opts: { ...options, jobId: taskJobId(id) },
      }))
      await queue.addBulk(jobs)
    }
  }

  /**
   * The watched tasks of one page: a full item is taken as read; a summary
   * that differs from the last state delivered (and from the summary that
   * last asked) asks for one `getTask`, added to `confirm`.
   */
  const settle = async (items: readonly T[], confirm: string[]) => {
    if (items.length === 0) return
    const ids = items.map((item) => item.id)
    const [stored, asked] = await Promise.all([redis.hmget(seenKey, ...ids), redis.hmget(confirmedKey, ...ids)])
    const toAsk: Record<string, string> = {}
    for (const [index, item] of items.entries()) {
      const value = stored[index]
      if (value === null || value === undefined) continue
      const read = readStored(provider, item.id, value)
      const previous = 'previous' in read ? read.previous : undefined
      if (!isSummary(item)) {
        if ('previous' in read && compareTaskStates(previous, item, item.id) !== 'news') continue
        const news = (seen: TaskSnapshot | undefined) =>
          compareTaskStates(seen, item, item.id) === 'news' ? item : undefined
        await recordTask(context, item.id, news, 'poll')
        continue
      }
      if (previous && compareTaskStates(previous, item, item.id) === 'older') continue
      const key = summaryKey(item)
      if ((previous && key === summaryKey(previous)) || key === asked[index]) continue
      toAsk[item.id] = key
      confirm.push(item.id)
    }
    if (Object.keys(toAsk).length > 0) await redis.hset(confirmedKey, toAsk)
  }

  /** Reads the listing page by page, each page one request of the budget, until every task in `unseen` is found. */
  const readListing = async (unseen: Set<string>) => {
    if (!batch || !adapter.listTasks) return
    const listing = adapter.listTasks(
      { ...batch.query, pageSize: batch.pageSize },
      { ...settings.callOptions, signal: closing },
    )
    const items = listing[Symbol.asyncIterator]() as AsyncIterator<T>
    const confirm: string[] = []
    let page: T[] = []
    try {
      await readListingPages(items, batch, {
        wanted: () => unseen.size > 0,
        pageDone: async () => {
          await settle(page, confirm)
          page = []
        },
        readPage: async (read) => {
          const slot = await takeSlot()
          if (slot === undefined) return undefined
          try {
            return await read()
          } finally {
            await budget.release(slot)
          }
        },
        item: (item) => {
          if (unseen.delete(item.id)) page.push(item)
        },
      })
    } finally {
      // Found on a page that was not settled: read one by one like the unseen.
      for (const item of page) unseen.add(item.id)
      await items.return?.().catch(() => undefined)
      await addReads(confirm)
    }
  }

  /** The listing's failures in a row, from the sweep job. */
  const failuresOf = (data: WatcherJobData): FollowState => {
    const { errors, outageReported } = data as Partial<SweepJobData>
    const consecutiveErrors = Number.isInteger(errors) && (errors as number) > 0 ? (errors as number) : 0
    return { ...startFollowing(settings.follow), consecutiveErrors, outageReported: outageReported === true }
  }

  /** A page failed: the same policy as a task's read decides whether to pause the provider and whether to report it. */
  const listingFailed = async (job: Job<WatcherJobData>, error: unknown) => {
    const policy = { ...settings.follow, id: '', mode: 'long-lived' as const }
    const step = nextStep({ type: 'failed', error }, failuresOf(job.data), policy)
    const { consecutiveErrors: errors, outageReported } = step.state
    await job.updateData({ sweep: true, errors, outageReported })
    if (step.type === 'pause') await budget.pause(step.pauseMs)
    const problem = step.type === 'give-up' ? error : 'problem' in step ? step.problem : undefined
    if (problem !== undefined) onError({ provider, id: undefined, error: problem, final: false })
  }

  return {
    async sweep(job, token) {
      const startedAt = Date.now()
      const unseen = new Set(await redis.hkeys(seenKey))
      try {
        if (unseen.size > 0 && !closing.aborted) await readListing(unseen)
        if (failuresOf(job.data).consecutiveErrors > 0) await job.updateData({ sweep: true })
      } catch (error) {
        if (!closing.aborted) await listingFailed(job, error)
      }
      if (closing.aborted) {
        // Stopped halfway: another worker sweeps at once.
        await job.moveToDelayed(Date.now(), token)
        throw new DelayedError()
      }
      // What the listing did not show (not listed, past maxPages, or a page failed) is read one by one.
      await addReads([...unseen])
      const intervalMs = batch?.intervalMs ?? settings.follow.intervalMs
      await job.moveToDelayed(Math.max(Date.now(), startedAt + intervalMs), token)
      throw new DelayedError()
    },
  }
}
