import { readFileSync } from 'node:fs'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  AuthenticationError,
  InvalidArgumentError,
  InvalidPayloadError,
  MAX_ERROR_BODY_LENGTH,
  ProviderApiError,
  ProviderConnectionError,
  RateLimitError,
  TASKBRIDGE_ERROR_CODES,
  TaskbridgeError,
  type TaskbridgeErrorName,
  type TaskbridgeErrorOptions,
  TaskNotFoundError,
  TaskNotWaitingError,
  TimeoutError,
  UnsupportedOperationError,
} from '../src/index.js'
import { makeTask } from './support.js'

interface ErrorClass {
  new (options: TaskbridgeErrorOptions): TaskbridgeError
  is(error: unknown): boolean
}

const errorClasses: [name: TaskbridgeErrorName, ErrorClass][] = [
  ['InvalidArgumentError', InvalidArgumentError],
  ['AuthenticationError', AuthenticationError],
  ['TaskNotFoundError', TaskNotFoundError],
  ['RateLimitError', RateLimitError],
  ['ProviderApiError', ProviderApiError],
  ['ProviderConnectionError', ProviderConnectionError],
  ['TimeoutError', TimeoutError],
  ['InvalidPayloadError', InvalidPayloadError],
  ['UnsupportedOperationError', UnsupportedOperationError],
  ['TaskNotWaitingError', TaskNotWaitingError],
]

describe.each(errorClasses)('%s', (name, ErrorClass) => {
  const error = new ErrorClass({ provider: 'wexa', message: 'it went wrong' })

  it('is an Error and a TaskbridgeError', () => {
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(TaskbridgeError)
    expect(error).toBeInstanceOf(ErrorClass)
  })

  it('is recognised by its own is() and TaskbridgeError.is(), and by no other class', () => {
    expect(ErrorClass.is(error)).toBe(true)
    expect(TaskbridgeError.is(error)).toBe(true)
    for (const [otherName, Other] of errorClasses) {
      if (otherName !== name) expect(Other.is(error), `${otherName}.is`).toBe(false)
    }
  })

  it('is named after its class, in name and stack', () => {
    expect(error.name).toBe(name)
    expect(error.stack?.startsWith(`${name}: [wexa] it went wrong`)).toBe(true)
    expect(String(error)).toBe(`${name}: [wexa] it went wrong`)
  })

  it('has the stable code of its class, shown by util.inspect as Node errors show theirs', () => {
    expect(error.code).toBe(TASKBRIDGE_ERROR_CODES[name])
    expect(inspect(error)).toContain(`code: '${TASKBRIDGE_ERROR_CODES[name]}'`)
  })
})

describe('TASKBRIDGE_ERROR_CODES', () => {
  it('holds these codes, which do not change between releases', () => {
    expect(TASKBRIDGE_ERROR_CODES).toStrictEqual({
      TaskbridgeError: 'ERR_TASKBRIDGE',
      InvalidArgumentError: 'ERR_TASKBRIDGE_INVALID_ARGUMENT',
      AuthenticationError: 'ERR_TASKBRIDGE_AUTHENTICATION',
      TaskNotFoundError: 'ERR_TASKBRIDGE_NOT_FOUND',
      RateLimitError: 'ERR_TASKBRIDGE_RATE_LIMITED',
      ProviderApiError: 'ERR_TASKBRIDGE_PROVIDER_API',
      ProviderConnectionError: 'ERR_TASKBRIDGE_CONNECTION',
      TimeoutError: 'ERR_TASKBRIDGE_TIMEOUT',
      InvalidPayloadError: 'ERR_TASKBRIDGE_INVALID_PAYLOAD',
      UnsupportedOperationError: 'ERR_TASKBRIDGE_UNSUPPORTED_OPERATION',
      TaskNotWaitingError: 'ERR_TASKBRIDGE_NOT_WAITING',
    })
  })

  it('gives every class a code of its own', () => {
    const codes = Object.values(TASKBRIDGE_ERROR_CODES)
    expect(new Set(codes).size).toBe(codes.length)
    expect(Object.keys(TASKBRIDGE_ERROR_CODES).sort()).toEqual(
      [...errorClasses.map(([name]) => name), 'TaskbridgeError'].sort(),
    )
  })

  it('is the codes table of the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const rows = [...readme.matchAll(/^\| `(\w+)` \| `(ERR_\w+)` \|/gm)].map(([, name, code]) => [name, code])
    expect(Object.fromEntries(rows)).toStrictEqual(TASKBRIDGE_ERROR_CODES)
  })

  it('gives the base class thrown as itself its own name and code', () => {
    const error = new TaskbridgeError({ message: 'm' })
    expect(error.name).toBe('TaskbridgeError')
    expect(error.code).toBe('ERR_TASKBRIDGE')
  })
})

