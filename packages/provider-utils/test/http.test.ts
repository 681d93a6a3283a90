import { inspect } from 'node:util'
import {
  AuthenticationError,
  InvalidArgumentError,
  InvalidPayloadError,
  ProviderApiError,
  ProviderConnectionError,
  RateLimitError,
  TaskbridgeError,
  TaskNotFoundError,
  TimeoutError,
} from '@taskbridge/core'
import { describe, expect, it, vi } from 'vitest'
import { path, tokenAuth } from '../src/index.js'
import { hang, json, reset, startLoopbackServer, text, useLoopbackServer } from './loopback-server.js'
import { outputForms } from './output-forms.js'

const API_KEY = 'sk-live-abcdef0123456789'

// The provider these tests stand for puts its message in `detail`, as xpander does.
const detailOf = (body: unknown) => (body as { detail?: unknown }).detail as string | undefined
const { server, client } = useLoopbackServer(API_KEY, { retry: { backoffLimitMs: 10 }, errors: { message: detailOf } })

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}

describe('createHttpClient: success', () => {
  it('sends the auth header, parses JSON and builds the query', async () => {
    server.reply(json(200, { id: 't1', status: 'running' }))
    const response = await client().request('/tasks', { query: { page: 2, status: ['a', 'b'], skipped: undefined } })
    expect(response.body).toEqual({ id: 't1', status: 'running' })
    expect(response.status).toBe(200)
    expect(server.requests[0]?.target).toBe('/tasks?page=2&status=a&status=b')
    expect(server.requests[0]?.headers['x-api-key']).toBe(API_KEY)
    expect(server.requests[0]?.headers.accept).toBe('application/json')
  })

  it('orders headers: defaults, then auth, then client headers, then call headers', async () => {
    server.reply(json(200, {}))
    const http = client({
      headers: { 'x-team': 'client', 'x-client-only': 'yes', accept: 'application/vnd.acme+json' },
    })
    await http.request('/x', { headers: { 'X-Team': 'call' } })
    const headers = server.requests[0]?.headers
    expect(headers?.['x-team']).toBe('call')
    expect(headers?.['x-client-only']).toBe('yes')
    expect(headers?.accept).toBe('application/vnd.acme+json')
    expect(headers?.['user-agent']).toBe('taskbridge (acme)')
  })

  it.each([
    ['the headers option', { 'X-Api-Key': 'other-key' }, undefined],
    ["the call's headers", undefined, { 'x-api-key': 'other-key' }],
  ])(
    'refuses %s replacing the credentials header, naming it and sending nothing',
    async (where, clientHeaders, callHeaders) => {
      const error = await failure(client({ headers: clientHeaders }).request('/x', { headers: callHeaders }))
      expect(InvalidArgumentError.is(error)).toBe(true)
      expect(error).toMatchObject({ argument: 'headers' })
      expect((error as Error).message).toContain(`${where} cannot replace the x-api-key header`)
      expect(outputForms(error)).not.toContain('other-key')
      expect(server.requests).toHaveLength(0)
    },
  )

  it('sends a JSON body', async () => {
    server.reply(json(201, { ok: true }))
    await client().request('/tasks/1/stop', { method: 'POST', json: { reason: 'done' } })
    expect(server.requests[0]?.method).toBe('POST')
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ reason: 'done' })
  })

  it('returns an empty body as undefined', async () => {
    server.reply((_request, response) => {
      response.writeHead(204)
      response.end()
    })
    const response = await client().request('/x', { method: 'PUT' })
    expect(response.status).toBe(204)
    expect(response.body).toBeUndefined()
    expect(response.text).toBe('')
  })

  it('keeps an id inside one path segment', async () => {
    server.reply(json(200, {}))
    await client().request(path`/task/${'../x?y#z'}/stop`)
    expect(server.requests[0]?.target).toBe('/task/..%2Fx%3Fy%23z/stop')
  })

  it('appends paths to a base URL that has a path of its own', async () => {
    server.reply(json(200, {}))
    await client({ baseUrl: `${server.url}/v1/` }).request('/tasks')
    expect(server.requests[0]?.target).toBe('/v1/tasks')
  })

  it('uses a custom fetch', async () => {
    server.reply(json(200, { via: 'custom' }))
    const seen: string[] = []
    const customFetch: typeof fetch = (input, init) => {
      seen.push(input instanceof Request ? input.url : String(input))
      return fetch(input, init)
    }
    const response = await client({ fetch: customFetch }).request('/x')
    expect(response.body).toEqual({ via: 'custom' })
    expect(seen).toEqual([`${server.url}/x`])
  })

  it('drops __proto__ keys so parsed bodies cannot change prototypes', async () => {
    server.reply(text(200, '{"id":"t1","__proto__":{"polluted":true}}', { 'content-type': 'application/json' }))
    const response = await client().request('/x')
    const merged = Object.assign({}, response.body)
    expect((merged as { polluted?: unknown }).polluted).toBeUndefined()
    expect(response.body).toEqual({ id: 't1' })
  })
})

