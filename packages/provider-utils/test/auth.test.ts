import { describe, expect, it } from 'vitest'
import { bearerAuth, headerAuth, jwtExpiry, tokenAuth } from '../src/index.js'

function jwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode({ alg: 'none' })}.${encode(claims)}.signature`
}

describe('headerAuth and bearerAuth', () => {
  it('read a lazy value on every request', async () => {
    let key = 'first-key'
    const auth = headerAuth('x-api-key', () => key)
    expect(await auth.headers()).toEqual({ 'x-api-key': 'first-key' })
    key = 'second-key'
    expect(await auth.headers()).toEqual({ 'x-api-key': 'second-key' })
    expect(await bearerAuth('tok').headers()).toEqual({ authorization: 'Bearer tok' })
  })

  it('propagate an error thrown while reading the credential', () => {
    const auth = headerAuth('x-api-key', () => {
      throw new Error('missing')
    })
    expect(() => auth.headers()).toThrow('missing')
  })
})

describe('jwtExpiry', () => {
  it('reads exp in milliseconds', () => {
    expect(jwtExpiry(jwt({ exp: 1_900_000_000 }))).toBe(1_900_000_000_000)
  })

  it.each(['opaque-token', 'a.!!!.c', jwt({ sub: 'x' }), jwt({ exp: 'soon' })])('is undefined for %s', (token) => {
    expect(jwtExpiry(token)).toBeUndefined()
  })
})

describe('tokenAuth', () => {
  function counter(grant: (n: number) => { token: string; expiresAt?: number } | null) {
    const calls = { count: 0 }
    const fetchToken = async () => grant(++calls.count)
    return { calls, fetchToken }
  }

  it('exchanges once for concurrent requests', async () => {
    const { calls, fetchToken } = counter((n) => ({ token: `t${n}` }))
    const auth = tokenAuth({ header: 'x-authorization', fetchToken })
    const headers = await Promise.all(Array.from({ length: 5 }, () => auth.headers()))
    expect(calls.count).toBe(1)
    expect(new Set(headers.map((h) => h['x-authorization']))).toEqual(new Set(['t1']))
  })

  it('reuses the token until shortly before it expires', async () => {
    let now = 1_000_000
    const { calls, fetchToken } = counter((n) => ({ token: `t${n}`, expiresAt: now + 120_000 }))
    const auth = tokenAuth({ header: 'x-authorization', fetchToken, refreshMarginMs: 30_000, now: () => now })
    await auth.headers()
    now += 89_000
    expect(await auth.headers()).toEqual({ 'x-authorization': 't1' })
    now += 2_000
    expect(await auth.headers()).toEqual({ 'x-authorization': 't2' })
    expect(calls.count).toBe(2)
  })

  it('reuses a token that lives less than the refresh margin until halfway through its life', async () => {
    let now = 1_000_000
    const { calls, fetchToken } = counter((n) => ({ token: `t${n}` }))
    const auth = tokenAuth({ header: 'x-authorization', fetchToken, defaultTtlMs: 20_000, now: () => now })
    await auth.headers()
    now += 9_000
    expect(await auth.headers()).toEqual({ 'x-authorization': 't1' })
    now += 2_000
    expect(await auth.headers()).toEqual({ 'x-authorization': 't2' })
    expect(calls.count).toBe(2)
  })

  it.each([
    ['defaultTtlMs', { defaultTtlMs: -1 }],
    ['defaultTtlMs', { defaultTtlMs: 0 }],
    ['refreshMarginMs', { refreshMarginMs: Number.NaN }],
  ])('refuses a bad %s when created', (argument, options) => {
    const { fetchToken } = counter((n) => ({ token: `t${n}` }))
    expect(() => tokenAuth({ header: 'x-authorization', fetchToken, ...options })).toThrow(
      expect.objectContaining({ argument }),
    )
  })

  it('takes the expiry from the JWT when the grant has none', async () => {
    let now = 1_000_000_000_000
    const { calls, fetchToken } = counter(() => ({ token: jwt({ exp: (now + 600_000) / 1000 }) }))
    const auth = tokenAuth({ header: 'x-authorization', fetchToken, refreshMarginMs: 60_000, now: () => now })
    await auth.headers()
    now += 500_000
    await auth.headers()
    expect(calls.count).toBe(1)
    now += 50_000
    await auth.headers()
    expect(calls.count).toBe(2)
  })

  it('sends no header when the server needs no authentication', async () => {
    const { calls, fetchToken } = counter(() => null)
    const auth = tokenAuth({ header: 'x-authorization', fetchToken })
    expect(await auth.headers()).toEqual({})
    expect(await auth.headers()).toEqual({})
    expect(calls.count).toBe(1)
    expect(await auth.refresh?.({})).toBe(false)
  })

  it('refresh() forces a new exchange', async () => {
    const { calls, fetchToken } = counter((n) => ({ token: `t${n}` }))
    const auth = tokenAuth({ header: 'x-authorization', fetchToken, format: (token) => `Token ${token}` })
    expect(await auth.headers()).toEqual({ 'x-authorization': 'Token t1' })
    expect(await auth.refresh?.({ 'x-authorization': 'Token t1' })).toBe(true)
    expect(await auth.headers()).toEqual({ 'x-authorization': 'Token t2' })
    expect(calls.count).toBe(2)
  })

  it('keeps a token renewed meanwhile when an older one is reported refused', async () => {
    const { calls, fetchToken } = counter((n) => ({ token: `t${n}` }))
    const auth = tokenAuth({ header: 'x-authorization', fetchToken })
    await auth.headers()
    await auth.refresh?.({ 'x-authorization': 't1' })
    expect(await auth.headers()).toEqual({ 'x-authorization': 't2' })
    // A second request that had also sent t1 reports it: t2 stays, and it resends with t2.
    expect(await auth.refresh?.({ 'x-authorization': 't1' })).toBe(true)
    expect(await auth.headers()).toEqual({ 'x-authorization': 't2' })
    expect(calls.count).toBe(2)
  })

  it('retries the exchange after a failed one', async () => {
    const { calls, fetchToken } = counter((n) => {
      if (n === 1) throw new Error('token endpoint down')
      return { token: `t${n}` }
    })
    const auth = tokenAuth({ header: 'x-authorization', fetchToken })
    await expect(auth.headers()).rejects.toThrow('token endpoint down')
    expect(await auth.headers()).toEqual({ 'x-authorization': 't2' })
    expect(calls.count).toBe(2)
  })

  it('lets one waiter abort without cancelling the shared exchange', async () => {
    let release: (grant: { token: string }) => void = () => {}
    const auth = tokenAuth({
      header: 'x-authorization',
      fetchToken: () => new Promise((resolve) => (release = resolve)),
    })
    const controller = new AbortController()
    const aborted = auth.headers(controller.signal)
    const other = auth.headers()
    controller.abort()
    await expect(aborted).rejects.toBe(controller.signal.reason)
    release({ token: 'shared' })
    expect(await other).toEqual({ 'x-authorization': 'shared' })
  })
})
