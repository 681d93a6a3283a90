// Redirects over real loopback HTTP, between two servers (two origins): the
// key goes along only within the base URL's origin or to a listed host.
import { InvalidPayloadError } from '@taskbridge/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttpClient, headerAuth } from '../src/index.js'
import { json, type LoopbackServer, startLoopbackServer } from './loopback-server.js'

const API_KEY = 'sk-live-redirect-0123456789'
let base: LoopbackServer
let other: LoopbackServer
beforeEach(async () => {
  ;[base, other] = await Promise.all([startLoopbackServer(), startLoopbackServer()])
})
afterEach(async () => {
  await Promise.all([base.close(), other.close()])
})

const redirectTo = (status: number, location: () => string) => () =>
  ((_request: unknown, response: import('node:http').ServerResponse) => {
    response.writeHead(status, { location: location() })
    response.end()
  }) as Parameters<LoopbackServer['reply']>[0]

const client = (trustedHosts?: string[]) =>
  createHttpClient({
    provider: 'acme',
    baseUrl: base.url,
    auth: headerAuth('x-api-key', API_KEY),
    ...(trustedHosts ? { trustedHosts } : {}),
  })

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  )
}

describe('createHttpClient: redirects', () => {
  it('refuses a redirect to another origin, naming trustedHosts, and sends nothing there', async () => {
    base.reply(redirectTo(302, () => `${other.url}/steal`)())
    other.reply(json(200, { ok: true }))
    const error = await failure(client().request('/x'))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as Error).message).toContain('in the trustedHosts option')
    expect(other.requests).toEqual([])
  })

  it('follows a redirect within the origin, with the key', async () => {
    base.reply(redirectTo(301, () => '/moved')(), json(200, { ok: true }))
    const response = await client().request('/x')
    expect(response.body).toEqual({ ok: true })
    expect(base.requests.map((request) => [request.target, request.headers['x-api-key']])).toEqual([
      ['/x', API_KEY],
      ['/moved', API_KEY],
    ])
  })

  it('resends the body of a 307 and follows to a listed host', async () => {
    base.reply(redirectTo(307, () => `${other.url}/jobs`)())
    other.reply(json(200, { ok: true }))
    const response = await client([new URL(other.url).host]).request('/jobs', { method: 'POST', json: { a: 1 } })
    expect(response.body).toEqual({ ok: true })
    expect(other.requests[0]).toMatchObject({ method: 'POST', body: '{"a":1}' })
    expect(other.requests[0]?.headers['x-api-key']).toBe(API_KEY)
  })

  it('refuses a trustedHosts that is not a list of host names', () => {
    expect(() => client(['']).request).toThrow(/option `trustedHosts\[0\]` must be host names/)
  })
})
