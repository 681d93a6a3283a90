import {
  AuthenticationError,
  type CallOptions,
  InvalidArgumentError,
  InvalidPayloadError,
  isSensitiveName,
  ProviderApiError,
  ProviderConnectionError,
  RateLimitError,
  redactText,
  TaskNotFoundError,
  TimeoutError,
} from '@taskbridge/core'
import type { KyInstance, Options as KyOptions } from 'ky'
import type { Auth } from './auth.js'
import { parseJson } from './payload.js'
import { describeRootCause, rootCauseOf, withUrlForms } from './root-cause.js'

/** The HTTP methods adapters use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Retry behaviour of a client. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  limit?: number
  /** Methods retried without asking. Default `['GET']`: pause, resume and cancel are never repeated unless a request opts in. */
  methods?: readonly HttpMethod[]
  /** The longest `Retry-After` waited out; a longer one surfaces as a `RateLimitError` at once. Default 60 s. */
  maxRetryAfterMs?: number
  /** The longest wait between two attempts. Default 10 s. */
  backoffLimitMs?: number
}

/** What a response's status and body say, for {@link HttpClientOptions.errors}. */
export interface ErrorContext {
  status: number
  /** The response body, parsed when it was JSON, else the text (or `undefined` when empty). */
  body: unknown
}

/** How a provider reports errors. */
export interface ErrorMapping {
  /** The provider's message in an error body. Default: a string `detail`, `message` or `error` field, or `error.message`. */
  message?: (body: unknown) => string | undefined
  /**
   * Whether a response means "no such task". Default: status 404. Also asked
   * for 2xx responses, for servers that answer an unknown id with 204.
   */
  isNotFound?: (context: ErrorContext) => boolean
}

/**
 * The HTTP options every adapter factory takes and passes through to
 * {@link createHttpClient}, so users configure every adapter the same way.
 */