describe('TaskbridgeError', () => {
  it('is not recognised in plain errors or non-objects', () => {
    expect(TaskbridgeError.is(new Error('plain'))).toBe(false)
    expect(TaskbridgeError.is({ name: 'TaskbridgeError', message: 'lookalike' })).toBe(false)
    expect(TaskbridgeError.is(null)).toBe(false)
    expect(TaskbridgeError.is('TaskbridgeError')).toBe(false)
  })

  it('recognises an error from another copy of the package by its Symbol.for brand', () => {
    const fromOtherCopy = {}
    Object.defineProperty(fromOtherCopy, Symbol.for('taskbridge.error.TaskNotFoundError'), { value: true })

    expect(TaskNotFoundError.is(fromOtherCopy)).toBe(true)
    expect(RateLimitError.is(fromOtherCopy)).toBe(false)
  })

  it('prefixes the message with the provider, when there is one', () => {
    expect(new TaskNotFoundError({ provider: 'orkes', message: 'no such task' }).message).toBe('[orkes] no such task')
    expect(new TaskNotFoundError({ message: 'no such task' }).message).toBe('no such task')
  })

  it.each([
    ['RateLimitError', true, new RateLimitError({ message: 'm' })],
    ['ProviderConnectionError', true, new ProviderConnectionError({ message: 'm' })],
    ['ProviderApiError 500', true, new ProviderApiError({ message: 'm', status: 500 })],
    ['ProviderApiError 503', true, new ProviderApiError({ message: 'm', status: 503 })],
    ['ProviderApiError 408', true, new ProviderApiError({ message: 'm', status: 408 })],
    ['ProviderApiError 400', false, new ProviderApiError({ message: 'm', status: 400 })],
    ['ProviderApiError 404', false, new ProviderApiError({ message: 'm', status: 404 })],
    ['ProviderApiError without status', false, new ProviderApiError({ message: 'm' })],
    ['AuthenticationError', false, new AuthenticationError({ message: 'm', status: 503 })],
    ['TaskNotFoundError', false, new TaskNotFoundError({ message: 'm' })],
    ['TimeoutError', false, new TimeoutError({ message: 'm' })],
    ['InvalidArgumentError', false, new InvalidArgumentError({ message: 'm' })],
    ['InvalidPayloadError', false, new InvalidPayloadError({ message: 'm' })],
    ['UnsupportedOperationError', false, new UnsupportedOperationError({ message: 'm' })],
    ['TaskNotWaitingError', false, new TaskNotWaitingError({ message: 'm' })],
    ['TaskbridgeError', false, new TaskbridgeError({ message: 'm' })],
  ])('%s: retryable is %s by default', (_, retryable, error) => {
    expect(error.retryable).toBe(retryable)
  })

  it.each([
    ['RateLimitError', false, new RateLimitError({ message: 'm', retryable: false })],
    ['ProviderConnectionError', false, new ProviderConnectionError({ message: 'm', retryable: false })],
    ['ProviderApiError 503', false, new ProviderApiError({ message: 'm', status: 503, retryable: false })],
    ['ProviderApiError 400', true, new ProviderApiError({ message: 'm', status: 400, retryable: true })],
    ['TaskNotFoundError', true, new TaskNotFoundError({ message: 'm', retryable: true })],
  ])('%s: an explicit retryable: %s wins', (_, retryable, error) => {
    expect(error.retryable).toBe(retryable)
  })

  it('keeps a response body up to MAX_ERROR_BODY_LENGTH as it is', () => {
    const body = 'b'.repeat(MAX_ERROR_BODY_LENGTH)

    expect(new ProviderApiError({ message: 'm', responseBody: body }).responseBody).toBe(body)
  })

  it('truncates a longer response body and says how much was cut', () => {
    const body = `${'a'.repeat(MAX_ERROR_BODY_LENGTH)}${'z'.repeat(100)}`

    const { responseBody } = new ProviderApiError({ message: 'm', responseBody: body })

    expect(responseBody?.startsWith('a'.repeat(MAX_ERROR_BODY_LENGTH))).toBe(true)
    expect(responseBody).not.toContain('z')
    expect(responseBody).toContain('100 more characters')
  })
})

