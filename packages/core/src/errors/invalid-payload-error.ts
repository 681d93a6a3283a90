import { brand, hasBrand } from './brand.js'
import { TaskbridgeError, type TaskbridgeErrorOptions } from './taskbridge-error.js'

const marker: symbol = Symbol.for('taskbridge.error.InvalidPayloadError')

/** One mismatch between a payload and its schema. */
export interface PayloadIssue {
  /** Where in the payload, as keys and indexes from the root. */
  path: readonly (string | number)[]
  message: string
  code?: string
}

/** Options of {@link InvalidPayloadError}. */
export interface InvalidPayloadErrorOptions extends TaskbridgeErrorOptions {
  /** What was received: the parsed JSON, or the text when it was not JSON. */
  raw?: unknown
  /** What did not match, path by path. */
  issues?: readonly PayloadIssue[]
}

/** A response (or a payload given to a parser) was not JSON, or did not match the provider's schema. `raw` keeps what was received. */
export class InvalidPayloadError extends TaskbridgeError {
  /** Always `'InvalidPayloadError'`, so `switch (error.name)` narrows to this class. */
  declare readonly name: 'InvalidPayloadError'
  /** Always `'ERR_TASKBRIDGE_INVALID_PAYLOAD'`. */
  declare readonly code: 'ERR_TASKBRIDGE_INVALID_PAYLOAD'
  /** What was received: the parsed JSON, or the text when it was not JSON. */
  declare readonly raw?: unknown
  /** What did not match, path by path; empty when the payload was not JSON at all. */
  readonly issues: readonly PayloadIssue[]

  constructor(options: InvalidPayloadErrorOptions) {
    super({ ...options, name: 'InvalidPayloadError', retryable: options.retryable ?? false })
    brand(this, marker)
    if (options.raw !== undefined) this.raw = options.raw
    this.issues = options.issues ?? []
  }

  /** Whether `error` is a {@link InvalidPayloadError}, from any copy of this package. */
  static override is(error: unknown): error is InvalidPayloadError {
    return hasBrand(error, marker)
  }
}