export interface AdapterHttpOptions {
  /** Headers for every request, over the defaults and the auth headers. */
  headers?: Record<string, string | undefined>
  /** A fetch implementation, for proxies, tracing or other runtimes. Default: the global fetch. */
  fetch?: typeof globalThis.fetch
  /** The time limit of one attempt. Default 30 s. */
  timeoutMs?: number
  /** Retry settings, or `false` for none. */
  retry?: RetryOptions | false
  /** Allow `http://` to hosts other than loopback. Default false: credentials would travel in clear text. */
  allowInsecureHttp?: boolean
  /** Larger response bodies are refused with an `InvalidPayloadError`. Default 10 MiB. */
  maxResponseBytes?: number
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions extends AdapterHttpOptions {
  /** The adapter's provider name, put on every error. */
  provider: string
  /** The base URL that request paths are appended to; a function is read at request time. */
  baseUrl: string | (() => string)
  /** Credentials for every request. */
  auth?: Auth
  /** How the provider reports errors. */
  errors?: ErrorMapping
}

/** Options of one request. */
export interface RequestOptions extends CallOptions {
  method?: HttpMethod
  /** Query parameters; `undefined` values are left out, arrays repeat the name. */
  query?: Record<string, string | number | boolean | undefined | readonly (string | number)[]>
  /** A JSON request body. */
  json?: unknown
  /** Retry this request even though its method is not retried by default (only for idempotent operations). */
  retry?: boolean
  /** The task this request is about, for `TaskNotFoundError`. */
  taskId?: string
  /** Overrides the client's {@link ErrorMapping.isNotFound} for this request. */
  isNotFound?: (context: ErrorContext) => boolean
  /** Values this request carries outside its headers (a key secret in the body), to redact from errors. */
  secrets?: readonly string[]
  /** `text` for an endpoint that answers plain text (an id, say): the body is then `undefined` and `text` holds it. Default `json`. */
  responseType?: 'json' | 'text'
}

/** A successful response. */
export interface HttpResponse {
  status: number
  /** The request's method and URL, for errors raised while reading the answer. */
  method: HttpMethod
  url: string
  headers: Headers
  /** The body as text, any echoed secret redacted; empty for 204. */
  text: string
  /** The body parsed as JSON; `undefined` when it was empty. */
  body: unknown
}

/** An HTTP client bound to one provider, with its auth, retries and error mapping. */
export interface HttpClient {
  /**
   * Sends a request and returns the parsed response. Every failure is a
   * taskbridge error: `AuthenticationError` (401/403), `TaskNotFoundError`,
   * `RateLimitError` (429), `ProviderApiError` (other statuses),
   * `ProviderConnectionError`, `TimeoutError` or `InvalidPayloadError` (a
   * body that is not JSON or is too large). An abort rejects with the
   * signal's reason.
   */
  request(path: string, options?: RequestOptions): Promise<HttpResponse>
}

/** What one request sent, so a 401 can tell the auth which credentials were refused. */
interface Attempt {
  sentAuth?: Record<string, string>
}

const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1'])
const IPV4_LOOPBACK = /^127(\.\d{1,3}){3}$/
/** Settles with `promise`, or rejects with the signal's reason once it aborts: credentials that ignore the signal must not hold a call past its limit. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(signal.reason)
  let onAbort: () => void = () => {}
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
  })
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort))
}

/** The largest delay `setTimeout` (and so ky) accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1
const NO_RETRY = { limit: 0 } as const
const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504]

// ky is imported on the first request, not with this module: loading ky
// probes `globalThis.Request`, which makes Node load its whole fetch
// implementation (undici), tens of milliseconds that importing an adapter
// should not cost. The first request needs undici anyway.
let kyModule: Promise<typeof import('ky')> | undefined
const loadKy = (): Promise<typeof import('ky')> => (kyModule ??= import('ky'))

/** `Retry-After` (delay seconds or an HTTP date) in milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function defaultErrorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() === '' ? undefined : body.slice(0, 500)
  if (typeof body !== 'object' || body === null) return undefined
  const record = body as Record<string, unknown>
  for (const key of ['detail', 'message', 'error', 'error_description']) {
    const value = record[key]
    if (typeof value === 'string' && value !== '') return value
    if (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string') {
      return (value as { message: string }).message
    }
  }
  if (Array.isArray(record.detail)) return JSON.stringify(record.detail).slice(0, 500)
  return undefined
}

function defaultIsNotFound(context: ErrorContext): boolean {
  return context.status === 404
}

function checkBaseUrl(provider: string, baseUrl: string, allowInsecureHttp: boolean): URL {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new InvalidArgumentError({
      provider,
      argument: 'baseUrl',
      message: baseUrl.includes('@') ? 'baseUrl is not a valid URL' : `baseUrl is not a valid URL: "${baseUrl}"`,
    })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidArgumentError({
      provider,
      argument: 'baseUrl',
      message: `baseUrl must use http or https, got ${url.protocol}`,
    })
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidArgumentError({
      provider,
      argument: 'baseUrl',
      message: 'baseUrl must not contain a user name or password: pass credentials through the adapter’s options',
    })
  }
  if (
    url.protocol === 'http:' &&
    !allowInsecureHttp &&
    !LOOPBACK_HOSTS.has(url.hostname) &&
    !IPV4_LOOPBACK.test(url.hostname)
  ) {
    throw new InvalidArgumentError({
      provider,
      argument: 'baseUrl',
      message: `Refusing plain http:// to ${url.hostname}: credentials would be sent unencrypted. Use https, or set allowInsecureHttp: true`,
    })
  }
  return url
}

function buildUrl(base: URL, path: string, query: RequestOptions['query']): URL {
  const url = new URL(base.href.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`))
  for (const name in query) {
    const value = query[name]
    if (value === undefined) continue
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, String(item))
    else url.searchParams.set(name, String(value))
  }
  return url
}

/**
 * Reads a body as text, counting bytes as they arrive: a body past `maxBytes`
 * (declared or not) is refused, and one that stalls past `timeoutMs` is
 * cancelled. ky's own timeout stops at the response headers.
 */
async function readText(
  response: Response,
  limits: { maxBytes: number; timeoutMs: number },
  fail: { tooLarge: (size: string) => Error; timedOut: () => Error },
): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (declared > limits.maxBytes) {
    await response.body?.cancel()
    throw fail.tooLarge(`${declared} bytes`)
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    reader.cancel().catch(() => {})
  }, limits.timeoutMs)
  try {
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (timedOut) throw fail.timedOut()
      if (done) break
      size += value.byteLength
      if (size > limits.maxBytes) {
        await reader.cancel()
        throw fail.tooLarge(`more than ${limits.maxBytes} bytes`)
      }
      chunks.push(value)
    }
    const decoder = new TextDecoder()
    return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode()
  } finally {
    clearTimeout(timer)
  }
}

