// Names that left provider-utils' documented surface: each is a piece of a
// public helper (the HTTP client, `path`, `listPages`, `createTaskParser`,
// `tokenAuth`, `checkCredentialTarget`) that no adapter calls by itself. They
// keep working until 2.0, so code written against 0.x or 1.0-rc still compiles.
import * as core from '@taskbridge/core/internal'
import * as auth from './auth.js'
import * as credentialTarget from './credential-target.js'
import * as events from './events.js'
import * as http from './http.js'
import * as options from './options.js'
import * as paging from './paging.js'
import * as routes from './path.js'
import * as record from './record.js'
import * as redaction from './redaction.js'
import * as time from './time.js'

/**
 * Checks a headers option: valid names, and values a header can carry.
 *
 * @deprecated internal, will be removed in 2.0: `createHttpClient` checks its `headers` and each call's.
 */
export const checkHeaders: typeof options.checkHeaders = options.checkHeaders

/**
 * A copy of a record without its `undefined` and `null` values.
 *
 * @deprecated internal, will be removed in 2.0: `createTaskParser` compacts `metadata` itself.
 */
export const compact: typeof record.compact = record.compact

/**
 * Decides, page by page, when a paged listing ends.
 *
 * @deprecated internal, will be removed in 2.0: `listPages` uses it for you.
 */
export const createPagingGuard: typeof paging.createPagingGuard = paging.createPagingGuard

/**
 * What `createPagingGuard` decides by.
 *
 * @deprecated internal, will be removed in 2.0: `listPages` uses it for you.
 */
export type PagingGuard = paging.PagingGuard

/**
 * What a listing knows after reading one page.
 *
 * @deprecated internal, will be removed in 2.0: `listPages` uses it for you.
 */
export type PageReport = paging.PageReport

/**
 * Finds and removes a set of secrets in text and in parsed JSON.
 *
 * @deprecated internal, will be removed in 2.0: the HTTP client redacts every error itself.
 */
export const createRedactor: typeof redaction.createRedactor = redaction.createRedactor

/**
 * What `createRedactor` returns.
 *
 * @deprecated internal, will be removed in 2.0: the HTTP client redacts every error itself.
 */
export type Redactor = redaction.Redactor

/**
 * Encodes one path segment, which can never leave its segment.
 *
 * @deprecated internal, will be removed in 2.0: use `` path`/tasks/${id}` `` or `resolveRoute`, which encode each value.
 */
export const encodePathSegment: typeof routes.encodePathSegment = routes.encodePathSegment

/**
 * Whether a URL points at a link-local address or a cloud metadata service.
 *
 * @deprecated internal, will be removed in 2.0: use `checkCredentialTarget`, which refuses them.
 */
export const isLinkLocalOrMetadata: typeof credentialTarget.isLinkLocalOrMetadata =
  credentialTarget.isLinkLocalOrMetadata

/**
 * Whether a value is a valid Date within the years 0000–9999.
 *
 * @deprecated internal, will be removed in 2.0: the `from…` time helpers and `createTaskParser` leave other dates out.
 */
export const isStorableDate: typeof time.isStorableDate = time.isStorableDate

/**
 * The `exp` claim of a JWT, in epoch milliseconds.
 *
 * @deprecated internal, will be removed in 2.0: `tokenAuth` reads it.
 */
export const jwtExpiry: typeof auth.jwtExpiry = auth.jwtExpiry

/**
 * taskbridge's JSON reader (core's).
 *
 * @deprecated internal, will be removed in 2.0: use `parseJsonText` (a provider's answer) or `createPayloadParser`.
 */
export const parseJson: typeof core.parseJson = core.parseJson

/**
 * Options of `parseJson`.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type JsonParseOptions = core.JsonParseOptions

/**
 * The result of `parseJson`.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type JsonParseResult = core.JsonParseResult

/**
 * `Retry-After` (delay seconds or an HTTP date) in milliseconds.
 *
 * @deprecated Use `retryDelayOf(headers)`, which also reads the rate-limit reset headers; will be removed in 2.0.
 */
export const parseRetryAfter: typeof http.parseRetryAfter = http.parseRetryAfter

/**
 * Yields the events of a server-sent events body as they arrive.
 *
 * @deprecated internal, will be removed in 2.0: request with `responseType: 'events'` and read the response's `events`.
 */
export const readServerSentEvents: typeof events.readServerSentEvents = events.readServerSentEvents

/**
 * Options of `readServerSentEvents`.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type ServerSentEventOptions = events.ServerSentEventOptions
