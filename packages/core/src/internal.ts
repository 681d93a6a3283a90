// `@taskbridge/core/internal`: what taskbridge's own packages share and users
// do not need (body readers, the JSON reader, redaction, change keys, debug
// emitters). It follows the packages' versions like the rest of core, but it
// is not part of the documented surface and may shrink in 2.0.
export { abortable } from './abort.js'
export {
  type BodyBytes,
  type BodySource,
  type BodyText,
  DEFAULT_MAX_BODY_BYTES,
  isJsonContentType,
  readBodyBytes,
  readBodyText,
  type UnreadBody,
} from './body.js'
export { countForeignTasks, emitTaskbridgeDebug } from './debug.js'
export { isChange, isStale, summaryKey, type TaskSnapshot, taskSnapshot } from './follow/change.js'
export { MAX_TIMER_MS } from './follow/options.js'
export { MAX_IDLE_STREAMS } from './follow/step.js'
export { type JsonParseOptions, type JsonParseResult, parseJson } from './json.js'
export { isSensitiveName, redactText, redactUrl } from './redact.js'
