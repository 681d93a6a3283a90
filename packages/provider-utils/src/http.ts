import {
  AuthenticationError,
  InvalidPayloadError,
  MAX_JSON_DEPTH,
  ProviderApiError,
  ProviderConnectionError,
  RateLimitError,
  TaskNotFoundError,
  TimeoutError,
} from '@taskbridge/core'
import type { KyInstance, Options as KyOptions } from 'ky'
import { buildUrl, checkBaseUrl } from './base-url.js'
import { errorBodyText, ReceivedText, readText } from './body.js'
import { readServerSentEvents } from './events.js'
import type { ErrorContext, HttpClient, HttpClientOptions, HttpResponse, RequestOptions } from './http-types.js'
import { checkHeaders, checkHttpOptions } from './options.js'
import { parseJson } from './payload.js'
import { createRedactor, headerSecrets, querySecrets, type Redactor } from './redaction.js'
import { credentialSafeFetch } from './redirects.js'
import { describeRootCause, rootCauseOf, withUrlForms } from './root-cause.js'

export type {
  AdapterHttpOptions,
  ErrorContext,
  ErrorMapping,
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpResponse,
  RequestOptions,
  RetryOptions,
} from './http-types.js'

/** What one request sent, so a 401 can tell the auth which credentials were refused. */
interface Attempt {
  sentAuth?: Record<string, string>
}

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

// Epoch seconds before 2024 cannot be told from a delay in seconds; ky draws the line there too.
const RESET_TIMESTAMP_FLOOR_MS = Date.parse('2024-01-01')

/** A rate-limit reset header: delay seconds, or (`epoch`) epoch seconds of the reset. */
function parseResetHeader(value: string, epoch: boolean, now: number): number | undefined {
  if (!/^\d+$/.test(value.trim())) return undefined
  const ms = Number(value) * 1000
  return epoch && ms >= RESET_TIMESTAMP_FLOOR_MS ? Math.max(0, ms - now) : ms
}

/**
 * How long an answer (a 429 or 503) asks the client to wait, in
 * milliseconds from `now`: its `Retry-After` when it has one, else the
 * rate-limit headers ky's retries also honour, in ky's order:
 * `RateLimit-Reset`, `X-RateLimit-Retry-After`, then `X-RateLimit-Reset` or
 * `X-Rate-Limit-Reset` (delay seconds; the reset headers may also give the
 * reset as epoch seconds). `undefined` when none says.
 *
 * @example
 * ```ts
 * const waitMs = retryDelayOf(new Headers({ 'ratelimit-reset': '30' })) // 30000
 * ```
 */
