// Connection failures over real sockets: each message ends with the root
// cause the network gave (a refused port, undici's "bad port", a DNS or TLS
// failure, a custom fetch's own words), and no secret of the request.
import { lookup } from 'node:dns/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { inspect } from 'node:util'
import { ProviderConnectionError } from '@taskbridge/core'
import { describe, expect, it } from 'vitest'
import type { HttpClientOptions } from '../src/index.js'
import { startLoopbackServer, useLoopbackServer } from './loopback-server.js'

const API_KEY = 'sk-live-conn-0123456789'
// `/`, `+` and `=` are percent-encoded in the request URL, so a message quoting the URL holds another form of it.
const QUERY_SECRET = 'qs/Secret+Value=9876'

const { server, client } = useLoopbackServer(API_KEY, { retry: false })

/** GET /tasks/x with a credential in the query, as some providers take it. */
async function connectionFailure(options: Partial<HttpClientOptions> = {}): Promise<ProviderConnectionError> {
  const error = await client(options)
    .request('/tasks/x', { query: { api_key: QUERY_SECRET } })
    .then(
      () => expect.fail('expected the request to fail'),
      (thrown: unknown) => thrown,
    )
  if (!ProviderConnectionError.is(error)) throw error
  for (const shown of [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
    for (const secret of [API_KEY, QUERY_SECRET, encodeURIComponent(QUERY_SECRET)]) expect(shown).not.toContain(secret)
  }
  expect(error.code).toBe('ERR_TASKBRIDGE_CONNECTION')
  return error
}

/** How the resolver answers for a reserved name that never resolves, or `undefined` when it does not answer soon. */
async function unresolvableHostAnswer(): Promise<string | undefined> {
  const gaveUp = sleep(10_000, undefined, { ref: false })
  const answer = lookup('something.invalid').then(
    () => 'resolved',
    (error: NodeJS.ErrnoException) => error.code,
  )
  return Promise.race([answer, gaveUp])
}

const dnsAnswer = await unresolvableHostAnswer()

describe('createHttpClient: connection errors name their root cause', () => {
  it('a refused port: the address and ECONNREFUSED', async () => {
    const spare = await startLoopbackServer()
    const closed = spare.url
    await spare.close()
    const error = await connectionFailure({ baseUrl: closed })
    expect(error.message).toBe(
      `[acme] GET /tasks/x failed before a response arrived: connect ECONNREFUSED ${new URL(closed).host} (ECONNREFUSED)`,
    )
    expect(error.systemCode).toBe('ECONNREFUSED')
    expect(error.retryable).toBe(true)
  })

  it('a port fetch blocks: undici’s "bad port"', async () => {
    const error = await connectionFailure({ baseUrl: 'http://127.0.0.1:9' })
    expect(error.message).toBe('[acme] GET /tasks/x failed before a response arrived: bad port')
    expect(error.systemCode).toBeUndefined()
  })

  it.skipIf(dnsAnswer === undefined || dnsAnswer === 'resolved')(
    // Skipped when this machine's resolver does not refuse `.invalid` names quickly (or resolves them).
    'an unresolvable host: getaddrinfo and the host name',
    async () => {
      const error = await connectionFailure({ baseUrl: 'https://something.invalid' })
      expect(error.message).toBe(
        `[acme] GET /tasks/x failed before a response arrived: getaddrinfo ${dnsAnswer} something.invalid (${dnsAnswer})`,
      )
      expect(error.systemCode).toBe(dnsAnswer)
    },
  )

  it('a TLS failure: OpenSSL’s reason and code', async () => {
    // https to a server that speaks plain http: the handshake fails.
    const error = await connectionFailure({ baseUrl: server.url.replace('http:', 'https:') })
    expect(error.message).toMatch(/^\[acme\] GET \/tasks\/x failed before a response arrived: .*SSL.* \(ERR_SSL_\w+\)$/)
    expect(error.message).not.toContain('\n')
    expect(error.systemCode).toMatch(/^ERR_SSL_/)
  })

  it('a custom fetch’s own error, with the URL and key it quotes redacted', async () => {
    const failingFetch: typeof fetch = async (input) => {
      const request = input instanceof Request ? input : new Request(input)
      throw new TypeError(`cannot reach ${request.url} with key ${request.headers.get('x-api-key')}`)
    }
    const error = await connectionFailure({ fetch: failingFetch })
    expect(error.message).toBe(
      `[acme] GET /tasks/x failed before a response arrived: cannot reach ${server.url}/tasks/x?api_key=[REDACTED] with key [REDACTED]`,
    )
  })

  it('a connection that breaks mid-body: the socket’s reason', async () => {
    server.reply((_request, response, socket) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      response.write('{"id":', () => socket.destroy())
    })
    const error = await connectionFailure()
    expect(error.message).toMatch(
      /^\[acme\] GET \/tasks\/x: the connection broke while reading the response: \S.* \(UND_ERR_SOCKET\)$/,
    )
    expect(error.systemCode).toBe('UND_ERR_SOCKET')
  })
})
