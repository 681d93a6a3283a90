import { connect } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../src/chromium.ts'
import { type RedisServer, startRedisServer } from '../src/redis-server.ts'

/** Sends one command in Redis's wire format and resolves with the raw reply. */
function command(port: number, ...args: string[]): Promise<string> {
  const wire = `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(wire))
    socket.once('data', (reply) => {
      resolve(reply.toString())
      socket.end()
    })
    socket.once('error', reject)
  })
}

describe('the redis-server launcher', () => {
  let redis: RedisServer | undefined
  afterAll(() => redis?.stop())

  it('starts a server on its own port, keeps the data through a restart, and stops it', async () => {
    redis = await startRedisServer()
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`)
    expect(await command(redis.port, 'SET', 'kept', 'yes')).toBe('+OK\r\n')
    await redis.restart()
    expect(await command(redis.port, 'GET', 'kept')).toBe('$3\r\nyes\r\n')
    await redis.stop()
    await expect(command(redis.port, 'PING')).rejects.toThrow(/ECONNREFUSED/)
    redis = undefined
  })
})

describe('the Chromium launcher', () => {
  it('opens a page in Debian’s Chromium', async () => {
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.setContent('<title>launched</title><h1>ok</h1>')
      expect(await page.title()).toBe('launched')
    } finally {
      await browser.close()
    }
  })
})
