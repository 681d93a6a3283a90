// A subscription that also carries another task's events, served by a
// small A2A v0.3 agent over real loopback HTTP: the adapter yields only the
// task it was asked for, and counts what it dropped in debug output.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { onTaskbridgeDebug, type TaskbridgeDebugRecord } from '@taskbridge/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createA2AAdapter } from '../src/index.js'

const task = (id: string, state: string) => ({ kind: 'task', id, contextId: 'ctx', status: { state } })
const update = (taskId: string, state: string) => ({
  kind: 'status-update',
  taskId,
  contextId: 'ctx',
  status: { state },
  final: state === 'completed' || state === 'failed',
})

/** What the agent streams for task-1: its own states with another task's interleaved. */
const STREAMED = [
  task('task-1', 'working'),
  task('other-task', 'completed'),
  update('other-task', 'failed'),
  update('task-1', 'completed'),
]

let server: Server
let baseUrl: string
beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      for (const result of STREAMED) response.write(`data: ${JSON.stringify({ jsonrpc: '2.0', id: 1, result })}\n\n`)
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rpc`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('an A2A subscription carrying another task’s events', () => {
  it('yields only the task asked for and counts the others in debug output', async () => {
    const adapter = createA2AAdapter({ baseUrl, protocolVersion: '0.3', allowInsecureHttp: true })
    const records: TaskbridgeDebugRecord[] = []
    const stop = onTaskbridgeDebug((record) => records.push(record))
    const seen: string[] = []
    try {
      for await (const each of adapter.streamTask('task-1')) seen.push(`${each.id}: ${each.status}`)
    } finally {
      stop()
    }
    expect(seen).toEqual(['task-1: running', 'task-1: completed'])
    expect(records.map((record) => record.details)).toEqual([
      { foreignId: 'other-task', dropped: 1 },
      { foreignId: 'other-task', dropped: 2 },
    ])
    expect(records[0]).toMatchObject({ provider: 'a2a', operation: 'streamTask', taskId: 'task-1' })
  })
})
