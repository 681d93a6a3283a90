import { InvalidArgumentError, type Task } from '@taskbridge/core'
import { describe, expect, it, vi } from 'vitest'
import {
  compact,
  createPagingGuard,
  createStatusMapper,
  encodePathSegment,
  fromEpochMillis,
  fromIsoString,
  fromUnixSeconds,
  lazySetting,
  listPages,
  loadOptionalSetting,
  loadSetting,
  matchesListQuery,
  parseRetryAfter,
  path,
  resolveRoute,
  retryDelayOf,
  secretsMatch,
} from '../src/index.js'

describe('time helpers', () => {
  it('reads Wexa float seconds with millisecond precision', () => {
    expect(fromUnixSeconds(1745216425.41)?.toISOString()).toBe('2025-04-21T06:20:25.410Z')
    expect(fromUnixSeconds(1745216425.41182)?.toISOString()).toBe('2025-04-21T06:20:25.411Z')
    expect(fromUnixSeconds(1745216425)?.toISOString()).toBe('2025-04-21T06:20:25.000Z')
  })

  it('reads Orkes epoch milliseconds, with 0 as unset', () => {
    expect(fromEpochMillis(1745216425411)?.toISOString()).toBe('2025-04-21T06:20:25.411Z')
    expect(fromEpochMillis(0)).toBeUndefined()
  })

  it('reads ISO strings with microseconds', () => {
    expect(fromIsoString('2025-06-01T10:00:00.123456Z')?.toISOString()).toBe('2025-06-01T10:00:00.123Z')
    expect(fromIsoString('2025-06-01T12:00:00+02:00')?.toISOString()).toBe('2025-06-01T10:00:00.000Z')
    expect(fromIsoString('2025-06-01T12:00:00.987654321+02:00')?.toISOString()).toBe('2025-06-01T10:00:00.987Z')
    expect(fromIsoString('2025-06-01T10:00:00.5Z')?.toISOString()).toBe('2025-06-01T10:00:00.500Z')
    expect(fromIsoString('2025-06-01 10:00:00.123456Z')?.toISOString()).toBe('2025-06-01T10:00:00.123Z')
  })

  it.each([null, undefined, '', 'soon', Number.NaN, -5, Number.POSITIVE_INFINITY, '1745216425', {}, 1e20])(
    'gives undefined for %s',
    (value) => {
      expect(fromUnixSeconds(value)).toBeUndefined()
      expect(fromEpochMillis(value)).toBeUndefined()
      if (typeof value !== 'number') expect(fromIsoString(value)).toBeUndefined()
    },
  )
})

describe('path', () => {
  it('encodes each value as one segment', () => {
    expect(path`/task/${'a/b?c#d e'}/stop`).toBe('/task/a%2Fb%3Fc%23d%20e/stop')
    expect(path`/workflow/${42}`).toBe('/workflow/42')
    expect(path`/plain`).toBe('/plain')
  })

  it.each(['', '  ', '.', '..'])('refuses %j', (value) => {
    expect(() => encodePathSegment(value)).toThrow(InvalidArgumentError)
  })

  it('keeps dots that are not a whole segment', () => {
    expect(path`/t/${'..x'}`).toBe('/t/..x')
    expect(path`/t/${'../x'}`).toBe('/t/..%2Fx')
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('0.5', now)).toBe(500)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0)
  })

  it.each([null, undefined, '', 'later'])('gives undefined for %j', (value) => {
    expect(parseRetryAfter(value)).toBeUndefined()
  })
})

describe('loadSetting', () => {
  it('prefers the option over the environment', () => {
    vi.stubEnv('ACME_API_KEY', 'from-env')
    expect(loadSetting({ value: 'from-option', envVar: 'ACME_API_KEY', optionName: 'apiKey', provider: 'acme' })).toBe(
      'from-option',
    )
    expect(loadSetting({ value: undefined, envVar: 'ACME_API_KEY', optionName: 'apiKey', provider: 'acme' })).toBe(
      'from-env',
    )
  })

  it('names the option and the variable when neither is set', () => {
    vi.stubEnv('ACME_API_KEY', '   ')
    let error: unknown
    try {
      loadSetting({ value: '', envVar: 'ACME_API_KEY', optionName: 'apiKey', provider: 'acme' })
    } catch (caught) {
      error = caught
    }
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect((error as Error).message).toBe(
      '[acme] Missing required option `apiKey`: pass it to the adapter or set the ACME_API_KEY environment variable',
    )
    expect(loadOptionalSetting({ value: undefined, envVar: 'ACME_API_KEY' })).toBeUndefined()
  })
})

