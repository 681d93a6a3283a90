import {
  AuthenticationError,
  InvalidArgumentError,
  InvalidPayloadError,
  ProviderApiError,
  ProviderConnectionError,
  RateLimitError,
  TaskNotFoundError,
  TaskNotWaitingError,
  TimeoutError,
  UnsupportedOperationError,
} from '@taskbridge/core'

/** The exit codes of the `taskbridge` command, documented in its README. */
export const ExitCode = {
  /** Done; for `watch`, the task ended well. */
  Ok: 0,
  /** Something unexpected. */
  Error: 1,
  /** Bad command line: unknown command or option, missing argument, bad value, unsupported operation. */
  Usage: 2,
  /** The provider refused the credentials, or none were configured. */
  Auth: 3,
  /** No task with that id: a `TaskNotFoundError`. A 404 on any other route (a wrong base URL, an agent card) is `Provider`. */
  NotFound: 4,
  /** The provider failed: an error status, rate limit, no connection, or a payload we cannot read. */
  Provider: 5,
  /** `watch`: the task ended failed, cancelled or timed out. */
  TaskFailed: 6,
  /** A call, or `watch --timeout`, ran out of time. */
  Timeout: 7,
  /** `answer`: the task no longer waits for an answer (nothing was sent). */
  NotWaiting: 8,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** The exit code for an error thrown by an adapter or the CLI itself. */
export function exitCodeFor(error: unknown): ExitCode {
  if (InvalidArgumentError.is(error) || UnsupportedOperationError.is(error)) return ExitCode.Usage
  if (AuthenticationError.is(error)) return ExitCode.Auth
  if (TaskNotFoundError.is(error)) return ExitCode.NotFound
  if (TimeoutError.is(error)) return ExitCode.Timeout
  if (TaskNotWaitingError.is(error)) return ExitCode.NotWaiting
  if (
    ProviderApiError.is(error) ||
    RateLimitError.is(error) ||
    ProviderConnectionError.is(error) ||
    InvalidPayloadError.is(error)
  ) {
    return ExitCode.Provider
  }
  return ExitCode.Error
}

/** What an exit code means, for messages. */
export function describeExitCode(code: ExitCode): string {
  const names: Record<ExitCode, string> = {
    0: 'ok',
    1: 'unexpected error',
    2: 'usage',
    3: 'authentication',
    4: 'not found',
    5: 'provider error',
    6: 'task failed',
    7: 'timeout',
    8: 'not waiting',
  }
  return names[code]
}
