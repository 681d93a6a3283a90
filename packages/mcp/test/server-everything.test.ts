import { randomUUID } from 'node:crypto'
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { createServer } from '@modelcontextprotocol/server-everything/dist/server/index.js'
import { type Task, waitForTask, watchTask } from '@taskbridge/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMcpAdapter } from '../src/index.js'

// server-everything's own entry point (`streamableHttp`) listens on every
// interface at a fixed PORT and logs each request, so the test serves the
// server its factory builds as that entry point does (one server and one SDK
// transport with an event store per session), on 127.0.0.1 and in process.
// Its simulate-research-query task runs 4 stages of 1 s (real time).

/** An event store as server-everything's: with one, every SSE answer opens with an event that has no data. */
function eventStore(): EventStore {
  const events = new Map<string, unknown>()
  return {
    async storeEvent(_streamId, message) {
      const id = randomUUID()
      events.set(id, message)
      return id
    },
    async replayEventsAfter(lastEventId) {
      return lastEventId
    },
  }
}

describe('server-everything (@modelcontextprotocol/server-everything)', () => {
  let url: string
  let close: () => Promise<void>
  beforeAll(async () => {
    const sessions = new Map<string, { transport: StreamableHTTPServerTransport; cleanup(id?: string): void }>()
    const http = createHttpServer(async (request, response) => {
      const id = request.headers['mcp-session-id']
      let session = typeof id === 'string' ? sessions.get(id) : undefined
      if (!session) {
        const { server, cleanup } = createServer()
        const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
          sessionIdGenerator: randomUUID,
          eventStore: eventStore(),
          onsessioninitialized: (sessionId) => void sessions.set(sessionId, { transport, cleanup }),
        })
        await server.connect(transport)
        session = { transport, cleanup }
      }
      await session.transport.handleRequest(request, response)
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`
    close = async () => {
      for (const [id, session] of sessions) {
        session.cleanup(id)
        await session.transport.close()
      }
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    }
  })
  afterAll(() => close())

  it('follows simulate-research-query to completed with waitForTask and with watchTask', async () => {
    const mcp = createMcpAdapter({ url })
    const arguments_ = { topic: 'tides' }
    const [first, second] = await Promise.all([
      mcp.startTask({ tool: 'simulate-research-query', arguments: arguments_ }),
      mcp.startTask({ tool: 'simulate-research-query', arguments: arguments_ }),
    ])
    expect(first).toMatchObject({ status: 'running', metadata: { form: '2025-11-25', pollIntervalMs: 1000 } })
    const watched: Task[] = []
    const [waited] = await Promise.all([
      waitForTask(mcp, first.id, { timeoutMs: 45_000 }),
      (async () => {
        for await (const task of watchTask(mcp, second.id, { timeoutMs: 45_000 })) watched.push(task)
      })(),
    ])
    for (const done of [waited, watched.at(-1)]) {
      expect(done?.status).toBe('completed')
      expect(done?.output?.format).toBe('text')
      expect(String(done?.output?.value)).toContain('# Research Report: tides')
    }
    // Followed on the way, not only at the end: a stage's message first.
    expect(watched[0]).toMatchObject({
      status: 'running',
      metadata: { statusMessage: expect.stringMatching(/\.\.\.$/) },
    })
  }, 60_000)
})