describe('TaskbridgeError redaction', () => {
  const secret = 'sk-live-0123456789abcdef'

  function errorWithSecret(): ProviderApiError {
    return new ProviderApiError({
      provider: 'xpander',
      message: `GET failed with key ${secret}`,
      method: 'GET',
      url: `https://api.example.com/v1/${secret}/tasks?q=${secret}`,
      status: 500,
      responseBody: `{"detail":"bad key ${secret}"}`,
      secrets: [secret],
      cause: new Error('socket hang up'),
    })
  }

  it('removes a known secret from the message, url and body, keeping the rest', () => {
    const error = errorWithSecret()

    expect(error.message).toBe('[xpander] GET failed with key [REDACTED]')
    expect(error.url).toBe('https://api.example.com/v1/[REDACTED]/tasks?q=[REDACTED]')
    expect(error.responseBody).toBe('{"detail":"bad key [REDACTED]"}')
  })

  it('never shows a known secret when printed, serialised or inspected', () => {
    const error = errorWithSecret()

    for (const output of [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), error.stack ?? '']) {
      expect(output).toContain('xpander')
      expect(output).not.toContain(secret)
    }
    expect(JSON.stringify(error)).not.toContain('secrets')
  })

  it('removes a known secret with URL-special characters, raw or percent-encoded', () => {
    const base64Secret = 'dG9r/ZW4+c2VjcmV0=='

    const { url } = new ProviderApiError({
      message: 'm',
      url: `https://api.example.com/v1/tasks?token=abc&project=${base64Secret}`,
      secrets: [base64Secret],
    })

    expect(url).not.toContain(base64Secret)
    expect(url).not.toContain(encodeURIComponent(base64Secret))
    expect(url).not.toContain('dG9r')
  })

  it('redacts a body before truncating it, so no part of a secret at the cut is kept', () => {
    const body = `${'a'.repeat(MAX_ERROR_BODY_LENGTH - 8)}${secret}${'z'.repeat(100)}`

    const { responseBody } = new ProviderApiError({ message: 'm', responseBody: body, secrets: [secret] })

    expect(responseBody).not.toContain(secret.slice(0, 8))
    expect(responseBody).toContain('more characters')
  })

  it('removes credential query parameters and user info even without secrets', () => {
    const error = new ProviderApiError({
      message: 'm',
      url: 'https://alice:hunter22@api.example.com/v1/tasks?api_key=abc123&token=tok456&page=2',
    })

    const url = new URL(error.url ?? '')
    expect(url.username).toBe('')
    expect(url.password).toBe('')
    expect(url.searchParams.get('api_key')).toBe('[REDACTED]')
    expect(url.searchParams.get('token')).toBe('[REDACTED]')
    expect(url.searchParams.get('page')).toBe('2')
    for (const credential of ['alice', 'hunter22', 'abc123', 'tok456']) expect(error.url).not.toContain(credential)
  })
})