describe('createHttpClient: retries', () => {
  it('retries a GET after 429 with Retry-After and then succeeds', async () => {
    server.reply(json(429, { detail: 'slow down' }, { 'retry-after': '0' }), json(200, { ok: true }))
    const response = await client().request('/x')
    expect(response.body).toEqual({ ok: true })
    expect(server.requests).toHaveLength(2)
  })

  it('retries a GET after 500 and 503 up to the limit', async () => {
    server.reply(json(500, {}), json(503, {}), json(200, { ok: true }))
    await expect(client().request('/x')).resolves.toMatchObject({ body: { ok: true } })
    expect(server.requests).toHaveLength(3)
  })

  it('gives up after the limit with a retryable ProviderApiError', async () => {
    server.reply(json(502, { message: 'bad gateway' }))
    const error = await failure(client({ retry: { limit: 1, backoffLimitMs: 10 } }).request('/x'))
    expect(ProviderApiError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 502, retryable: true, provider: 'acme', method: 'GET' })
    expect(server.requests).toHaveLength(2)
  })

  it('does not retry a POST that gets 500', async () => {
    server.reply(json(500, { detail: 'boom' }), json(200, {}))
    const error = await failure(client().request('/x/stop', { method: 'POST' }))
    expect(ProviderApiError.is(error)).toBe(true)
    expect((error as ProviderApiError).message).toContain('boom')
    expect(server.requests).toHaveLength(1)
  })

  it('retries a POST that opts in', async () => {
    server.reply(json(500, {}), json(200, { ok: true }))
    await client().request('/x/stop', { method: 'POST', retry: true })
    expect(server.requests).toHaveLength(2)
  })

  it('does not retry when retry is false', async () => {
    server.reply(json(503, {}), json(200, {}))
    await expect(client({ retry: false }).request('/x')).rejects.toMatchObject({ status: 503 })
    expect(server.requests).toHaveLength(1)
  })

  it('surfaces a Retry-After longer than maxRetryAfterMs at once, as a RateLimitError', async () => {
    server.reply(json(429, { detail: 'quota' }, { 'retry-after': '3600' }), json(200, {}))
    const error = await failure(client().request('/x'))
    expect(RateLimitError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000, retryable: true })
    expect(server.requests).toHaveLength(1)
  })

  it.each([
    ['ratelimit-reset', '3600'],
    ['x-ratelimit-retry-after', '3600'],
    ['x-ratelimit-reset', String(Math.floor(Date.now() / 1000) + 3600)],
    ['x-rate-limit-reset', String(Math.floor(Date.now() / 1000) + 3600)],
  ])('reads a wait of an hour from %s when there is no Retry-After, and surfaces it at once', async (header, value) => {
    server.reply(json(429, { detail: 'quota' }, { [header]: value }), json(200, {}))
    const error = await failure(client().request('/x'))
    expect(RateLimitError.is(error)).toBe(true)
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(3_500_000)
    expect(server.requests).toHaveLength(1)
  })

  it('waits out a short rate-limit reset like a Retry-After', async () => {
    server.reply(json(429, { detail: 'slow down' }, { 'ratelimit-reset': '0' }), json(200, { ok: true }))
    await expect(client().request('/x')).resolves.toMatchObject({ body: { ok: true } })
    expect(server.requests).toHaveLength(2)
  })

  it('retries a reset connection on GET and then reports ProviderConnectionError', async () => {
    server.reply(reset)
    const error = await failure(client().request('/x'))
    expect(ProviderConnectionError.is(error)).toBe(true)
    expect(error).toMatchObject({ retryable: true, provider: 'acme' })
    expect(server.requests).toHaveLength(3)
  })

  it('recovers when a reset is followed by an answer', async () => {
    server.reply(reset, json(200, { ok: true }))
    await expect(client().request('/x')).resolves.toMatchObject({ body: { ok: true } })
  })
})

