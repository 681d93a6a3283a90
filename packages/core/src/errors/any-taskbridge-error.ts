import type { AuthenticationError } from './authentication-error.js'
import type { InvalidArgumentError } from './invalid-argument-error.js'
import type { InvalidPayloadError } from './invalid-payload-error.js'
import type { ProviderApiError } from './provider-api-error.js'
import type { ProviderConnectionError } from './provider-connection-error.js'
import type { RateLimitError } from './rate-limit-error.js'
import type { TaskNotFoundError } from './task-not-found-error.js'
import type { TaskNotWaitingError } from './task-not-waiting-error.js'
import type { TaskbridgeError } from './taskbridge-error.js'
import type { TimeoutError } from './timeout-error.js'
import type { UnsupportedOperationError } from './unsupported-operation-error.js'

/**
 * Every error taskbridge throws, as a union discriminated by `name` (and by
 * `code`): `switch (error.name)` narrows each case to its class.
 * `TaskbridgeError.is(error)` narrows an `unknown` to this type.
 */
export type AnyTaskbridgeError =
  // The base class thrown as itself (an adapter's unexpected failure), told apart by its own name.
  | (TaskbridgeError & { readonly name: 'TaskbridgeError'; readonly code: 'ERR_TASKBRIDGE' })
  | InvalidArgumentError
  | AuthenticationError
  | TaskNotFoundError
  | RateLimitError
  | ProviderApiError
  | ProviderConnectionError
  | TimeoutError
  | InvalidPayloadError
  | UnsupportedOperationError
  | TaskNotWaitingError
