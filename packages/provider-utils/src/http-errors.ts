// Error mapping: what a request's failures become. Every error names the
// request (method and path, never the query) and carries its secrets, so
// core's errors redact them wherever they are printed.
import {
  AuthenticationError,
  InvalidPayloadError,
  ProviderApiError,
  ProviderConnectionError,
  RateLimitError,
  TaskNotFoundError,
  TimeoutError,
} from '@taskbridge/core'
import type { HTTPError } from 'ky'
import { errorBodyText, ReceivedText, readBody } from './body.js'
import type { ErrorContext } from './http-types.js'
import type { Redactor } from './redaction.js'
import { retryDelayOf } from './retry-after.js'
import { describeRootCause, rootCauseOf, withUrlForms } from './root-cause.js'

/** The first 500 characters of an error body that is text, not JSON: a proxy's page, a plain message. */
function textMessage(text: string): string | undefined {
  return text.trim() === '' ? undefined : text.slice(0, 500)
}

/** The request an error is about. */
export interface FailedRequest {
  provider: string
  method: string
  url: string
  /** `METHOD /path`, the way errors name the request. */
  label: string
  /** The route as a template (`GET /tasks/{projectID}`), named by a 404 that is not about a task. */
  route: string
  /** The task the request is about, for `TaskNotFoundError`. */
  taskId?: string | undefined
  /** The request's limit, for `TimeoutError`. */
  timeoutMs: number
  /** The response size limit, for the error of a body too large. */
  maxResponseBytes: number
}

/** An HTTP answer that is not a success, its body already read (and redacted). */
export interface HttpAnswer extends ErrorContext {
  statusText: string
  headers: Headers
  /** The body as text, echoed secrets redacted; `undefined` when empty. */
  text: string | undefined
}

/** A failed answer as ky handed it over, its body read and redacted. */
export function answerOf(error: HTTPError, redactor: Redactor): HttpAnswer {
  const received = errorBodyText(error.data)
  // ky hands a body it did not take for JSON (by its content type) over as a string.
  const asJson = error.data instanceof ReceivedText
  const { text, body } =
    received === undefined ? { text: undefined, body: undefined } : readBody(received, redactor, asJson)
  const { status, statusText, headers } = error.response
  return { status, statusText, headers, text, body }
}

/** How an answer reads as an error: the provider's message in its body, and whether it means "no such task". */
export interface AnswerReading {
  /** The provider's message in a JSON error body. */
  message: (body: unknown) => string | undefined
  /** Always false for a request that names no task: only a request about a task can find none. */
  isNotFound: (context: ErrorContext) => boolean
}

/** The errors one request can fail with, built with its secrets. */
export interface RequestErrors {
  /** The secrets this request carries (lazily collected: most requests never fail). */
  redactor(): Redactor
  /** The request ran out of time. */
  timedOut(): TimeoutError
  /** The response body is larger than allowed. */
  tooLarge(size: string): InvalidPayloadError
  /** The connection failed or broke: `what` says when. */
  connectionBroke(what: string): (cause: unknown) => ProviderConnectionError
  /** A non-2xx answer as a typed error. */
  answered(answer: HttpAnswer, reading: AnswerReading): Error
  /** A 2xx answer the provider uses to say "no such task" (an empty 204, say). */
  notFound(status: number, text: string): TaskNotFoundError
  /** A 2xx answer whose body is not JSON. */
  notJson(status: number, text: string, cause: Error): InvalidPayloadError
}

/** The errors of `request`, with the secrets `redactor` (built on first use) knows. */
export function requestErrors(request: FailedRequest, redactor: () => Redactor): RequestErrors {
  const { label } = request
  const base = () => ({
    provider: request.provider,
    method: request.method,
    url: request.url,
    secrets: redactor().secrets,
  })
  return {
    redactor,
    timedOut: () =>
      new TimeoutError({
        ...base(),
        timeoutMs: request.timeoutMs,
        retryable: true,
        message: `${label} timed out after ${request.timeoutMs} ms`,
      }),
    tooLarge: (size) =>
      new InvalidPayloadError({
        ...base(),
        message: `${label}: the response body is too large (${size}; the limit is ${request.maxResponseBytes} bytes)`,
      }),
    connectionBroke: (what) => (cause) => {
      const root = rootCauseOf(cause)
      return new ProviderConnectionError({
        ...base(),
        // The root cause's text may quote the request URL, secrets percent-encoded.
        secrets: withUrlForms(base().secrets),
        systemCode: root.systemCode,
        message: `${label}${what}${describeRootCause(root)}`,
        cause,
      })
    },
    answered(answer, reading) {
      const { status, body } = answer
      // A body that is not JSON is its own message; a JSON one is read as the provider describes it.
      const detail = typeof body === 'string' ? textMessage(body) : reading.message(body)
      const details = {
        ...base(),
        status,
        responseBody: answer.text,
        message: `${label} answered ${status}${answer.statusText ? ` ${answer.statusText}` : ''}${detail ? `: ${detail}` : ''}`,
      }
      if (reading.isNotFound({ status, body })) return new TaskNotFoundError({ ...details, taskId: request.taskId })
      if (status === 401 || status === 403) return new AuthenticationError(details)
      if (status === 429) return new RateLimitError({ ...details, retryAfterMs: retryDelayOf(answer.headers) })
      // Not about a task, or not the provider's "no such task": a route or a resource other than a task is missing.
      if (status === 404) {
        const message = `${request.route} answered 404${answer.statusText ? ` ${answer.statusText}` : ''}${detail ? `: ${detail}` : ''} (no such route or resource: check the base URL and the names in the request)`
        return new ProviderApiError({ ...details, message, data: typeof body === 'object' ? body : undefined })
      }
      return new ProviderApiError({ ...details, data: typeof body === 'object' ? body : undefined })
    },
    notFound: (status, text) =>
      new TaskNotFoundError({
        ...base(),
        status,
        taskId: request.taskId,
        message: `${label} answered ${status}${text === '' ? ' with an empty body' : ''}: no such task`,
      }),
    notJson: (status, text, cause) =>
      new InvalidPayloadError({
        ...base(),
        status,
        responseBody: text,
        raw: text,
        message: `${label} answered ${status} with a body that is not JSON: ${cause.message}`,
        cause,
      }),
  }
}