describe('createHttpClient: typed errors', () => {
  it.each([401, 403])('maps %i to AuthenticationError', async (status) => {
    server.reply(json(status, { detail: 'Invalid API key' }))
    const error = await failure(client().request('/x'))
    expect(AuthenticationError.is(error)).toBe(true)
    expect(error).toMatchObject({ status, retryable: false })
    expect((error as Error).message).toContain('Invalid API key')
  })

  it('maps 404 to TaskNotFoundError with the task id', async () => {
    server.reply(json(404, { detail: 'Task not found' }))
    const error = await failure(client().request(path`/tasks/${'t-404'}`, { taskId: 't-404' }))
    expect(TaskNotFoundError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 404, taskId: 't-404', responseBody: '{"detail":"Task not found"}' })
  })

  it('maps a 404 to a request that names no task to ProviderApiError naming the route, not TaskNotFoundError', async () => {
    server.reply(json(404, { detail: 'Not Found' }))
    const error = await failure(
      client().request(path`/projects/${'p1'}/tasks`, {
        query: { api_key: API_KEY },
        route: 'GET /projects/{project}/tasks',
      }),
    )
    expect(TaskNotFoundError.is(error)).toBe(false)
    expect(ProviderApiError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 404, retryable: false })
    const { message } = error as Error
    expect(message).toContain('GET /projects/{project}/tasks answered 404 Not Found: Not Found')
    expect(message).not.toContain('/projects/p1')
    expect(outputForms(error)).not.toContain(API_KEY)
  })

  it('names the method and the path of a 404 to a request without a route template', async () => {
    server.reply(json(404, { detail: 'Not Found' }))
    const error = await failure(client().request('/.well-known/agent-card.json'))
    expect(ProviderApiError.is(error)).toBe(true)
    expect((error as Error).message).toMatch(
      /^\[acme\] GET \/.well-known\/agent-card.json answered 404 Not Found: Not Found/,
    )
  })

  it('never asks isNotFound about a request that names no task, even for a 2xx', async () => {
    server.reply((_request, response) => {
      response.writeHead(204)
      response.end()
    })
    const isNotFound = vi.fn(() => true)
    const response = await client({ errors: { isNotFound } }).request('/tasks/search')
    expect(response.status).toBe(204)
    expect(isNotFound).not.toHaveBeenCalled()
  })

  it('lets a provider say that an empty 204 means not found', async () => {
    server.reply((_request, response) => {
      response.writeHead(204)
      response.end()
    })
    const http = client({ errors: { isNotFound: ({ status }) => status === 204 || status === 404 } })
    const error = await failure(http.request('/tasks/nope', { taskId: 'nope' }))
    expect(TaskNotFoundError.is(error)).toBe(true)
    expect(error).toMatchObject({ status: 204, taskId: 'nope' })
  })

  it('guesses no message from a JSON error body without a reader, and keeps the body', async () => {
    server.reply(json(500, { detail: 'boom', message: 'boom', error: 'boom' }))
    const error = await failure(client({ errors: {} }).request('/x'))
    expect(ProviderApiError.is(error)).toBe(true)
    expect((error as Error).message).toBe('[acme] GET /x answered 500 Internal Server Error')
    expect(error).toMatchObject({
      data: { detail: 'boom' },
      responseBody: '{"detail":"boom","message":"boom","error":"boom"}',
    })
  })

  it('takes a body that is not JSON as its own message, the reader unasked, the text kept and redacted', async () => {
    server.reply(text(502, `<html>bad gateway for ${API_KEY}</html>`, { 'content-type': 'text/html' }))
    const message = vi.fn(() => 'never')
    const error = await failure(client({ errors: { message } }).request('/x'))
    expect(ProviderApiError.is(error)).toBe(true)
    expect((error as Error).message).toBe(
      '[acme] GET /x answered 502 Bad Gateway: <html>bad gateway for [REDACTED]</html>',
    )
    expect((error as ProviderApiError).responseBody).toBe('<html>bad gateway for [REDACTED]</html>')
    expect(message).not.toHaveBeenCalled()
  })

  it('uses the provider message from the error body', async () => {
    server.reply(json(400, { status: 400, message: 'Invalid query', retryable: false }))
    const http = client({ errors: { message: (body) => (body as { message?: string }).message } })
    const error = await failure(http.request('/x'))
    expect(ProviderApiError.is(error)).toBe(true)
    expect((error as ProviderApiError).data).toEqual({ status: 400, message: 'Invalid query', retryable: false })
    expect(error).toMatchObject({ retryable: false })
    expect((error as Error).message).toBe('[acme] GET /x answered 400 Bad Request: Invalid query')
  })

  it('reports a body that is not JSON as InvalidPayloadError, keeping the text', async () => {
    server.reply(text(200, '<html>gateway</html>'))
    const error = await failure(client().request('/x'))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as InvalidPayloadError).raw).toBe('<html>gateway</html>')
    expect((error as InvalidPayloadError).responseBody).toBe('<html>gateway</html>')
  })

  it('reports a truncated JSON body as InvalidPayloadError', async () => {
    server.reply(text(200, '{"id":"t1","sta', { 'content-type': 'application/json' }))
    const error = await failure(client().request('/x'))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as InvalidPayloadError).raw).toBe('{"id":"t1","sta')
  })

  it('reports a JSON body nested deeper than 1,000 levels as InvalidPayloadError, keeping the text', async () => {
    const deep = `{"id":"t1","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`
    server.reply(text(200, deep, { 'content-type': 'application/json' }))
    const error = await failure(client().request('/x'))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as Error).message).toContain('nested deeper than 1000 levels')
    expect((error as InvalidPayloadError).raw).toBe(deep)
  })

  it('refuses a body larger than maxResponseBytes (declared length)', async () => {
    server.reply(text(200, JSON.stringify({ big: 'x'.repeat(5000) })))
    const error = await failure(client({ maxResponseBytes: 1000 }).request('/x'))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect((error as Error).message).toContain('too large')
  })

  it('refuses a streamed body that grows past maxResponseBytes', async () => {
    server.reply((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write(`{"big":"${'x'.repeat(800)}`)
      response.end(`${'y'.repeat(800)}"}`)
    })
    const error = await failure(client({ maxResponseBytes: 1000 }).request('/x'))
    expect(InvalidPayloadError.is(error)).toBe(true)
  })

  it('reads a character whose UTF-8 bytes arrive in two chunks', async () => {
    const bytes = Buffer.from(JSON.stringify({ note: 'caf\u00e9 \u{1f600}' }))
    const split = bytes.indexOf(0xf0) + 2
    server.reply((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write(bytes.subarray(0, split))
      setTimeout(() => response.end(bytes.subarray(split)), 20)
    })
    const response = await client().request('/x')
    expect(response.body).toEqual({ note: 'caf\u00e9 \u{1f600}' })
  })

  it('times out with a retryable TimeoutError', async () => {
    server.reply(hang)
    const error = await failure(client({ timeoutMs: 50, retry: false }).request('/x'))
    expect(TimeoutError.is(error)).toBe(true)
    expect(error).toMatchObject({ timeoutMs: 50, retryable: true })
  })

  it('applies a per-call timeout to the whole call', async () => {
    server.reply(hang)
    const error = await failure(client().request('/x', { timeoutMs: 50 }))
    expect(TimeoutError.is(error)).toBe(true)
    expect(error).toMatchObject({ timeoutMs: 50 })
  })

  it('bounds the whole call with its timeoutMs, a resend after 401 included', async () => {
    let exchanges = 0
    const auth = tokenAuth({ header: 'x-authorization', fetchToken: async () => ({ token: `token-${++exchanges}` }) })
    // Only Date is faked: the first answer (a 401) comes back at once, but the
    // call's clock has moved past its limit by then, so the resend with the
    // renewed token must not go out. With a limit per attempt it would.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      server.reply((_request, response) => {
        vi.setSystemTime(Date.now() + 61_000)
        response.writeHead(401, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ message: 'expired' }))
      })
      const error = await failure(client({ auth, retry: false }).request('/x', { timeoutMs: 60_000 }))
      expect(TimeoutError.is(error)).toBe(true)
      expect(error).toMatchObject({ timeoutMs: 60_000 })
      expect(exchanges).toBe(2)
      expect(server.requests).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('bounds a token exchange that never ends with the call’s timeoutMs', async () => {
    const auth = tokenAuth({ header: 'x-authorization', fetchToken: () => new Promise(() => {}) })
    const error = await failure(client({ auth }).request('/x?access_token=query-secret-value', { timeoutMs: 50 }))
    expect(TimeoutError.is(error)).toBe(true)
    expect((error as Error).message).toContain('getting credentials timed out after 50 ms')
    expect(JSON.stringify(error)).not.toContain('query-secret-value')
    expect(server.requests).toHaveLength(0)
  })

  it('sends nothing once the call is out of time, even when its credentials came late', async () => {
    // Credentials that ignore the signal and arrive only after the call has timed out.
    let deliver: (headers: Record<string, string>) => void = () => {}
    const lateAuth = { headers: () => new Promise<Record<string, string>>((resolve) => (deliver = resolve)) }
    const error = await failure(client({ auth: lateAuth }).request('/x', { method: 'POST', timeoutMs: 30 }))
    expect(TimeoutError.is(error)).toBe(true)
    deliver({ 'x-api-key': API_KEY })
    // A send that went out now would reach the server well within this.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(server.requests).toHaveLength(0)
  })

  it('ends at an abort while credentials that ignore the signal are still coming', async () => {
    const stuckAuth = { headers: () => new Promise<Record<string, string>>(() => {}) }
    const controller = new AbortController()
    const pending = failure(client({ auth: stuckAuth }).request('/x', { signal: controller.signal }))
    controller.abort()
    expect(await pending).toBe(controller.signal.reason)
    expect(server.requests).toHaveLength(0)
  })

  it('accepts a timeoutMs with a fraction', async () => {
    server.reply(json(200, { ok: true }))
    const auth = tokenAuth({ header: 'x-authorization', fetchToken: async () => ({ token: 'token-1' }) })
    expect((await client({ auth }).request('/x', { timeoutMs: 1000.5 })).body).toEqual({ ok: true })
  })

  it('rejects with the AbortError itself when the caller aborts', async () => {
    server.reply(hang)
    const controller = new AbortController()
    const pending = client().request('/x', { signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    const error = await failure(pending)
    expect(error).toBe(controller.signal.reason)
    expect((error as Error).name).toBe('AbortError')
    expect(TaskbridgeError.is(error)).toBe(false)
  })

  it('times out a body that stalls after the headers', async () => {
    server.reply((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{"id":"t1",')
    })
    const error = await failure(client({ timeoutMs: 100, retry: false }).request('/x'))
    expect(TimeoutError.is(error)).toBe(true)
    expect(error).toMatchObject({ timeoutMs: 100 })
  })

  it('times out a body of declared length that stalls, and the caller can still abort', async () => {
    server.reply((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      response.write('{"id":"t1",')
    })
    const error = await failure(client({ timeoutMs: 100, retry: false }).request('/x'))
    expect(TimeoutError.is(error)).toBe(true)
    const controller = new AbortController()
    const pending = failure(client({ retry: false }).request('/x', { signal: controller.signal }))
    setTimeout(() => controller.abort(), 50)
    expect(await pending).toBe(controller.signal.reason)
  })

  it('lets a call’s timeoutMs replace the client’s, for the attempt too', async () => {
    server.reply((_request, response) => {
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end('{}')
      }, 150)
    })
    // The client's 50 ms would end the call; the call's own limit is far beyond the answer.
    await expect(client({ timeoutMs: 50, retry: false }).request('/x', { timeoutMs: 60_000 })).resolves.toMatchObject({
      status: 200,
    })
  })

  it('maps a custom fetch’s own network failure to ProviderConnectionError', async () => {
    const failing: typeof fetch = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { name: 'FetchError', code: 'ECONNREFUSED' })
    }
    const error = await failure(client({ fetch: failing, retry: false }).request('/x'))
    expect(ProviderConnectionError.is(error)).toBe(true)
    expect((error as ProviderConnectionError).systemCode).toBe('ECONNREFUSED')
  })

  it('reports a refused connection as ProviderConnectionError with its code', async () => {
    const closed = await startLoopbackServer()
    const address = closed.url
    await closed.close()
    const error = await failure(client({ baseUrl: address, retry: false }).request('/x'))
    expect(ProviderConnectionError.is(error)).toBe(true)
    expect((error as ProviderConnectionError).systemCode).toBe('ECONNREFUSED')
  })
})

