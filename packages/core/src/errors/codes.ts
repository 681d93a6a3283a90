/**
 * The stable, machine-readable `code` of each error class, by class name.
 * Codes follow Node's `ERR_…` style and do not change between releases, so
 * logs, metrics and other languages can match on them; a message may.
 */
export const TASKBRIDGE_ERROR_CODES = {
  TaskbridgeError: 'ERR_TASKBRIDGE',
  InvalidArgumentError: 'ERR_TASKBRIDGE_INVALID_ARGUMENT',
  AuthenticationError: 'ERR_TASKBRIDGE_AUTHENTICATION',
  TaskNotFoundError: 'ERR_TASKBRIDGE_NOT_FOUND',
  RateLimitError: 'ERR_TASKBRIDGE_RATE_LIMITED',
  ProviderApiError: 'ERR_TASKBRIDGE_PROVIDER_API',
  ProviderConnectionError: 'ERR_TASKBRIDGE_CONNECTION',
  TimeoutError: 'ERR_TASKBRIDGE_TIMEOUT',
  InvalidPayloadError: 'ERR_TASKBRIDGE_INVALID_PAYLOAD',
  UnsupportedOperationError: 'ERR_TASKBRIDGE_UNSUPPORTED_OPERATION',
  TaskNotWaitingError: 'ERR_TASKBRIDGE_NOT_WAITING',
} as const

/** The `name` of a taskbridge error: one of its class names. */
export type TaskbridgeErrorName = keyof typeof TASKBRIDGE_ERROR_CODES

/** The `code` of a taskbridge error: one of the values of {@link TASKBRIDGE_ERROR_CODES}. */
export type TaskbridgeErrorCode = (typeof TASKBRIDGE_ERROR_CODES)[TaskbridgeErrorName]