function collectSecrets(headers: Record<string, string>, authHeaderNames: ReadonlySet<string>): string[] {
  const secrets: string[] = []
  for (const [name, value] of Object.entries(headers)) {
    if (authHeaderNames.has(name.toLowerCase()) || isSensitiveName(name)) {
      secrets.push(value)
      // A "Bearer <token>" value may show up without its scheme.
      const token = value.split(' ').at(-1)
      if (token && token !== value) secrets.push(token)
    }
  }
  return secrets
}

/** Values of sensitive-named query parameters (`?token=…`) and a URL password: a server may echo them back. */
function querySecrets(target: URL): string[] {
  // Names are matched loosely (`auth_type` counts), so short values such as
  // `user` are not taken for credentials: they would be redacted out of
  // every field name and id of the answer.
  const secrets = [...target.searchParams].flatMap(([name, value]) =>
    isSensitiveName(name) && value.length >= MIN_QUERY_SECRET_LENGTH ? [value] : [],
  )
  if (target.password) secrets.push(decodeURIComponent(target.password))
  return secrets
}

const MIN_QUERY_SECRET_LENGTH = 8

/** The error body as text and as data, with every secret taken out of both. */
function redactErrorBody(
  data: unknown,
  secrets: readonly string[],
): { body: unknown; responseBody: string | undefined } {
  if (data === undefined) return { body: undefined, responseBody: undefined }
  if (typeof data === 'string') {
    const redacted = redactText(data, inJsonText(secrets))
    return { body: redacted, responseBody: redacted }
  }
  const text = JSON.stringify(data)
  if (!mentionsSecret(text, secrets)) return { body: data, responseBody: text }
  const body = redactJsonStrings(data, secrets)
  return { body, responseBody: JSON.stringify(body) }
}

/** Each secret as JSON text may show it: as written, and with its `/` escaped as `\/`. */
function inJsonText(secrets: readonly string[]): string[] {
  return secrets.flatMap((secret) => (secret.includes('/') ? [secret, secret.replaceAll('/', '\\/')] : [secret]))
}

/** Whether a JSON text shows a secret, in either form. */
function mentionsSecret(text: string, secrets: readonly string[]): boolean {
  // redactText leaves secrets under 4 characters alone, so they never count.
  return inJsonText(secrets).some((secret) => secret.length >= 4 && text.includes(secret))
}

/**
 * A parsed JSON value with the secrets taken out of its strings (keys too).
 * Numbers are left alone: redacting the text instead would turn a secret
 * that is all digits inside `"total": 20251` into invalid JSON.
 */
function redactJsonStrings(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets)
  if (Array.isArray(value)) return value.map((item) => redactJsonStrings(item, secrets))
  if (value === null || typeof value !== 'object') return value
  const redacted: Record<string, unknown> = {}
  // Values come from parseJson, which drops `__proto__` keys.
  for (const [key, item] of Object.entries(value)) redacted[redactText(key, secrets)] = redactJsonStrings(item, secrets)
  return redacted
}

