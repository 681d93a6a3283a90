import { AuthenticationError, abortable, InvalidPayloadError, TimeoutError } from '@taskbridge/core'
import type { Options as KyOptions } from 'ky'
import { buildUrl, checkBaseUrl } from './base-url.js'
import { readBody, readText } from './body.js'
import { readServerSentEvents } from './events.js'
import { requestHeaders } from './headers.js'
import { type AnswerReading, answerOf, type RequestErrors, requestErrors } from './http-errors.js'
import type {
  ErrorContext,
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpResponse,
  RequestOptions,
} from './http-types.js'
import { createKyClients, type KyClients } from './ky-clients.js'
import { checkHttpOptions } from './options.js'
import { createRedactor, headerSecrets, lastRedactorReused, querySecrets, type Redactor } from './redaction.js'
import { rootCauseOf } from './root-cause.js'

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
export { parseRetryAfter, retryDelayOf } from './retry-after.js'

/** What one request sent, so a 401 can tell the auth which credentials were refused. */
interface Attempt {
  sentAuth?: Record<string, string>
}

/** One request on its way: where it goes, its headers, its time left and the errors it can fail with. */
interface Call {
  method: HttpMethod
  url: string
  headers: Record<string, string>
  /** Whole milliseconds left (AbortSignal.timeout takes no fractions); the client's limit without a call limit. */
  timeLeft: () => number
  /** Whether the call has a limit of its own, bounding the whole call. */
  bounded: boolean
  errors: RequestErrors
}

const defaultIsNotFound = (context: ErrorContext): boolean => context.status === 404
const neverNotFound = (): boolean => false
const noMessage = (): undefined => undefined

/**
 * An event stream stays open as long as the task runs: its time limit covers
 * the wait for the response's headers only. Returns the signal that aborts
 * at that limit and the function that clears it.
 */