export function retryDelayOf(headers: Headers, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after')
  if (retryAfter !== null) return parseRetryAfter(retryAfter, now)
  const reset = headers.get('ratelimit-reset')
  if (reset !== null) return parseResetHeader(reset, true, now)
  const retryAfterAlias = headers.get('x-ratelimit-retry-after')
  if (retryAfterAlias !== null) return parseResetHeader(retryAfterAlias, false, now)
  const resetAlias = headers.get('x-ratelimit-reset') ?? headers.get('x-rate-limit-reset')
  return resetAlias === null ? undefined : parseResetHeader(resetAlias, true, now)
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

/** A body as the caller gets it: the text and the parsed JSON, every echoed secret taken out of both. */
interface ReadBody {
  text: string
  /** The parsed JSON, `undefined` for an empty body. */
  body: unknown
  /** Set when the text is not JSON; its message quotes none of the text. */
  parseError?: Error
}

/**
 * Parses a body once and redacts it: the text through an encoding-aware
 * search, the parsed value string by string, so an echo hidden by JSON
 * escapes (which parsing decodes) is found as well.
 */
function readBody(received: string, redactor: Redactor, asJson = true): ReadBody {
  const echoes = redactor.mentionedIn(received)
  const text = echoes ? redactor.redactText(received) : received
  if (received === '') return { text, body: undefined }
  if (!asJson) return { text, body: text }
  // Deeper JSON could not be written back: a Task built from it would not serialise.
  const parsed = parseJson(received, { maxDepth: MAX_JSON_DEPTH })
  if (!parsed.success) return { text, body: text, parseError: parsed.error }
  return { text, body: echoes ? redactor.redactValue(parsed.value) : parsed.value }
}

/**
 * Creates the HTTP client an adapter sends its requests through: one ky
 * instance with the base URL, auth, timeouts, retries that honour
 * `Retry-After` (GET only unless a request opts in), a response size cap, and
 * every failure mapped onto taskbridge's typed errors with credentials
 * redacted. ky's own errors never escape, since they carry the request
 * headers. Every option is checked here, so a bad one fails when the adapter
 * is created, with an `InvalidArgumentError` naming it.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const settings = checkHttpOptions(options)
  const { provider, auth } = options
  const errors = options.errors ?? {}
  const errorMessage = errors.message ?? defaultErrorMessage
  const { timeoutMs, maxResponseBytes, retryLimit, retryMethods, maxRetryAfterMs, backoffLimitMs } = settings
  const baseUrlCheck = { provider, allowInsecureHttp: settings.allowInsecureHttp }
  // A fixed base URL is checked now, so a bad one fails when the adapter is created.
  const fixedBase = typeof options.baseUrl === 'string' ? checkBaseUrl(options.baseUrl, baseUrlCheck) : undefined

  let checkedBase: { raw: string; url: URL } | undefined

  const baseUrl = (): URL => {
    if (fixedBase) return fixedBase
    const raw = (options.baseUrl as () => string)()
    if (checkedBase?.raw !== raw) checkedBase = { raw, url: checkBaseUrl(raw, baseUrlCheck) }
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
      // With credentials, redirects are followed only where they may go.
      fetch: auth
        ? credentialSafeFetch(
            () => options.fetch ?? globalThis.fetch,
            () => ({
              provider,
              trustedOrigin: baseUrl().origin,
              trustedHosts: settings.trustedHosts,
              option: 'trustedHosts',
              source: 'A redirect',
            }),
          )
        : options.fetch,
      timeout: timeoutMs,
      throwHttpErrors: true,
      retry: NO_RETRY,
      // Error bodies stay text here: the client parses and redacts them itself.
      parseJson: (text: string) => new ReceivedText(text),
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
          const after = retryDelayOf(error.response.headers)
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
        secrets: createRedactor(querySecrets(target)).secrets,
        timeoutMs: limitMs,
        retryable: true,
        message: `${method} ${target.pathname}: getting credentials timed out after ${limitMs} ms`,
      })
    const authHeaders =
      (await authenticate(request, deadline === undefined ? undefined : timeLeft(), authTimedOut)) ?? {}
    attempt.sentAuth = authHeaders
    const headers = mergeHeaders(
      {
        accept: request.responseType === 'events' ? 'text/event-stream' : 'application/json',
        'user-agent': `taskbridge (${provider})`,
      },
      authHeaders,
      options.headers,
      request.headers,
    )
    // Checked before sending: fetch would refuse such a header with a TypeError
    // that looks like a network failure, and that would be retried.
    checkHeaders(provider, 'headers', headers)
    let redactor: Redactor | undefined
    const requestRedactor = () =>
      (redactor ??= createRedactor([
        ...headerSecrets(headers, new Set(Object.keys(authHeaders).map((name) => name.toLowerCase()))),
        ...querySecrets(target),
        ...(request.secrets ?? []),
        ...(auth?.secrets?.() ?? []),
      ]))
    const base = () => ({ provider, method, url, secrets: requestRedactor().secrets })
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
    // An event stream stays open as long as the task runs: its time limit
    // covers the wait for the response's headers only.
    const streaming = request.responseType === 'events'
    const connecting = streaming ? new AbortController() : undefined
    const connectTimer = connecting && setTimeout(() => connecting.abort(), timeLeft())
    if (connecting) {
      kyOptions.timeout = false
      delete kyOptions.totalTimeout
      kyOptions.signal = request.signal ? AbortSignal.any([request.signal, connecting.signal]) : connecting.signal
    }
    let response: Response
    try {
      response = await (retried ? clients.retrying : clients.once)(url, kyOptions)
    } catch (error) {
      clearTimeout(connectTimer)
      if (connecting?.signal.aborted && !request.signal?.aborted) throw timedOut()
      if (request.signal?.aborted && !isTimeoutError(error)) throw request.signal.reason
      // A redirect refused before anything was sent to it: the provider's answer, not the network's fault.
      if (InvalidPayloadError.is(error)) throw error
      if (isHTTPError(error)) {
        const status = error.response.status
        const received = errorBodyText(error.data)
        // ky hands a body it did not take for JSON (by its content type) over as a string.
        const asJson = error.data instanceof ReceivedText
        const { text: responseBody, body } =
          received === undefined ? { text: undefined, body: undefined } : readBody(received, requestRedactor(), asJson)
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
          const retryAfterMs = retryDelayOf(error.response.headers)
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
          secrets: withUrlForms(base().secrets),
          systemCode: root.systemCode,
          message: `${label} failed before a response arrived${describeRootCause(root)}`,
          cause: (error as Error).cause ?? error,
        })
      }
      throw error
    }

    clearTimeout(connectTimer)
    const connectionBroke = (what: string) => (cause: unknown) => {
      const root = rootCauseOf(cause)
      return new ProviderConnectionError({
        ...base(),
        secrets: withUrlForms(base().secrets),
        systemCode: root.systemCode,
        message: `${label}: ${what}${describeRootCause(root)}`,
        cause,
      })
    }
    // A server may answer a subscription it refuses with a plain body (a JSON-RPC error): read that as usual.
    const contentType = response.headers.get('content-type')
    const isEventStream = contentType === null || contentType.includes('text/event-stream')
    if (request.responseType === 'events' && isEventStream) {
      const events = response.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() })
      const redact = (text: string) => (requestRedactor().mentionedIn(text) ? requestRedactor().redactText(text) : text)
      return {
        status: response.status,
        headers: response.headers,
        text: '',
        body: undefined,
        method,
        url,
        events: readServerSentEvents(events, {
          redact,
          maxEventBytes: maxResponseBytes,
          broken: connectionBroke('the event stream broke'),
          signal: request.signal,
        }),
      }
    }

    const received = await readText(
      response,
      { maxBytes: maxResponseBytes, timeoutMs: timeLeft() },
      { tooLarge, timedOut },
    ).catch((error: unknown) => {
      if (InvalidPayloadError.is(error) || TimeoutError.is(error)) throw error
      if (request.signal?.aborted) throw request.signal.reason
      throw connectionBroke('the connection broke while reading the response')(error)
    })
    // A server that echoes a credential must not hand it on, through `raw` or anything else.
    const { text, body: read, parseError } = readBody(received, requestRedactor(), request.responseType !== 'text')
    // A plain-text answer has no body to parse: `text` holds it.
    const body = request.responseType === 'text' ? undefined : read
    if (parseError) {
      throw new InvalidPayloadError({
        ...base(),
        status: response.status,
        responseBody: text,
        raw: text,
        message: `${label} answered ${response.status} with a body that is not JSON: ${parseError.message}`,
        cause: parseError,
      })
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