function mergeHeaders(...sources: (Record<string, string | undefined> | undefined)[]): Record<string, string> {
  const merged: Record<string, string> = {}
  for (const source of sources) {
    for (const [name, value] of Object.entries(source ?? {})) {
      const key = name.toLowerCase()
      if (value === undefined) delete merged[key]
      else merged[key] = value
    }
  }
  return merged
}

/**
 * Creates the HTTP client an adapter sends its requests through: one ky
 * instance with the base URL, auth, timeouts, retries that honour
 * `Retry-After` (GET only unless a request opts in), a response size cap, and
 * every failure mapped onto taskbridge's typed errors with credentials
 * redacted. ky's own errors never escape, since they carry the request
 * headers.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { provider, auth } = options
  const errors = options.errors ?? {}
  const errorMessage = errors.message ?? defaultErrorMessage
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
  const retry: RetryOptions = options.retry === false ? { limit: 0 } : (options.retry ?? {})
  const retryLimit = retry.limit ?? 2
  const retryMethods: ReadonlySet<HttpMethod> = new Set(retry.methods ?? ['GET'])
  const maxRetryAfterMs = retry.maxRetryAfterMs ?? 60_000
  const backoffLimitMs = retry.backoffLimitMs ?? 10_000
  for (const [name, value, max] of [
    ['timeoutMs', timeoutMs, MAX_TIMER_MS],
    ['maxResponseBytes', maxResponseBytes, Number.MAX_SAFE_INTEGER],
  ] as const) {
    if (!(Number.isFinite(value) && value > 0 && value <= max)) {
      throw new InvalidArgumentError({
        provider,
        argument: name,
        message: `${name} must be a positive number up to ${max}, got ${value}`,
      })
    }
  }
  if (!(Number.isInteger(retryLimit) && retryLimit >= 0)) {
    throw new InvalidArgumentError({
      provider,
      argument: 'retry.limit',
      message: `retry.limit must be a whole number ≥ 0, got ${retryLimit}`,
    })
  }

  let checkedBase: { raw: string; url: URL } | undefined

  const baseUrl = (): URL => {
    const raw = typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl
    if (checkedBase?.raw !== raw)
      checkedBase = { raw, url: checkBaseUrl(provider, raw, options.allowInsecureHttp ?? false) }
    return checkedBase.url
  }

  // Built once, on the first request (ky is loaded then): one ky instance
  // for requests that retry and one for those that do not, so no request
  // pays for merging and normalising its retry settings.
  let kyClients: { retrying: KyInstance; once: KyInstance; ky: typeof import('ky') } | undefined
  const loadClients = async () => {
    if (kyClients) return kyClients
    const ky = await loadKy()
    const once = ky.default.create({
      fetch: options.fetch,
      timeout: timeoutMs,
      throwHttpErrors: true,
      retry: NO_RETRY,
      parseJson: (text: string) => {
        const parsed = parseJson(text)
        return parsed.success ? parsed.value : text
      },
    })
    const retrying = once.extend({
      retry: {
        limit: retryLimit,
        // Which requests retry is decided per request below; ky only needs to allow the method.
        methods: ['get', 'post', 'put', 'patch', 'delete'],
        statusCodes: RETRY_STATUS_CODES,
        afterStatusCodes: [429, 503],
        maxRetryAfter: maxRetryAfterMs,
        backoffLimit: backoffLimitMs,
        jitter: (delay: number) => delay * (0.8 + Math.random() * 0.2),
        shouldRetry: ({ error }) => {
          if (!ky.isHTTPError(error)) return undefined
          const after = parseRetryAfter(error.response.headers.get('retry-after'))
          // A wait longer than we are willing to sit through is the caller's decision.
          return after !== undefined && after > maxRetryAfterMs ? false : undefined
        },
      },
    })
    kyClients = { retrying, once, ky }
    return kyClients
  }

  /** The auth headers; with a time limit, a token exchange that outlasts it fails with `timedOut()`. */
  async function authenticate(request: RequestOptions, limitMs: number | undefined, timedOut: () => Error) {
    if (!auth) return undefined
    const timer = limitMs === undefined ? undefined : AbortSignal.timeout(limitMs)
    const signals = [request.signal, timer].filter((signal) => signal !== undefined)
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0]
    try {
      return await untilAborted(Promise.resolve(auth.headers(signal)), signal)
    } catch (error) {
      if (!timer?.aborted || request.signal?.aborted) throw error
      throw timedOut()
    }
  }

  async function send(
    path: string,
    request: RequestOptions,
    attempt: Attempt,
    deadline: number | undefined,
  ): Promise<HttpResponse> {
    const method = request.method ?? 'GET'
    const target = buildUrl(baseUrl(), path, request.query)
    const url = target.href
    // A call's own limit replaces the client's and bounds the whole call: the
    // token exchange, every attempt, the body, a resend after 401. The
    // client's bounds each attempt and its body.
    const limitMs = request.timeoutMs ?? timeoutMs
    // Whole milliseconds: AbortSignal.timeout takes no fractions.
    const timeLeft = () => (deadline === undefined ? limitMs : Math.max(1, Math.ceil(deadline - Date.now())))
    const authTimedOut = () =>
      new TimeoutError({
        provider,
        method,
        url,
        secrets: querySecrets(target),
        timeoutMs: limitMs,
        retryable: true,
        message: `${method} ${target.pathname}: getting credentials timed out after ${limitMs} ms`,
      })
    const authHeaders =
      (await authenticate(request, deadline === undefined ? undefined : timeLeft(), authTimedOut)) ?? {}
    attempt.sentAuth = authHeaders
    const headers = mergeHeaders(
      { accept: 'application/json', 'user-agent': `taskbridge (${provider})` },
      authHeaders,
      options.headers,
      request.headers,
    )
    let secrets: string[] | undefined
    const requestSecrets = () =>
      (secrets ??= [
        ...collectSecrets(headers, new Set(Object.keys(authHeaders).map((name) => name.toLowerCase()))),
        ...querySecrets(target),
        ...(request.secrets ?? []),
      ])
    const base = () => ({ provider, method, url, secrets: requestSecrets() })
    const timedOut = () =>
      new TimeoutError({
        ...base(),
        timeoutMs: limitMs,
        retryable: true,
        message: `${label} timed out after ${limitMs} ms`,
      })
    const isNotFound = request.isNotFound ?? errors.isNotFound ?? defaultIsNotFound
    const label = `${method} ${target.pathname}`
    const retried = retryLimit > 0 && (request.retry === true || (request.retry !== false && retryMethods.has(method)))
    const tooLarge = (size: string) =>
      new InvalidPayloadError({
        ...base(),
        message: `${label}: the response body is too large (${size}; the limit is ${maxResponseBytes} bytes)`,
      })

    // Out of time already (a slow token exchange, a 401 resend): send nothing,
    // since a pause or cancel that reached the server would still take effect.
    if (deadline !== undefined && Date.now() >= deadline) throw timedOut()
    const clients = kyClients ?? (await loadClients())
    const { isHTTPError, isNetworkError, isTimeoutError } = clients.ky
    // Only the options this request has: ky merges every option it is given.
    const kyOptions: KyOptions = { method, headers }
    if (request.json !== undefined) kyOptions.json = request.json
    if (request.signal) kyOptions.signal = request.signal
    if (deadline !== undefined) {
      kyOptions.timeout = timeLeft()
      kyOptions.totalTimeout = timeLeft()
    }
    let response: Response
    try {
      response = await (retried ? clients.retrying : clients.once)(url, kyOptions)
    } catch (error) {
      if (request.signal?.aborted && !isTimeoutError(error)) throw request.signal.reason
      if (isHTTPError(error)) {
        const status = error.response.status
        const { body, responseBody } = redactErrorBody(error.data, base().secrets)
        const detail = errorMessage(body)
        const details = {
          ...base(),
          status,
          responseBody,
          message: `${label} answered ${status}${error.response.statusText ? ` ${error.response.statusText}` : ''}${detail ? `: ${detail}` : ''}`,
        }
        if (isNotFound({ status, body })) throw new TaskNotFoundError({ ...details, taskId: request.taskId })
        if (status === 401 || status === 403) throw new AuthenticationError(details)
        if (status === 429) {
          const retryAfterMs = parseRetryAfter(error.response.headers.get('retry-after'))
          throw new RateLimitError({ ...details, retryAfterMs })
        }
        throw new ProviderApiError({ ...details, data: typeof body === 'object' ? body : undefined })
      }
      if (isTimeoutError(error)) throw timedOut()
      // A custom fetch may fail in its own way; a system error code says the network did.
      const root = rootCauseOf(error)
      if (isNetworkError(error) || error instanceof TypeError || root.systemCode !== undefined) {
        throw new ProviderConnectionError({
          ...base(),
          // The root cause's text may quote the request URL, secrets percent-encoded.
          secrets: withUrlForms(requestSecrets()),
          systemCode: root.systemCode,
          message: `${label} failed before a response arrived${describeRootCause(root)}`,
          cause: (error as Error).cause ?? error,
        })
      }
      throw error
    }

    const received = await readText(
      response,
      { maxBytes: maxResponseBytes, timeoutMs: timeLeft() },
      { tooLarge, timedOut },
    ).catch((error: unknown) => {
      if (InvalidPayloadError.is(error) || TimeoutError.is(error)) throw error
      if (request.signal?.aborted) throw request.signal.reason
      const root = rootCauseOf(error)
      throw new ProviderConnectionError({
        ...base(),
        secrets: withUrlForms(requestSecrets()),
        systemCode: root.systemCode,
        message: `${label}: the connection broke while reading the response${describeRootCause(root)}`,
        cause: error,
      })
    })
    // A server that echoes a credential must not hand it on, through `raw` or anything else.
    const echoesSecret = mentionsSecret(received, requestSecrets())
    const text = echoesSecret ? redactText(received, inJsonText(requestSecrets())) : received
    let body: unknown
    if (received !== '' && request.responseType !== 'text') {
      const parsed = parseJson(received)
      if (!parsed.success) {
        throw new InvalidPayloadError({
          ...base(),
          status: response.status,
          responseBody: text,
          raw: text,
          message: `${label} answered ${response.status} with a body that is not JSON: ${parsed.error.message}`,
          cause: parsed.error,
        })
      }
      body = echoesSecret ? redactJsonStrings(parsed.value, requestSecrets()) : parsed.value
    }
    if (isNotFound({ status: response.status, body })) {
      throw new TaskNotFoundError({
        ...base(),
        status: response.status,
        taskId: request.taskId,
        message: `${label} answered ${response.status}${text === '' ? ' with an empty body' : ''}: no such task`,
      })
    }
    return { status: response.status, headers: response.headers, text, body, method, url }
  }

  return {
    async request(path, request = {}) {
      const attempt: Attempt = {}
      const deadline = request.timeoutMs === undefined ? undefined : Date.now() + request.timeoutMs
      try {
        return await send(path, request, attempt, deadline)
      } catch (error) {
        // The token sent may have expired or been revoked: renew it once. Not
        // when getting the credentials failed (a refused token exchange).
        const rejected = attempt.sentAuth
        if (
          AuthenticationError.is(error) &&
          error.status === 401 &&
          rejected &&
          auth?.refresh &&
          (await auth.refresh(rejected))
        ) {
          return send(path, request, {}, deadline)
        }
        throw error
      }
    },
  }
}
