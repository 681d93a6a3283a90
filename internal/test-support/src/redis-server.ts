// A redis-server of a test's or benchmark's own: Debian's binary (installed by
// the test command's system-packages step), on a free loopback port, with its
// files in a temporary directory. No client library: readiness is read from
// the server's own log line, and the one command it sends goes over a socket.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { requireSystemBinary } from '../system-deps.mjs'

/** A running redis-server. */
export interface RedisServer {
  /** `redis://127.0.0.1:PORT`. */
  readonly url: string
  readonly port: number
  /** Saves the data, stops the server and starts it again on the same port: clients' connections drop. */
  restart(): Promise<void>
  /** Kills the server and removes its files. */
  stop(): Promise<void>
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

/** Resolves once the server logs that it accepts connections; rejects if it exits first. */
function launch(binary: string, port: number, dir: string): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]
  const server = spawn(binary, args, { stdio: ['ignore', 'pipe', 'ignore'] })
  return new Promise((resolve, reject) => {
    let log = ''
    const lines = createInterface({ input: server.stdout as NodeJS.ReadableStream })
    lines.on('line', (line) => {
      log += `${line}\n`
      if (line.includes('Ready to accept connections')) resolve(server)
    })
    server.once('error', reject)
    server.once('exit', (code) =>
      reject(new Error(`redis-server exited with code ${code} before it was ready:\n${log}`)),
    )
  })
}

function exited(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) resolve()
    else server.once('exit', () => resolve())
  })
}

/** Sends `SHUTDOWN SAVE` in Redis's wire format; the server writes its data, then exits and closes the socket. */
function shutdownSaving(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('*2\r\n$8\r\nSHUTDOWN\r\n$4\r\nSAVE\r\n'))
    socket.on('error', () => resolve())
    socket.on('close', () => resolve())
    socket.resume()
  })
}

/** Starts a redis-server without persistence of its own; `restart` saves once so the data survives it. */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = requireSystemBinary('redis-server')
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'taskbridge-redis-'))
  let server = await launch(binary, port, dir)
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      await shutdownSaving(port)
      await exited(server)
      server = await launch(binary, port, dir)
    },
    async stop() {
      server.kill('SIGKILL')
      await exited(server)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