describe('createStatusMapper', () => {
  const toStatus = createStatusMapper({ queued: 'pending', done: 'completed' })

  it('maps known statuses and falls back to unknown', () => {
    expect(toStatus('queued')).toBe('pending')
    expect(toStatus('done')).toBe('completed')
    expect(toStatus('DONE')).toBe('unknown')
    expect(toStatus('')).toBe('unknown')
  })

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'does not reach Object.prototype for %s',
    (status) => {
      expect(toStatus(status)).toBe('unknown')
    },
  )

  it('lists the provider statuses behind normalised ones, in table order', () => {
    const mapper = createStatusMapper({ ready: 'pending', queued: 'pending', running: 'running', done: 'completed' })
    expect(mapper.providerStatusesFor('pending')).toEqual(['ready', 'queued'])
    expect(mapper.providerStatusesFor(['completed', 'running'])).toEqual(['running', 'done'])
    expect(mapper.providerStatusesFor('timed_out')).toEqual([])
  })

  it('exposes a frozen copy of its table', () => {
    expect(toStatus.table).toEqual({ queued: 'pending', done: 'completed' })
    expect(Object.isFrozen(toStatus.table)).toBe(true)
  })
})

describe('resolveRoute', () => {
  it('resolves the method and encodes each parameter as one segment', () => {
    expect(resolveRoute('POST /task/{id}/stop', { id: 'a/b?c' })).toEqual({
      method: 'POST',
      path: '/task/a%2Fb%3Fc/stop',
    })
    expect(resolveRoute('GET /tasks')).toEqual({ method: 'GET', path: '/tasks' })
    expect(resolveRoute('PUT /api/workflow/{workflowId}/pause', { workflowId: 42 }).path).toBe('/api/workflow/42/pause')
  })

  it.each(['GET', '/task/{id}', 'FETCH /task', 'get /task', 'GET task/{id}'])('refuses the template %j', (template) => {
    expect(() => resolveRoute(template, { id: 'x' })).toThrow(InvalidArgumentError)
  })

  it('refuses a missing or unsafe parameter', () => {
    expect(() => resolveRoute('GET /task/{id}', {})).toThrow('needs a value for {id}')
    expect(() => resolveRoute('GET /task/{id}', { id: '..' })).toThrow(InvalidArgumentError)
  })
})

describe('compact', () => {
  it('drops undefined and null values, keeping falsy ones', () => {
    expect(compact({ a: undefined, b: null, c: 0, d: '', e: false, f: [] })).toEqual({ c: 0, d: '', e: false, f: [] })
  })
})

describe('matchesListQuery', () => {
  const task = {
    id: 't',
    adapter: 'p',
    provider: 'p',
    status: 'running',
    providerStatus: 'r',
    createdAt: new Date(1000),
    metadata: {},
    raw: {},
  } as const

  it('filters on status and creation time', () => {
    expect(matchesListQuery(task, {})).toBe(true)
    expect(matchesListQuery(task, { status: 'running' })).toBe(true)
    expect(matchesListQuery(task, { status: ['paused', 'completed'] })).toBe(false)
    expect(matchesListQuery(task, { createdAfter: new Date(1000) })).toBe(true)
    expect(matchesListQuery(task, { createdAfter: new Date(1001) })).toBe(false)
    expect(matchesListQuery(task, { createdBefore: new Date(1000) })).toBe(false)
    expect(matchesListQuery(task, { createdBefore: new Date(1001) })).toBe(true)
  })

  it('lets a task without a creation time through only when no time filter is set', () => {
    const undated = { ...task, createdAt: undefined }
    expect(matchesListQuery(undated, { status: 'running' })).toBe(true)
    expect(matchesListQuery(undated, { createdAfter: new Date(0) })).toBe(false)
  })
})

describe('lazySetting', () => {
  it('reads the setting when called, not when created', () => {
    const read = lazySetting({ value: undefined, envVar: 'ACME_LAZY_KEY', optionName: 'apiKey', provider: 'acme' })
    vi.stubEnv('ACME_LAZY_KEY', 'later')
    expect(read()).toBe('later')
  })
})

