export { type ApiKeyAdapterOptions, type ApiKeyProvider, createApiKeyHttpClient } from './api-key.js'
export {
  type Auth,
  bearerAuth,
  headerAuth,
  jwtExpiry,
  type TokenAuthOptions,
  type TokenGrant,
  tokenAuth,
} from './auth.js'
export { type BaseUrlCheck, checkBaseUrl } from './base-url.js'
export {
  type CredentialTargetPolicy,
  checkCredentialTarget,
  isLinkLocalOrMetadata,
} from './credential-target.js'
export { type EmbeddedJson, parseEmbeddedJson } from './embedded-json.js'
export { readServerSentEvents, type ServerSentEvent, type ServerSentEventOptions } from './events.js'
export { createHttpClient, parseRetryAfter, retryDelayOf } from './http.js'
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
export {
  checkDurationOption,
  checkHeaders,
  checkHeaderValueOption,
  checkOptionsObject,
  checkStringOption,
} from './options.js'
export {
  createPagingGuard,
  listPages,
  type PageReport,
  type PagingGuard,
  type TaskPage,
} from './paging.js'
export { encodePathSegment, path, type ResolvedRoute, type RouteTemplate, resolveRoute } from './path.js'
export {
  createPayloadParser,
  type JsonParseOptions,
  type JsonParseResult,
  type PayloadContext,
  type PayloadParser,
  type PayloadParserOptions,
  parseJson,
  parseJsonPayload,
  parseJsonText,
  parsePayload,
} from './payload.js'
export { compact } from './record.js'
export { createRedactor, type Redactor } from './redaction.js'
export { secretsMatch } from './secret-compare.js'
export { lazySetting, loadOptionalSetting, loadSetting, type SettingSource } from './settings.js'
export { createStatusMapper, matchesListQuery, type StatusMapper } from './status.js'
export {
  createTaskParser,
  createTaskRequest,
  type PayloadSource,
  payloadSourceOf,
  type TaskFields,
  type TaskParser,
  type TaskParserOptions,
  type TaskRequest,
} from './task.js'
export { earliestDate, fromEpochMillis, fromIsoString, fromUnixSeconds, isStorableDate, latestDate } from './time.js'
