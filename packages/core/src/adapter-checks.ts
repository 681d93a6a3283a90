import type { CallOptions, ListQuery, Operation } from './contract.js'
import { InvalidArgumentError } from './errors/invalid-argument-error.js'
import { TaskbridgeError } from './errors/taskbridge-error.js'
import { UnsupportedOperationError } from './errors/unsupported-operation-error.js'
import { isTaskStatus } from './status.js'

// The checks defineAdapter runs before any request, and its error wrapping.

const MAX_ID_LENGTH = 1024
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/
/** A UTF-16 surrogate without its other half: no URL (and no UTF-8) can carry one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** An {@link InvalidArgumentError} for `argument` of `provider`. */
export function invalid(provider: string, argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError({ provider, argument, message })
}

/** Rejects ids that cannot name a task, before any request is sent. */
export function checkId(provider: string, operation: Operation, id: unknown): string {
  if (typeof id !== 'string')
    throw invalid(provider, 'id', `${operation}: the task id must be a string, got ${typeof id}`)
  if (id.trim() === '') throw invalid(provider, 'id', `${operation}: the task id is empty`)
  if (id.length > MAX_ID_LENGTH)
    throw invalid(provider, 'id', `${operation}: the task id is longer than ${MAX_ID_LENGTH} characters`)
  if (CONTROL_CHARACTER.test(id))
    throw invalid(provider, 'id', `${operation}: the task id contains a control character`)
  if (LONE_SURROGATE.test(id))
    throw invalid(provider, 'id', `${operation}: the task id holds a lone UTF-16 surrogate, which no URL can carry`)
  if (id === '.' || id === '..') throw invalid(provider, 'id', `${operation}: "${id}" is not a task id`)
  return id
}

/** The call options, checked: a `timeoutMs` setTimeout can wait for, and a signal not yet aborted. */
export function checkCallOptions<Options extends CallOptions>(provider: string, options: Options | undefined): Options {
  const checked = options ?? ({} as Options)
  const { timeoutMs } = checked
  // setTimeout cannot wait longer than 2³¹−1 ms.
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) {
    throw invalid(provider, 'timeoutMs', `timeoutMs must be from 1 to ${2 ** 31 - 1} milliseconds, got ${timeoutMs}`)
  }
  checked.signal?.throwIfAborted()
  return checked
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0
}

/** The list query, checked: known statuses, positive integer sizes, valid dates. */
export function checkQuery(provider: string, query: ListQuery | undefined): ListQuery {
  const checked = query ?? {}
  const statuses =
    checked.status === undefined ? [] : typeof checked.status === 'string' ? [checked.status] : checked.status
  for (const status of statuses) {
    if (!isTaskStatus(status)) throw invalid(provider, 'status', `listTasks: "${String(status)}" is not a task status`)
  }
  for (const key of ['pageSize', 'limit'] as const) {
    const value = checked[key]
    if (value !== undefined && !isPositiveInteger(value)) {
      throw invalid(provider, key, `listTasks: ${key} must be a positive integer, got ${value}`)
    }
  }
  for (const key of ['createdAfter', 'createdBefore'] as const) {
    const value = checked[key]
    if (value !== undefined && !(value instanceof Date && !Number.isNaN(value.getTime()))) {
      throw invalid(provider, key, `listTasks: ${key} must be a valid Date`)
    }
  }
  return checked
}

/** Whether `error` is the abort of `signal`, which must reach the caller unwrapped. */
function isAbortOf(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted && error === signal.reason) return true
  return error instanceof Error && error.name === 'AbortError'
}

/** Keeps taskbridge errors and aborts as they are; wraps anything else so callers see one error family. */
export function normaliseError(error: unknown, provider: string, operation: Operation, signal?: AbortSignal): unknown {
  if (TaskbridgeError.is(error) || isAbortOf(error, signal)) return error
  const detail = error instanceof Error ? error.message : String(error)
  return new TaskbridgeError({ provider, message: `${operation} failed unexpectedly: ${detail}`, cause: error })
}

/** The {@link UnsupportedOperationError} of a missing operation, with the adapter's reason. */
export function unsupported(
  provider: string,
  operation: Operation,
  reason: string | undefined,
): UnsupportedOperationError {
  const message = `${operation} is not supported by the ${provider} adapter${reason ? `: ${reason}` : ''}`
  return new UnsupportedOperationError({ provider, operation, message })
}

/** Rejects an answer that is not an object, before any request is sent. */
export function checkAnswer(provider: string, answer: unknown): void {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw invalid(
      provider,
      'answer',
      `answerTask: the answer must be an object, got ${Array.isArray(answer) ? 'an array' : answer === null ? 'null' : typeof answer}`,
    )
  }
}
