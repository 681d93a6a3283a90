import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'

const REDIS_SERVER = '/usr/bin/redis-server'

/** Installs Debian's redis-server when it is missing (CI runs as root; it is not preinstalled there). */
export function ensureRedisServer(): void {
  if (existsSync(REDIS_SERVER)) return
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'],
  ]) {
    const result = spawnSync('apt-get', args, { env, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed: ${result.stderr || result.error}`)
  }
  if (!existsSync(REDIS_SERVER)) throw new Error(`apt-get installed redis-server, but ${REDIS_SERVER} is missing`)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** A redis-server of the tests' own, on a free loopback port, with its files in its own temporary directory. */
export interface TestRedis {
  readonly url: string
  /** Saves the data, stops the server and starts it again on the same port: the clients' connections drop. */
  restart(): Promise<void>
  stop(): Promise<void>
}

async function ready(url: string): Promise<void> {
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    client.on('error', () => {})
    try {
      await client.connect()
      await client.ping()
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    } finally {
      client.disconnect()
    }
  }
}

/** Starts redis-server without persistence of its own; `restart` saves once so the data survives it. */
export async function startRedis(): Promise<TestRedis> {
  ensureRedisServer()
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'taskbridge-redis-'))
  const url = `redis://127.0.0.1:${port}`
  let server: ChildProcess
  const launch = async () => {
    server = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    )
    await ready(url)
  }
  const exited = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) resolve()
      else server.once('exit', () => resolve())
    })
  await launch()
  return {
    url,
    async restart() {
      const client = new Redis(url, { maxRetriesPerRequest: 0 })
      // SHUTDOWN SAVE writes the data even without save points, then the server exits.
      await client.call('SHUTDOWN', 'SAVE').catch(() => undefined)
      client.disconnect()
      await exited()
      await launch()
    },
    async stop() {
      server.kill('SIGKILL')
      await exited()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
