import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import {
  DEFAULT_CLOCK_START,
  type EmulatorServer,
  startEmulatorServer,
  XPANDER_DEFAULT_ORGANIZATION_ID,
  XPANDER_SEED_AGENT_IDS,
  XPANDER_STATUSES,
  type XpanderTaskListItem,
} from '@taskbridge/testkit'
import type { HeapReport, ListingConfig, ListingReport } from './listing-child.ts'
import type { Benchmark } from './types.ts'

const MAX_HEAP_GROWTH_MB = 20
/** xpander's largest `per_page`. */
const PER_PAGE = 50

const iso = (epochMs: number): string => new Date(epochMs).toISOString().replace(/Z$/, '000Z')

/** The `index`-th newest task, in the shape of xpander's `GET /v1/tasks` items. */
function listItem(index: number): XpanderTaskListItem {
  const status = XPANDER_STATUSES[index % XPANDER_STATUSES.length] ?? 'completed'
  const createdAtMs = DEFAULT_CLOCK_START - index * 1000
  return {
    id: `7a5c0000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    agent_id: XPANDER_SEED_AGENT_IDS.research,
    user_id: null,
    parent_task_id: null,
    triggering_agent_id: null,
    organization_id: XPANDER_DEFAULT_ORGANIZATION_ID,
    status,
    created_at: iso(createdAtMs),
    updated_at: iso(createdAtMs + 6000),
    source_node_type: 'api',
    result: status === 'completed' ? `Done: summary of report ${index}` : null,
    title: `Report ${index}`,
  }
}

/**
 * xpander's list route (`GET /v1/tasks`, `x-api-key`, page/per_page), its
 * pages made on request. The full xpander emulator sorts its whole store on
 * every page: with 100,000 tasks that is about 0.25 s a page, 8 minutes a
 * listing, so it cannot serve this benchmark.
 */
async function startListEmulator(total: number, apiKey: string): Promise<EmulatorServer> {
  const server: EmulatorServer = await startEmulatorServer({
    routes: [
      {
        name: 'listTasks',
        method: 'GET',
        path: '/v1/tasks',
        payload: 'list',
        handler({ query }) {
          // The request log would keep every page: this parent process is not measured, but it should not swell.
          server.clearRequests()
          const page = Number(query.get('page') ?? 1)
          const perPage = Math.min(Number(query.get('per_page') ?? 20), PER_PAGE)
          const first = (page - 1) * perPage
          const items = Array.from({ length: Math.max(0, Math.min(perPage, total - first)) }, (_, i) =>
            listItem(first + i),
          )
          return {
            status: 200,
            body: { items, total, page, per_page: perPage, total_pages: Math.ceil(total / perPage) },
          }
        },
      },
    ],
    authenticate: ({ headers }) =>
      headers['x-api-key'] === apiKey ? undefined : { status: 401, body: { detail: 'Invalid API key' } },
  })
  return server
}

const run = promisify(execFile)
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`
const perSecond = (total: number, ms: number): string =>
  `${Math.round((total / ms) * 1000).toLocaleString('en-US')} tasks/s`
const heap = (report: HeapReport): string => `heap growth ${mb(report.maxGrowth)} (peak +${mb(report.peakGrowth)})`

// Both clients list the same pages from the same emulator over loopback, in
// one child process started with --expose-gc; the emulator stays here.
export const benchListing: Benchmark = async ({ quick }) => {
  const total = quick ? 20_000 : 100_000
  const apiKey = `bench-${randomUUID()}`
  await using emulator = await startListEmulator(total, apiKey)
  const config: ListingConfig = {
    baseUrl: `${emulator.url}/v1`,
    apiKey,
    total,
    perPage: PER_PAGE,
    iterations: quick ? 2 : 3,
  }
  const child = fileURLToPath(new URL('./listing-child.ts', import.meta.url))
  const { stdout } = await run(process.execPath, ['--expose-gc', child, JSON.stringify(config)])
  const report = JSON.parse(stdout) as ListingReport

  const growth = report.taskbridgeHeap.maxGrowth
  const share = report.fetchMs / report.taskbridgeMs
  return [
    {
      id: 7,
      title: 'Listing at scale: heap growth',
      subject: `xpander adapter listTasks, ${total.toLocaleString('en-US')} tasks, ${PER_PAGE} a page`,
      baseline: 'bare fetch + JSON.parse of the same pages',
      subjectValue: `${heap(report.taskbridgeHeap)}, ${perSecond(total, report.taskbridgeMs)}`,
      baselineValue: `${heap(report.fetchHeap)}, ${perSecond(total, report.fetchMs)}`,
      figure: mb(growth),
      target: `< ${MAX_HEAP_GROWTH_MB} MB`,
      met: growth < MAX_HEAP_GROWTH_MB * 2 ** 20,
      notes:
        `Heap growth: heap after a full gc minus the heap before the listing, the largest of the values at every tenth of the tasks and at the end (end alone: ${mb(report.taskbridgeHeap.endGrowth)}); peak: the highest heap sampled once a page, without forcing a gc. ` +
        `Throughput: ${(share * 100).toFixed(0)} % of the floor's (mean of ${config.iterations} full listings each).` +
        (quick ? ` Quick mode: ${total.toLocaleString('en-US')} tasks instead of 100,000.` : ''),
    },
  ]
}
