// A worker process of the tests: polls the xpander emulator's tasks through
// the distributed watcher until SIGTERM, then closes cleanly.
import { createXpanderAdapter } from '@taskbridge/xpander'
import { createDistributedWatcher } from '../dist/index.js'

const env = process.env
const watcher = createDistributedWatcher({
  connection: env.REDIS_URL,
  prefix: env.PREFIX,
  intervalMs: 100,
  maxIntervalMs: 300,
  lockDurationMs: Number(env.LOCK_MS),
  // Tells the emulator's request log which worker sent each request.
  callOptions: { headers: { 'x-test-worker': env.WORKER_NAME } },
  providers: [
    {
      provider: 'xpander',
      budget: { requestsPerSecond: Number(env.RPS), concurrency: Number(env.CONCURRENCY) },
      createAdapter: () => createXpanderAdapter({ baseUrl: env.XPANDER_URL, apiKey: env.XPANDER_KEY, retry: false }),
    },
  ],
  onError: (error) => process.stderr.write(`worker error: ${error.provider} ${error.id} ${String(error.error)}\n`),
})
process.once('SIGTERM', () => {
  void watcher.close().then(() => process.exit(0))
})
process.stdout.write('ready\n')