describe('TaskbridgeError causes and fields', () => {
  const secret = 'tok-0123456789abcdef'

  it('takes secrets out of a cause, its stack and its own cause', () => {
    const inner = Object.assign(new Error(`connect to proxy with ${secret}`), { code: 'ECONNRESET' })
    const error = new ProviderConnectionError({
      provider: 'orkes',
      message: 'failed',
      secrets: [secret],
      cause: new TypeError(`fetch failed for ${secret}`, { cause: inner }),
    })

    for (const shown of [JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
      expect(shown).not.toContain(secret)
    }
    expect(error.cause).toBeInstanceOf(Error)
    expect((error.cause as Error).name).toBe('TypeError')
    expect(((error.cause as Error).cause as { code?: string }).code).toBe('ECONNRESET')
  })

  it('replaces a foreign cause that holds a secret in a field of its own by a plain copy', () => {
    // As an HTTP library's error that keeps the request it failed on.
    const cause = Object.assign(new Error('socket hang up'), {
      code: 'ECONNRESET',
      request: { headers: { authorization: `Bearer ${secret}` } },
    })
    const error = new ProviderConnectionError({ message: 'x', secrets: [secret], cause })
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(secret)
    expect(error.cause).toMatchObject({ name: 'Error', message: 'socket hang up', code: 'ECONNRESET' })
    expect(error.cause).not.toHaveProperty('request')
  })

  it('keeps the cause itself when there are no secrets, or when it is a taskbridge error', () => {
    const cause = new Error('socket hang up')
    expect(new ProviderConnectionError({ message: 'x', cause }).cause).toBe(cause)
    const taskbridgeCause = new ProviderConnectionError({ message: 'inner', secrets: [secret] })
    expect(new ProviderConnectionError({ message: 'x', secrets: [secret], cause: taskbridgeCause }).cause).toBe(
      taskbridgeCause,
    )
  })

  it('has no own properties for options that were not given', () => {
    const error = new TaskNotFoundError({ message: 'gone' })
    expect(Object.keys(error)).toEqual(['retryable', 'code'])
    expect(Object.hasOwn(error, 'cause')).toBe(false)
    expect(inspect(error)).not.toContain('undefined')
  })
})

describe('TaskbridgeError.toJSON', () => {
  const request = { provider: 'orkes', method: 'GET', url: 'https://orkes.example.com/api/tasks/t1', status: 429 }
  const requestJson = { ...request, retryable: true }

  it.each([
    [
      'RateLimitError',
      new RateLimitError({ ...request, message: 'request failed', retryAfterMs: 7000 }),
      { retryAfterMs: 7000 },
    ],
    [
      'TaskNotFoundError',
      new TaskNotFoundError({ ...request, message: 'request failed', retryable: true, taskId: 't1' }),
      { taskId: 't1' },
    ],
    [
      'UnsupportedOperationError',
      new UnsupportedOperationError({ ...request, message: 'request failed', retryable: true, operation: 'pauseTask' }),
      { operation: 'pauseTask' },
    ],
    [
      'TaskNotWaitingError',
      new TaskNotWaitingError({
        ...request,
        message: 'request failed',
        retryable: true,
        taskId: 't1',
        taskStatus: 'completed',
      }),
      { taskId: 't1', taskStatus: 'completed' },
    ],
    [
      'InvalidPayloadError',
      new InvalidPayloadError({
        ...request,
        message: 'request failed',
        retryable: true,
        raw: { status: 42 },
        issues: [{ path: ['status'], message: 'Expected string', code: 'invalid_type' }],
      }),
      { raw: { status: 42 }, issues: [{ path: ['status'], message: 'Expected string', code: 'invalid_type' }] },
    ],
    [
      'TimeoutError',
      new TimeoutError({
        ...request,
        message: 'request failed',
        retryable: true,
        timeoutMs: 500,
        lastTask: makeTask(),
      }),
      { timeoutMs: 500, lastTask: makeTask() },
    ],
    [
      'InvalidArgumentError',
      new InvalidArgumentError({ ...request, message: 'request failed', retryable: true, argument: 'id' }),
      { argument: 'id' },
    ],
  ])('%s: has its name, code, the request fields and its own fields', (name, error, ownFields) => {
    expect(error.toJSON()).toEqual({
      name,
      code: TASKBRIDGE_ERROR_CODES[error.name],
      message: '[orkes] request failed',
      ...requestJson,
      ...ownFields,
    })
  })

  it('reduces the cause to its name and message', () => {
    const cause = new TypeError('fetch failed')

    const json = new ProviderConnectionError({ provider: 'wexa', message: 'm', cause }).toJSON()

    expect(json.cause).toStrictEqual({ name: 'TypeError', message: 'fetch failed' })
    expect(json).not.toHaveProperty('stack')
    expect(JSON.parse(JSON.stringify(new ProviderConnectionError({ message: 'm', cause }))).cause).toEqual({
      name: 'TypeError',
      message: 'fetch failed',
    })
  })

  it('leaves cause out when there is none', () => {
    expect(new ProviderConnectionError({ message: 'm' }).toJSON()).not.toHaveProperty('cause')
  })
})

describe('InvalidPayloadError', () => {
  it('has no issues by default', () => {
    const error = new InvalidPayloadError({ message: 'not JSON', raw: '<html>' })

    expect(error.issues).toEqual([])
    expect(error.raw).toBe('<html>')
  })
})