describe('createPagingGuard', () => {
  // Reads pages from a server function until the guard ends the listing.
  function listAll(serve: (page: number) => { ids: string[]; total?: number; totalPages?: number }, maxPages = 50) {
    const paging = createPagingGuard()
    const listed: string[] = []
    for (let page = 1; page <= maxPages; page += 1) {
      const { ids, ...totals } = serve(page)
      if (paging.isRepeat(ids)) return { listed, pages: page }
      for (const id of ids) if (!paging.hasSeen(id)) listed.push(id)
      if (paging.isLast({ ids, page, ...totals })) return { listed, pages: page }
    }
    throw new Error('the listing did not end')
  }
  const items = Array.from({ length: 7 }, (_, index) => `t${index}`)
  const pageOf = (page: number, size: number) => items.slice((page - 1) * size, page * size)

  it('ends at the total, the page count, or on an empty page', () => {
    expect(listAll((page) => ({ ids: pageOf(page, 3), total: 7 }))).toEqual({ listed: items, pages: 3 })
    expect(listAll((page) => ({ ids: pageOf(page, 3), totalPages: 3 }))).toEqual({ listed: items, pages: 3 })
    expect(listAll((page) => ({ ids: pageOf(page, 7), total: 99 }))).toEqual({ listed: items, pages: 2 })
  })

  it('reads on past a short page when the server gives no totals, up to an empty one', () => {
    // A server that filters after paging gives short pages in the middle.
    const filtered = [['t0', 't1'], ['t2'], ['t3', 't4'], []]
    expect(listAll((page) => ({ ids: filtered[page - 1] ?? [] }))).toEqual({
      listed: ['t0', 't1', 't2', 't3', 't4'],
      pages: 4,
    })
  })

  it('ends, listing nothing twice, when the server ignores the page parameter', () => {
    expect(listAll(() => ({ ids: pageOf(1, 3) }))).toEqual({ listed: pageOf(1, 3), pages: 2 })
    expect(listAll(() => ({ ids: pageOf(1, 3), total: 7 }))).toEqual({ listed: pageOf(1, 3), pages: 2 })
    // Pages that alternate, or shift as new items arrive first, still run out of new ids.
    expect(listAll((page) => ({ ids: page % 2 ? ['a', 'b'] : ['c', 'd'] }))).toEqual({
      listed: ['a', 'b', 'c', 'd'],
      pages: 3,
    })
    expect(listAll((page) => ({ ids: page === 1 ? ['a', 'b', 'c'] : ['n', 'a', 'b'] }))).toEqual({
      listed: ['a', 'b', 'c', 'n'],
      pages: 3,
    })
  })
})

describe('listPages', () => {
  const task = (id: string): Task => ({
    id,
    adapter: 'acme',
    provider: 'acme',
    status: 'running',
    providerStatus: 'working',
    metadata: {},
    raw: { id },
  })

  it('reads a page only when the one before is consumed, telling it how many tasks arrived', async () => {
    const reads: [number, number][] = []
    const pages = [['a', 'b'], ['c'], []]
    const listing = listPages(async (page, received) => {
      reads.push([page, received])
      return { tasks: (pages[page - 1] ?? []).map(task) }
    })
    const first = await listing.next()
    expect(first.value).toMatchObject({ id: 'a' })
    expect(reads).toEqual([[1, 0]])
    const rest: string[] = []
    for await (const item of listing) rest.push(item.id)
    expect(rest).toEqual(['b', 'c'])
    expect(reads).toEqual([
      [1, 0],
      [2, 2],
      [3, 3],
    ])
  })

  it('ends on a page with nothing new and lists no task twice', async () => {
    let reads = 0
    const ids: string[] = []
    for await (const item of listPages(async (page) => {
      reads += 1
      return { tasks: (page === 1 ? ['a', 'b'] : ['b', 'c', 'a']).map(task) }
    })) {
      ids.push(item.id)
    }
    expect(ids).toEqual(['a', 'b', 'c'])
    expect(reads).toBe(3)
  })
})

describe('secretsMatch', () => {
  it('is true only for the same text', async () => {
    expect(await secretsMatch('token-1', 'token-1')).toBe(true)
    expect(await secretsMatch('token-2', 'token-1')).toBe(false)
    expect(await secretsMatch('token-1 ', 'token-1')).toBe(false)
    expect(await secretsMatch('', 'token-1')).toBe(false)
    expect(await secretsMatch('tökén', 'tökén')).toBe(true)
  })

  it('never matches a missing header', async () => {
    expect(await secretsMatch(null, '')).toBe(false)
    expect(await secretsMatch(undefined, 'token')).toBe(false)
  })
})

describe('retryDelayOf', () => {
  const now = Date.UTC(2026, 11, 1, 12, 0, 0)
  const at = (headers: Record<string, string>) => retryDelayOf(new Headers(headers), now)

  it('prefers Retry-After, in seconds or as an HTTP date', () => {
    expect(at({ 'retry-after': '5', 'ratelimit-reset': '60' })).toBe(5000)
    expect(at({ 'retry-after': new Date(now + 7000).toUTCString() })).toBe(7000)
  })

  it('reads the rate-limit headers in order, as delay seconds or epoch seconds of the reset', () => {
    expect(at({ 'ratelimit-reset': '30', 'x-ratelimit-reset': '90' })).toBe(30_000)
    expect(at({ 'ratelimit-reset': String(now / 1000 + 12) })).toBe(12_000)
    expect(at({ 'x-ratelimit-retry-after': '4' })).toBe(4000)
    expect(at({ 'x-ratelimit-reset': String(now / 1000 + 3) })).toBe(3000)
    expect(at({ 'x-rate-limit-reset': '2' })).toBe(2000)
  })

  it('says nothing for no header, a malformed one, or a reset already past (then 0)', () => {
    expect(at({})).toBeUndefined()
    expect(at({ 'ratelimit-reset': 'soon' })).toBeUndefined()
    expect(at({ 'ratelimit-reset': '1.5' })).toBeUndefined()
    expect(at({ 'x-ratelimit-reset': String(now / 1000 - 10) })).toBe(0)
  })
})
