// Names that left core's documented surface for `@taskbridge/core/internal`
// (taskbridge's own packages import them from there). They keep working from
// the root until 2.0, so code written against 0.x or 1.0-rc still compiles.
import * as internal from './internal.js'

/**
 * Waits for a promise, or rejects with the signal's reason as soon as the signal aborts.
 *
 * @deprecated internal, will be removed in 2.0: race with `AbortSignal` yourself.
 */
export const abortable: typeof internal.abortable = internal.abortable

/**
 * The default limit of a delivery's body: 1 MiB.
 *
 * @deprecated internal, will be removed in 2.0: pass your own limit.
 */
export const DEFAULT_MAX_BODY_BYTES: number = internal.DEFAULT_MAX_BODY_BYTES

/**
 * Whether a content type is JSON.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export const isJsonContentType: typeof internal.isJsonContentType = internal.isJsonContentType

/**
 * Reads a body up to a limit, as bytes.
 *
 * @deprecated internal, will be removed in 2.0: `createWebhookHandler` and `toNodeListener` read bodies for you.
 */
export const readBodyBytes: typeof internal.readBodyBytes = internal.readBodyBytes

/**
 * Reads a body up to a limit, as text.
 *
 * @deprecated internal, will be removed in 2.0: `createWebhookHandler` and `toNodeListener` read bodies for you.
 */
export const readBodyText: typeof internal.readBodyText = internal.readBodyText

/**
 * What `readBodyBytes` found.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type BodyBytes = internal.BodyBytes

/**
 * Where a body comes from.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type BodySource = internal.BodySource

/**
 * What `readBodyText` found.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type BodyText = internal.BodyText

/**
 * Why a body could not be read whole.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type UnreadBody = internal.UnreadBody

/**
 * Counts, and reports as debug output, the events of one task's stream that were about another task.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export const countForeignTasks: typeof internal.countForeignTasks = internal.countForeignTasks

/**
 * Sends a record to the `onTaskbridgeDebug` listeners.
 *
 * @deprecated internal, will be removed in 2.0: listen with `onTaskbridgeDebug`.
 */
export const emitTaskbridgeDebug: typeof internal.emitTaskbridgeDebug = internal.emitTaskbridgeDebug

/**
 * Whether `next` says something `previous` did not.
 *
 * @deprecated Use `compareTaskStates(previous, next) === 'news'`; this alias will be removed in 2.0.
 */
export const isChange: typeof internal.isChange = internal.isChange

/**
 * Whether `next` is older than what was already seen.
 *
 * @deprecated Use `compareTaskStates(previous, next) === 'older'`; this alias will be removed in 2.0.
 */
export const isStale: typeof internal.isStale = internal.isStale

/**
 * What a summary list item can be trusted to say: its provider status and `updatedAt`.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export const summaryKey: typeof internal.summaryKey = internal.summaryKey

/**
 * The parts of a task that `compareTaskStates` compares.
 *
 * @deprecated internal, will be removed in 2.0: `compareTaskStates` takes tasks.
 */
export const taskSnapshot: typeof internal.taskSnapshot = internal.taskSnapshot

/**
 * What change detection compares of a task.
 *
 * @deprecated internal, will be removed in 2.0: `compareTaskStates` takes tasks.
 */
export type TaskSnapshot = internal.TaskSnapshot

/**
 * The largest delay `setTimeout` accepts.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export const MAX_TIMER_MS: number = internal.MAX_TIMER_MS

/**
 * How many streams in a row may end without news before following falls back to polling.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export const MAX_IDLE_STREAMS: number = internal.MAX_IDLE_STREAMS

/**
 * taskbridge's JSON reader: never throws, drops `__proto__` keys, can refuse deep nesting.
 *
 * @deprecated internal, will be removed in 2.0: use `JSON.parse`, or `createWebhookHandler` for deliveries.
 */
export const parseJson: typeof internal.parseJson = internal.parseJson

/**
 * Options of `parseJson`.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type JsonParseOptions = internal.JsonParseOptions

/**
 * The result of `parseJson`.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type JsonParseResult = internal.JsonParseResult

/**
 * Whether a query parameter or header name usually carries a credential.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export const isSensitiveName: typeof internal.isSensitiveName = internal.isSensitiveName

/**
 * Replaces every occurrence of each secret in a text with `REDACTED`.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export const redactText: typeof internal.redactText = internal.redactText

/**
 * Makes a URL safe to show: drops user info and redacts credential-like query parameters and known secrets.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export const redactUrl: typeof internal.redactUrl = internal.redactUrl