function limitConnecting(kyOptions: KyOptions, signal: AbortSignal | undefined, limitMs: number) {
  const connecting = new AbortController()
  const timer = setTimeout(() => connecting.abort(), limitMs)
  kyOptions.timeout = false
  delete kyOptions.totalTimeout
  kyOptions.signal = signal ? AbortSignal.any([signal, connecting.signal]) : connecting.signal
  return { signal: connecting.signal, clear: () => clearTimeout(timer) }
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
  const errorMessage = options.errors?.message ?? noMessage
  const clientIsNotFound = options.errors?.isNotFound ?? defaultIsNotFound
  const { timeoutMs, maxResponseBytes, retryLimit, retryMethods } = settings
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

  // Every answer is searched for the call's secrets, most often the same ones.
  const redactorFor = lastRedactorReused()

  // Built once, on the first request (ky is loaded then).
  let kyClients: KyClients | undefined
  const loadClients = async () =>
    (kyClients ??= await createKyClients({
      provider,
      settings,
      fetch: options.fetch,
      withCredentials: auth !== undefined,
      trustedOrigin: () => baseUrl().origin,
    }))

  // "Not found" means "no such task" only when the request names a task: a
  // 404 anywhere else (an agent card, a list, a token exchange) is a missing
  // route or resource, a ProviderApiError.
  const readingOf = (request: RequestOptions): AnswerReading => ({
    message: errorMessage,
    isNotFound: request.taskId === undefined ? neverNotFound : (request.isNotFound ?? clientIsNotFound),
  })

  /** The auth headers; with a time limit, a token exchange that outlasts it fails with `timedOut()`. */
  async function authenticate(request: RequestOptions, limitMs: number | undefined, timedOut: () => Error) {
    if (!auth) return undefined
    const timer = limitMs === undefined ? undefined : AbortSignal.timeout(limitMs)
    const signals = [request.signal, timer].filter((signal) => signal !== undefined)
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0]
    try {
      // Credentials that ignore the signal must not hold a call past its limit.
      return await abortable(Promise.resolve(auth.headers(signal)), signal)
    } catch (error) {
      if (!timer?.aborted || request.signal?.aborted) throw error
      throw timedOut()
    }
  }

  /** Builds the call: the URL, the credentials (within the call's limit) and the headers, checked. */
  async function prepare(path: string, request: RequestOptions, attempt: Attempt, deadline: number | undefined) {
    const method = request.method ?? 'GET'
    const target = buildUrl(baseUrl(), path, request.query)
    const label = `${method} ${target.pathname}`
    // A call's own limit replaces the client's and bounds the whole call: the
    // token exchange, every attempt, the body, a resend after 401. The
    // client's bounds each attempt and its body.
    const limitMs = request.timeoutMs ?? timeoutMs
    const timeLeft = () => (deadline === undefined ? limitMs : Math.max(1, Math.ceil(deadline - Date.now())))
    const authTimedOut = () =>
      new TimeoutError({
        provider,
        method,
        url: target.href,
        secrets: createRedactor(querySecrets(target)).secrets,
        timeoutMs: limitMs,
        retryable: true,
        message: `${label}: getting credentials timed out after ${limitMs} ms`,
      })
    const authHeaders =
      (await authenticate(request, deadline === undefined ? undefined : timeLeft(), authTimedOut)) ?? {}
    attempt.sentAuth = authHeaders
    const headers = requestHeaders(provider, {
      accept: request.responseType === 'events' ? 'text/event-stream' : 'application/json',
      userAgent: options.userAgent ?? `taskbridge (${provider})`,
      auth: authHeaders,
      client: options.headers,
      call: request.headers,
    })
    let redactor: Redactor | undefined
    const requestRedactor = () =>
      (redactor ??= redactorFor([
        ...headerSecrets(headers, new Set(Object.keys(authHeaders).map((name) => name.toLowerCase()))),
        ...querySecrets(target),
        ...(request.secrets ?? []),
        ...(auth?.secrets?.() ?? []),
      ]))
    const failed = {
      provider,
      method,
      url: target.href,
      label,
      route: request.route ?? label,
      taskId: request.taskId,
      timeoutMs: limitMs,
      maxResponseBytes,
    }
    const errors = requestErrors(failed, requestRedactor)
    return { method, url: target.href, headers, timeLeft, bounded: deadline !== undefined, errors } satisfies Call
  }

  /** Sends the call through ky and answers its response, or the typed error its failure is. */
  async function fetchResponse(call: Call, request: RequestOptions): Promise<Response> {
    const { errors } = call
    const clients = kyClients ?? (await loadClients())
    const { isHTTPError, isNetworkError, isTimeoutError } = clients.ky
    // Only the options this request has: ky merges every option it is given.
    const kyOptions: KyOptions = { method: call.method, headers: call.headers }
    if (request.json !== undefined) kyOptions.json = request.json
    if (request.signal) kyOptions.signal = request.signal
    if (call.bounded) {
      kyOptions.timeout = call.timeLeft()
      kyOptions.totalTimeout = call.timeLeft()
    }
    const connecting =
      request.responseType === 'events' ? limitConnecting(kyOptions, request.signal, call.timeLeft()) : undefined
    const retried =
      retryLimit > 0 && (request.retry === true || (request.retry !== false && retryMethods.has(call.method)))
    try {
      return await (retried ? clients.retrying : clients.once)(call.url, kyOptions)
    } catch (error) {
      if (connecting?.signal.aborted && !request.signal?.aborted) throw errors.timedOut()
      if (request.signal?.aborted && !isTimeoutError(error)) throw request.signal.reason
      // A redirect refused before anything was sent to it: the provider's answer, not the network's fault.
      if (InvalidPayloadError.is(error)) throw error
      if (isHTTPError(error)) throw errors.answered(answerOf(error, errors.redactor()), readingOf(request))
      if (isTimeoutError(error)) throw errors.timedOut()
      // A custom fetch may fail in its own way; a system error code says the network did.
      if (isNetworkError(error) || error instanceof TypeError || rootCauseOf(error).systemCode !== undefined) {
        throw errors.connectionBroke(' failed before a response arrived')((error as Error).cause ?? error)
      }
      throw error
    } finally {
      connecting?.clear()
    }
  }

  /** Reads a successful response: its events as they arrive, or its whole body, parsed and redacted. */
  async function readResponse(response: Response, call: Call, request: RequestOptions): Promise<HttpResponse> {
    const { errors, method, url } = call
    const { status, headers } = response
    // A server may answer a subscription it refuses with a plain body (a JSON-RPC error): read that as usual.
    const contentType = headers.get('content-type')
    const isEventStream = contentType === null || contentType.includes('text/event-stream')
    if (request.responseType === 'events' && isEventStream) {
      const stream = response.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() })
      const redactor = errors.redactor
      const redact = (text: string) => (redactor().mentionedIn(text) ? redactor().redactText(text) : text)
      const events = readServerSentEvents(stream, {
        redact,
        maxEventBytes: maxResponseBytes,
        broken: errors.connectionBroke(': the event stream broke'),
        signal: request.signal,
      })
      return { status, headers, text: '', body: undefined, method, url, events }
    }
    const received = await readText(response, { maxBytes: maxResponseBytes, timeoutMs: call.timeLeft() }, errors).catch(
      (error: unknown) => {
        if (InvalidPayloadError.is(error) || TimeoutError.is(error)) throw error
        if (request.signal?.aborted) throw request.signal.reason
        throw errors.connectionBroke(': the connection broke while reading the response')(error)
      },
    )
    // A server that echoes a credential must not hand it on, through `raw` or anything else.
    const { text, body: read, parseError } = readBody(received, errors.redactor(), request.responseType !== 'text')
    // A plain-text answer has no body to parse: `text` holds it.
    const body = request.responseType === 'text' ? undefined : read
    if (parseError) throw errors.notJson(status, text, parseError)
    if (readingOf(request).isNotFound({ status, body })) throw errors.notFound(status, text)
    return { status, headers, text, body, method, url }
  }

  async function send(path: string, request: RequestOptions, attempt: Attempt, deadline: number | undefined) {
    const call = await prepare(path, request, attempt, deadline)
    // Out of time already (a slow token exchange, a 401 resend): send nothing,
    // since a pause or cancel that reached the server would still take effect.
    if (deadline !== undefined && Date.now() >= deadline) throw call.errors.timedOut()
    return readResponse(await fetchResponse(call, request), call, request)
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
