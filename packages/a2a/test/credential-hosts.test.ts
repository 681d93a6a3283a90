// Where the adapter sends its key when the agent card names the interface:
// a card and an agent on two loopback servers (two origins), over real HTTP.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { InvalidPayloadError } from '@taskbridge/core'
import { rejectionOf } from '@taskbridge/testkit'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createA2AAdapter } from '../src/index.js'

const API_KEY = 'a2a-key-0123456789abcdef'
let interfaceUrl = ''
const agentHeaders: IncomingHttpHeaders[] = []
let cardServer: Server
let agentServer: Server

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const card = () => ({
  name: 'two-origin agent',
  url: interfaceUrl,
  preferredTransport: 'JSONRPC',
  protocolVersion: '0.3.0',
  securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
  capabilities: { streaming: true },
})

let cardOrigin = ''
let agentOrigin = ''
beforeAll(async () => {
  cardServer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify(card()))
  })
  agentServer = createServer((request, response) => {
    agentHeaders.push(request.headers)
    request.resume()
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' })
      const task = { kind: 'task', id: 't-1', contextId: 'c', status: { state: 'completed' } }
      response.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: task }))
    })
  })
  cardOrigin = await listen(cardServer)
  agentOrigin = await listen(agentServer)
})
beforeEach(() => {
  agentHeaders.length = 0
})
afterAll(async () => {
  await new Promise((resolve) => cardServer.close(resolve))
  await new Promise((resolve) => agentServer.close(resolve))
})

const adapter = (trustedHosts?: string[]) =>
  createA2AAdapter({
    agentCardUrl: `${cardOrigin}/.well-known/agent-card.json`,
    apiKey: API_KEY,
    ...(trustedHosts ? { trustedHosts } : {}),
  })

describe('A2A credentials and the hosts an agent card names', () => {
  it('refuses a card that names another origin, naming the option that allows it, and sends nothing there', async () => {
    interfaceUrl = `${agentOrigin}/rpc`
    const error = await rejectionOf(adapter().getTask('t-1'))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as Error).message).toContain('trustedHosts')
    expect((error as Error).message).toContain(new URL(agentOrigin).host)
    expect(agentHeaders).toEqual([])
  })

  it('sends the key to another host the user listed', async () => {
    interfaceUrl = `${agentOrigin}/rpc`
    const task = await adapter([new URL(agentOrigin).host]).getTask('t-1')
    expect(task.status).toBe('completed')
    expect(agentHeaders.at(-1)?.['x-api-key']).toBe(API_KEY)
  })

  it.each([
    'https://169.254.169.254/latest/a2a',
    'http://metadata.google.internal/computeMetadata/v1/a2a',
    'https://[fe80::1]/a2a',
  ])('refuses a card that names the link-local or metadata address %s', async (url) => {
    interfaceUrl = url
    const error = await rejectionOf(adapter().getTask('t-1'))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as Error).message).toMatch(/link-local or cloud metadata address.*trustedHosts/)
  })

  it('refuses a trustedHosts that is not a list of host names when the adapter is created', () => {
    expect(() => createA2AAdapter({ baseUrl: agentOrigin, trustedHosts: 'example.com' as never })).toThrow(
      /option `trustedHosts` must be an array/,
    )
  })
})
