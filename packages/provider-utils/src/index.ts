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
export {
  type AdapterHttpOptions,
  createHttpClient,
  type ErrorContext,
  type ErrorMapping,
  type HttpClient,
  type HttpClientOptions,
  type HttpMethod,
  type HttpResponse,
  parseRetryAfter,
  type RequestOptions,
  type RetryOptions,
} from './http.js'
export {
  createPagingGuard,
  listPages,
  type PageReport,
  type PagingGuard,
  type TaskPage,
} from './paging.js'
export { encodePathSegment, path, type ResolvedRoute, type RouteTemplate, resolveRoute } from './path.js'
export {
  type JsonParseResult,
  type PayloadContext,
  parseJson,
  parseJsonPayload,
  parseJsonText,
  parsePayload,
} from './payload.js'
export { compact } from './record.js'
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
export { fromEpochMillis, fromIsoString, fromUnixSeconds } from './time.js'