describe('createHttpClient: base URL checks', () => {
  it('refuses plain http to a host that is not loopback when created', () => {
    const error = thrownBy(() => client({ baseUrl: 'http://api.example.com' }))
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument: 'baseUrl' })
    expect(server.requests).toHaveLength(0)
  })

  it('allows plain http to any host with allowInsecureHttp', async () => {
    server.reply(json(200, { ok: true }))
    const viaLoopback: typeof fetch = (input, init) =>
      fetch(String(input instanceof Request ? input.url : input).replace('http://tasks.internal', server.url), init)
    const http = client({ baseUrl: 'http://tasks.internal', allowInsecureHttp: true, fetch: viaLoopback })
    await expect(http.request('/x')).resolves.toMatchObject({ body: { ok: true } })
  })

  it('refuses a base URL with a user name or password, without showing it', () => {
    const error = thrownBy(() => client({ baseUrl: 'http://alice:pass-word-99@127.0.0.1:1' }))
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(JSON.stringify(error) + inspect(error)).not.toContain('pass-word-99')
  })

  it('refuses plain http to a host that only starts like loopback', () => {
    expect(thrownBy(() => client({ baseUrl: 'http://127.attacker.example' }))).toMatchObject({ argument: 'baseUrl' })
  })

  it('refuses a base URL that is not http(s) or not a URL', () => {
    expect(thrownBy(() => client({ baseUrl: 'ftp://example.com' }))).toMatchObject({ argument: 'baseUrl' })
    expect(thrownBy(() => client({ baseUrl: 'not a url' }))).toMatchObject({ argument: 'baseUrl' })
  })

  it('reads a base URL given as a function at request time', async () => {
    let base = 'http://api.example.com'
    const http = client({ baseUrl: () => base })
    await expect(http.request('/x')).rejects.toMatchObject({ argument: 'baseUrl' })
    base = server.url
    server.reply(json(200, {}))
    await expect(http.request('/x')).resolves.toMatchObject({ status: 200 })
  })

  it('rejects bad client options when created', () => {
    expect(() => client({ timeoutMs: 0 })).toThrow(InvalidArgumentError)
    expect(() => client({ retry: { limit: -1 } })).toThrow(InvalidArgumentError)
  })
})

