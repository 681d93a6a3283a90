// Started by listing.ts as `node --expose-gc listing-child.ts <config>`, in a
// process of its own, so the heap it measures is the client's alone (the
// emulator runs in the parent). Prints one JSON line: a ListingReport.
import { createXpanderAdapter } from '@taskbridge/xpander'
import { Bench } from 'tinybench'

export interface ListingConfig {
  baseUrl: string
  apiKey: string
  total: number
  perPage: number
  iterations: number
}

export interface HeapReport {
  /** Retained heap (after a full gc) minus the heap before, at the end of the listing. */
  endGrowth: number
  /** The largest of those differences at every tenth of the tasks and at the end. */
  maxGrowth: number
  /** The highest heap sampled once a page, without forcing a gc, minus the heap before. */
  peakGrowth: number
}

export interface ListingReport {
  /** Mean milliseconds to list every task. */
  taskbridgeMs: number
  fetchMs: number
  taskbridgeHeap: HeapReport
  fetchHeap: HeapReport
}

type Listing = (onTask: (count: number) => void) => Promise<number>

const config = JSON.parse(process.argv[2] ?? '') as ListingConfig
if (!globalThis.gc) throw new Error('listing-child.ts needs node --expose-gc')
const gc: () => void = globalThis.gc
const adapter = createXpanderAdapter({ baseUrl: config.baseUrl, apiKey: config.apiKey })

const viaTaskbridge: Listing = async (onTask) => {
  let count = 0
  for await (const _task of adapter.listTasks({ pageSize: config.perPage })) onTask(++count)
  return count
}

// The floor: the same pages, fetched and parsed, nothing validated or mapped.
const viaFetch: Listing = async (onTask) => {
  let count = 0
  for (let page = 1; ; page += 1) {
    const url = `${config.baseUrl}/tasks?per_page=${config.perPage}&page=${page}`
    const response = await fetch(url, { headers: { 'x-api-key': config.apiKey } })
    const body = JSON.parse(await response.text()) as { items: unknown[]; total_pages: number }
    for (const _item of body.items) onTask(++count)
    if (page >= body.total_pages) return count
  }
}

async function listAll(listing: Listing, onTask: (count: number) => void = () => {}): Promise<void> {
  const count = await listing(onTask)
  if (count !== config.total) throw new Error(`listed ${count} tasks, expected ${config.total}`)
}

async function heapDuring(listing: Listing): Promise<HeapReport> {
  const heapUsed = () => process.memoryUsage().heapUsed
  const checkpoint = Math.ceil(config.total / 10)
  gc()
  const before = heapUsed()
  let peak = before
  let maxGrowth = Number.NEGATIVE_INFINITY
  await listAll(listing, (count) => {
    if (count % config.perPage === 0) peak = Math.max(peak, heapUsed())
    if (count % checkpoint === 0) {
      gc()
      maxGrowth = Math.max(maxGrowth, heapUsed() - before)
    }
  })
  gc()
  const endGrowth = heapUsed() - before
  return { endGrowth, maxGrowth: Math.max(maxGrowth, endGrowth), peakGrowth: peak - before }
}

// Throughput first: it also warms the code up, so the heap passes see no one-time compilation.
const bench = new Bench({ iterations: config.iterations, time: 0, warmupIterations: 1, warmupTime: 0, throws: true })
bench.add('taskbridge', () => listAll(viaTaskbridge))
bench.add('fetch', () => listAll(viaFetch))
await bench.run()
const meanMs = (name: string): number => {
  const result = bench.tasks.find((task) => task.name === name)?.result
  if (result?.state !== 'completed') throw new Error(`listing via ${name} did not complete`)
  return result.latency.mean
}

const report: ListingReport = {
  taskbridgeMs: meanMs('taskbridge'),
  fetchMs: meanMs('fetch'),
  taskbridgeHeap: await heapDuring(viaTaskbridge),
  fetchHeap: await heapDuring(viaFetch),
}
process.stdout.write(`${JSON.stringify(report)}\n`)
