// One worker process of benchmark 9: polls the three emulators' tasks through
// the distributed watcher, their listings a page at a time, reports its memory every half second, and closes
// on SIGTERM.
import { createDistributedWatcher } from '@taskbridge/bullmq'
import { createOrkesTaskAdapter } from '@taskbridge/orkes'
import type { BatchOptions } from '@taskbridge/watcher'
import { createWexaAdapter } from '@taskbridge/wexa'
import { createXpanderAdapter } from '@taskbridge/xpander'

/** A setting the benchmark passes in the environment. */
function setting(name: string): string {
  const value = process.env[name]
  if (value === undefined) throw new Error(`distributed-worker: ${name} is not set`)
  return value
}
const budget = { requestsPerSecond: Number(setting('BUDGET')) }
/** Each provider's `batch`, the same as the handler's. */
const batch = JSON.parse(setting('BATCH')) as Record<'xpander' | 'wexa' | 'orkes', BatchOptions>
const watcher = createDistributedWatcher({
  connection: setting('REDIS_URL'),
  prefix: setting('PREFIX'),
  providers: [
    {
      provider: 'xpander',
      budget,
      batch: batch.xpander,
      createAdapter: () =>
        createXpanderAdapter({ baseUrl: setting('XPANDER_URL'), apiKey: setting('XPANDER_KEY'), retry: false }),
    },
    {
      provider: 'wexa',
      budget,
      batch: batch.wexa,
      createAdapter: () =>
        createWexaAdapter({
          baseUrl: setting('WEXA_URL'),
          apiKey: setting('WEXA_KEY'),
          projectId: setting('WEXA_PROJECT'),
          retry: false,
        }),
    },
    {
      provider: 'orkes',
      budget,
      batch: batch.orkes,
      createAdapter: () =>
        createOrkesTaskAdapter({
          serverUrl: setting('ORKES_URL'),
          keyId: setting('ORKES_KEY'),
          keySecret: setting('ORKES_SECRET'),
          retry: false,
        }),
    },
  ],
  onError: (error) => process.stderr.write(`worker: ${error.provider} ${error.id}: ${String(error.error)}\n`),
})
const report = setInterval(() => {
  const { rss, heapUsed } = process.memoryUsage()
  process.stdout.write(`memory ${rss} ${heapUsed}\n`)
}, 500)
process.once('SIGTERM', () => {
  clearInterval(report)
  void watcher.close().then(() => process.exit(0))
})
process.stdout.write('ready\n')