describe('createHttpClient: secrets', () => {
  function expectNoSecret(error: unknown, secret: string) {
    expect(String(error)).not.toContain(secret)
    expect(JSON.stringify(error)).not.toContain(secret)
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(secret)
  }

  it('never shows the API key, even when the provider echoes it', async () => {
    server.reply(json(401, { detail: `Invalid API key ${API_KEY}` }))
    const error = await failure(client().request('/x'))
    expect(AuthenticationError.is(error)).toBe(true)
    expectNoSecret(error, API_KEY)
    expect((error as AuthenticationError).responseBody).toContain('[REDACTED]')
  })

  it('never shows credentials carried in the URL', async () => {
    server.reply(json(500, {}))
    const error = await failure(
      client({ retry: false }).request('/x', { query: { api_key: 'query-secret-value', page: 1 } }),
    )
    expectNoSecret(error, 'query-secret-value')
    expect((error as ProviderApiError).url).toContain('page=1')
  })

  it('never shows a query credential the provider echoes in its answer', async () => {
    server.reply(json(400, { detail: 'Bad access_token query-secret-value', data: { token: 'query-secret-value' } }))
    const error = await failure(
      client({ retry: false }).request('/x', { query: { access_token: 'query-secret-value' } }),
    )
    expect(ProviderApiError.is(error)).toBe(true)
    expectNoSecret(error, 'query-secret-value')
    expect((error as Error).message).toContain('[REDACTED]')
  })

  it('never shows a bearer token from a network failure', async () => {
    server.reply(reset)
    const error = await failure(
      client({ auth: { headers: () => ({ authorization: `Bearer ${API_KEY}` }) }, retry: false }).request('/x'),
    )
    expect(ProviderConnectionError.is(error)).toBe(true)
    expectNoSecret(error, API_KEY)
  })

  it('never shows a secret the request carries in its body', async () => {
    server.reply(json(401, { message: 'bad secret body-secret-5678' }))
    const error = await failure(
      client({ auth: undefined }).request('/token', {
        method: 'POST',
        json: { keySecret: 'body-secret-5678' },
        secrets: ['body-secret-5678'],
      }),
    )
    expectNoSecret(error, 'body-secret-5678')
  })

  it('never hands on a credential the provider echoes in a body, not even through raw', async () => {
    server.reply(text(200, `<html>your key is ${API_KEY}</html>`), json(200, { id: 't1', note: `key ${API_KEY}` }))
    const error = await failure(client().request('/x'))
    expect(InvalidPayloadError.is(error)).toBe(true)
    expectNoSecret(error, API_KEY)
    expect(String((error as InvalidPayloadError).raw)).toContain('[REDACTED]')
    const response = await client().request('/x')
    expect(JSON.stringify(response.body)).not.toContain(API_KEY)
  })

  it('takes echoed secrets out of strings only, leaving numbers and the JSON intact', async () => {
    // A numeric secret that also occurs inside a number of the answer.
    server.reply(json(200, { id: 't1', total: 20251, note: 'session 2025' }))
    const response = await client().request('/x', { headers: { 'x-session-token': '2025' } })
    expect(response.body).toEqual({ id: 't1', total: 20251, note: 'session [REDACTED]' })
  })

  it('finds an echoed secret written with its slashes escaped', async () => {
    const secret = 'key/with/slashes'
    server.reply(text(200, `{"id":"t1","note":"key ${secret.replaceAll('/', '\\/')}"}`))
    const response = await client().request('/x', { headers: { 'x-session-key': secret } })
    expect(response.body).toEqual({ id: 't1', note: 'key [REDACTED]' })
    expect(response.text).toBe('{"id":"t1","note":"key [REDACTED]"}')
  })

  it('does not take a short value of a loosely sensitive query parameter for a credential', async () => {
    server.reply(json(200, { id: 't1', user_id: 'u1' }))
    const response = await client().request('/x', { query: { auth_type: 'user' } })
    expect(response.body).toEqual({ id: 't1', user_id: 'u1' })
  })

  it('never shows a sensitive header given by the caller', async () => {
    server.reply(json(400, { detail: 'bad token other-secret-1234' }))
    const error = await failure(client().request('/x', { headers: { 'x-session-token': 'other-secret-1234' } }))
    expectNoSecret(error, 'other-secret-1234')
  })
})

