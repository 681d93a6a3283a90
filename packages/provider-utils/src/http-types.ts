import type { CallOptions } from '@taskbridge/core'
import type { Auth } from './auth.js'
import type { ServerSentEvent } from './events.js'

/** The HTTP methods adapters use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Retry behaviour of a client. */
export interface RetryOptions {
  /** Retries after the first attempt: a whole number ≥ 0. Default 2. */
  limit?: number
  /** Methods retried without asking, as an array. Default `['GET']`: pause, resume and cancel are never repeated unless a request opts in. */
  methods?: readonly HttpMethod[]
  /**
   * The longest wait a 429 or 503 asks for (`Retry-After`, or a rate-limit
   * reset header: see `retryDelayOf`) that is waited out, ≥ 0 ms. A longer
   * one ends the retries at once: a 429 as a `RateLimitError` with
   * `retryAfterMs`, a 503 as a `ProviderApiError`. Default 60 s.
   */
  maxRetryAfterMs?: number
  /** The longest wait between two attempts (> 0 ms). Default 10 s. */
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
  /**
   * The provider's message in a JSON error body, read as the provider
   * documents its errors (each adapter describes its body in a
   * `<provider>-error.ts`). Default: none; the body stays on the error as
   * `responseBody` and `data`. A body that is not JSON is its own message
   * (its first 500 characters), without asking this.
   */
  message?: (body: unknown) => string | undefined
  /**
   * Whether a response to a request about a task ({@link RequestOptions.taskId})
   * means "no such task". Default: status 404. Also asked for 2xx responses,
   * for servers that answer an unknown id with 204. Never asked for a
   * request that names no task.
   */
  isNotFound?: (context: ErrorContext) => boolean
}

/**
 * The HTTP options every adapter factory takes and passes through to
 * `createHttpClient`, so users configure every adapter the same way. Each is
 * checked when the client (and so the adapter) is created.
 */
export interface AdapterHttpOptions {
  /**
   * Headers for every request, over the defaults (a `user-agent` here
   * replaces the adapter's; `undefined` removes one), under a call's own
   * `headers`: valid names, Latin-1 values without CR or LF. A header the
   * credentials send (`authorization`, `x-api-key`, …) cannot be replaced
   * here or per call: the request fails with an `InvalidArgumentError`
   * naming it, and nothing is sent.
   */
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
  /**
   * Hosts (`host` or `host:port`) besides the base URL's origin that the
   * provider may send the client to, credentials included: a redirect (and,
   * for A2A, the agent card's interface). Default: none, so a redirect to
   * another origin is an `InvalidPayloadError` that names this option and
   * nothing is sent there.
   */
  trustedHosts?: readonly string[]
}

/**
 * The options every built-in adapter factory takes: its `name` and the
 * {@link AdapterHttpOptions}. Each factory declares them once, with its own,
 * in one strict schema built by `adapterOptionsSchema`.
 */
export interface BaseAdapterOptions<Name extends string = string> extends AdapterHttpOptions {
  /** The adapter's name, carried by its tasks and used by `createTaskClient`. Default: the provider's. */
  name?: Name
}

/** Options of `createHttpClient`. */
export interface HttpClientOptions extends AdapterHttpOptions {
  /** The adapter's provider name, put on every error. */
  provider: string
  /**
   * The base URL that request paths are appended to: no query string or
   * `#fragment`. A string is checked when the client is created; a function
   * is read (and checked) at request time.
   */
  baseUrl: string | (() => string)
  /** Credentials for every request. */
  auth?: Auth
  /** How the provider reports errors. */
  errors?: ErrorMapping
  /**
   * The User-Agent sent: the adapter's package and version, such as
   * `taskbridge-xpander/1.2.3`. Default `taskbridge (<provider>)`. A
   * `user-agent` in the user's `headers` replaces it.
   */
  userAgent?: string
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
  /**
   * The task this request is about. Only such a request can fail with
   * `TaskNotFoundError` (carrying this id): a 404 to any other request is a
   * `ProviderApiError` with status 404 that names the route.
   */
  taskId?: string
  /**
   * The route template the path was resolved from (`GET /tasks/{projectID}`),
   * named by the error of a 404 that is not about a task instead of the path.
   * Default: the method and the path.
   */
  route?: string
  /** Overrides the client's {@link ErrorMapping.isNotFound} for this request (asked only when it names a task). */
  isNotFound?: (context: ErrorContext) => boolean
  /** Values this request carries outside its headers (a key secret in the body), to redact from errors. */
  secrets?: readonly string[]
  /**
   * `text` for an endpoint that answers plain text (an id, say): the body is
   * then `undefined` and `text` holds it. `events` for a server-sent event
   * stream: the response's `events` yields them as they arrive. Default `json`.
   */
  responseType?: 'json' | 'text' | 'events'
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
  /**
   * With `responseType: 'events'`: the stream's events, as they arrive; a
   * break is a `ProviderConnectionError`. Absent when the server answered
   * with another content type: `text` and `body` then hold that answer.
   */
  events?: AsyncGenerator<ServerSentEvent, void, undefined>
}

/** An HTTP client bound to one provider, with its auth, retries and error mapping. */
export interface HttpClient {
  /**
   * Sends a request and returns the parsed response. Every failure is a
   * taskbridge error: `AuthenticationError` (401/403), `TaskNotFoundError`
   * (only for a request with a `taskId`), `RateLimitError` (429),
   * `ProviderApiError` (other statuses, and a 404 to a request about no task),
   * `ProviderConnectionError`, `TimeoutError`, `InvalidPayloadError` (a
   * body that is not JSON or is too large) or `InvalidArgumentError` (a
   * header that cannot be sent; nothing is sent then). An abort rejects with
   * the signal's reason.
   */
  request(path: string, options?: RequestOptions): Promise<HttpResponse>
}
