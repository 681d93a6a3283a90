// The documented surface of @taskbridge/provider-utils: what an adapter is
// built from. The names that left it stay as deprecated aliases until 2.0.
export { type ApiKeyAdapterOptions, type ApiKeyProvider, createApiKeyHttpClient } from './api-key.js'
export {
  type Auth,
  bearerAuth,
  headerAuth,
  type TokenAuthOptions,
  type TokenGrant,
  tokenAuth,
} from './auth.js'
export { type BaseUrlCheck, checkBaseUrl } from './base-url.js'
export { type CredentialTargetPolicy, checkCredentialTarget } from './credential-target.js'
export * from './deprecated.js'
export { type EmbeddedJson, parseEmbeddedJson } from './embedded-json.js'
export type { ServerSentEvent } from './events.js'
export { createHttpClient, retryDelayOf } from './http.js'
export type {
  AdapterHttpOptions,
  BaseAdapterOptions,
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
  type AdapterOptionsSchema,
  adapterOptionsSchema,
  BASE_ADAPTER_OPTION_SHAPE,
  type BaseAdapterOptionShape,
  durationOption,
  headerValueOption,
  urlOptionsCheck,
} from './option-schemas.js'
export {
  checkDurationOption,
  checkHeaderValueOption,
  checkOptionsObject,
  checkStringOption,
} from './options.js'
export { listPages, type TaskPage } from './paging.js'
export { path, type ResolvedRoute, type RouteTemplate, resolveRoute } from './path.js'
export {
  createPayloadParser,
  type PayloadContext,
  type PayloadParser,
  type PayloadParserOptions,
  parseJsonPayload,
  parseJsonText,
  parsePayload,
} from './payload.js'
export {
  type OptionEnvVar,
  type OptionsSpec,
  type ResolvedOptions,
  resolveOptions,
} from './resolve-options.js'
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
export { earliestDate, fromEpochMillis, fromIsoString, fromUnixSeconds, latestDate } from './time.js'