describe('createHttpClient: token refresh', () => {
  it('renews the token once after a 401 and resends', async () => {
    let exchanges = 0
    const auth = tokenAuth({
      header: 'x-authorization',
      fetchToken: async () => ({ token: `token-${++exchanges}` }),
    })
    server.reply((request, response) => {
      const ok = request.headers['x-authorization'] === 'token-2'
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
      response.end(JSON.stringify(ok ? { ok: true } : { message: 'expired' }))
    })
    const response = await client({ auth }).request('/x')
    expect(response.body).toEqual({ ok: true })
    expect(exchanges).toBe(2)
    expect(server.requests.map((request) => request.headers['x-authorization'])).toEqual(['token-1', 'token-2'])
  })

  it('gives up with AuthenticationError when the renewed token is refused too', async () => {
    let exchanges = 0
    const auth = tokenAuth({ header: 'x-authorization', fetchToken: async () => ({ token: `token-${++exchanges}` }) })
    server.reply(json(401, { message: 'nope' }))
    const error = await failure(client({ auth }).request('/x'))
    expect(AuthenticationError.is(error)).toBe(true)
    expect(exchanges).toBe(2)
    expect(server.requests).toHaveLength(2)
  })

  it('renews once for many concurrent requests refused with the same token', async () => {
    let exchanges = 0
    const auth = tokenAuth({ header: 'x-authorization', fetchToken: async () => ({ token: `token-${++exchanges}` }) })
    const http = client({ auth })
    server.reply(json(200, {}))
    await http.request('/warm')
    server.reply((request, response) => {
      const ok = request.headers['x-authorization'] === 'token-2'
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
      response.end(JSON.stringify(ok ? { ok: true } : { message: 'expired' }))
    })
    const results = await Promise.all(Array.from({ length: 20 }, () => http.request('/x')))
    expect(results.every((result) => result.status === 200)).toBe(true)
    expect(exchanges).toBe(2)
  })

  it('does not resend when the token exchange itself is refused', async () => {
    let exchanges = 0
    const auth = tokenAuth({
      header: 'x-authorization',
      fetchToken: async () => {
        exchanges += 1
        throw new AuthenticationError({ provider: 'acme', status: 401, message: 'bad key' })
      },
    })
    expect(AuthenticationError.is(await failure(client({ auth }).request('/x')))).toBe(true)
    expect(exchanges).toBe(1)
    expect(server.requests).toHaveLength(0)
  })

  it('does not renew a static API key after a 401', async () => {
    server.reply(json(401, {}))
    await expect(client().request('/x')).rejects.toMatchObject({ status: 401 })
    expect(server.requests).toHaveLength(1)
  })
})
