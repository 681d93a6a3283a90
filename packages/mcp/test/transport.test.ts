import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { InvalidPayloadError, TimeoutError } from '@taskbridge/core'
import { rejectionOf } from '@taskbridge/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMcpAdapter } from '../src/index.js'

// A server that answers tasks/get on an SSE stream in the ways servers get it
// wrong (or right, among other messages), chosen by the task id.
const TASK = { status: 'working', createdAt: '2026-01-01T00:00:00Z', lastUpdatedAt: '2026-01-01T00:00:00Z', ttl: null }

function sse(response: ServerResponse, frames: string[], end: boolean) {
  response.writeHead(200, { 'content-type': 'text/event-stream' })
  for (const frame of frames) response.write(frame)
  if (end) response.end()
}

function answer(
  request: IncomingMessage,
  response: ServerResponse,
  body: { id?: number; method?: string; params?: { taskId?: string } },
) {
  if (body.id === undefined) return response.writeHead(202).end()
  if (body.method === 'initialize') {
    const result = {
      protocolVersion: '2025-11-25',
      capabilities: { tasks: { list: {}, requests: { tools: { call: {} } } } },
    }
    response.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'session-1' })
    return response.end(JSON.stringify({ jsonrpc: '2.0', id: body.id, result }))
  }
  const taskId = body.params?.taskId ?? ''
  const reply = `data: ${JSON.stringify({ jsonrpc: '2.0', id: body.id, result: { taskId, ...TASK } })}\n\n`
  const notification = `data: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'hi' } })}\n\n`
  if (taskId === 'silent') return sse(response, ['data: \n\n'], false)
  if (taskId === 'closes') return sse(response, [notification], true)
  if (taskId === 'garbled') return sse(response, ['data: {not json\n\n'], true)
  if (request.headers['mcp-session-id'] !== 'session-1') return response.writeHead(400).end()
  sse(response, ['id: 1\ndata: \n\n', notification, reply], true)
}

describe('answers on an SSE stream', () => {
  let server: Server
  let url: string
  beforeAll(async () => {
    server = createServer((request, response) => {
      let text = ''
      request.on('data', (chunk) => {
        text += chunk
      })
      request.on('end', () => answer(request, response, JSON.parse(text || '{}')))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('finds the answer after an empty event and a notification, with the session id sent', async () => {
    expect(await createMcpAdapter({ url }).getTask('fine')).toMatchObject({ id: 'fine', status: 'running' })
  })

  it('a stream that never answers is a TimeoutError after the adapter’s timeoutMs, not a hang', async () => {
    const error = await rejectionOf(createMcpAdapter({ url, timeoutMs: 300, retry: false }).getTask('silent'))
    expect(TimeoutError.is(error), String(error)).toBe(true)
    expect(error).toMatchObject({ timeoutMs: 300, retryable: true })
  })

  it('a stream that ends without the answer is an InvalidPayloadError', async () => {
    expect(InvalidPayloadError.is(await rejectionOf(createMcpAdapter({ url }).getTask('closes')))).toBe(true)
  })

  it('an event that is not JSON is an InvalidPayloadError keeping it', async () => {
    const error = await rejectionOf(createMcpAdapter({ url }).getTask('garbled'))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as InvalidPayloadError).raw).toBe('{not json')
  })
})
