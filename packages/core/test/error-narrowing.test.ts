// The type assertions here are checked by `tsc --noEmit` (the typecheck task
// compiles the tests); the runtime cases check each branch is the one taken.
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  type AnyTaskbridgeError,
  AuthenticationError,
  InvalidArgumentError,
  InvalidPayloadError,
  ProviderApiError,
  ProviderConnectionError,
  RateLimitError,
  TaskbridgeError,
  type TaskbridgeErrorCode,
  type TaskbridgeErrorName,
  TaskNotFoundError,
  TaskNotWaitingError,
  type TaskStatus,
  TimeoutError,
  UnsupportedOperationError,
} from '../src/index.js'

/** Names the class `switch (error.name)` narrowed to, asserting the narrowed type on the way. */
function narrowedClass(error: unknown): string {
  if (!TaskbridgeError.is(error)) return 'not a taskbridge error'
  expectTypeOf(error).toEqualTypeOf<AnyTaskbridgeError>()
  switch (error.name) {
    case 'TaskbridgeError':
      expectTypeOf(error.code).toEqualTypeOf<'ERR_TASKBRIDGE'>()
      return 'TaskbridgeError'
    case 'InvalidArgumentError':
      expectTypeOf(error).toEqualTypeOf<InvalidArgumentError>()
      expectTypeOf(error.argument).toEqualTypeOf<string | undefined>()
      return 'InvalidArgumentError'
    case 'AuthenticationError':
      expectTypeOf(error).toEqualTypeOf<AuthenticationError>()
      return 'AuthenticationError'
    case 'TaskNotFoundError':
      expectTypeOf(error).toEqualTypeOf<TaskNotFoundError>()
      expectTypeOf(error.taskId).toEqualTypeOf<string | undefined>()
      return 'TaskNotFoundError'
    case 'RateLimitError':
      expectTypeOf(error).toEqualTypeOf<RateLimitError>()
      expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>()
      return 'RateLimitError'
    case 'ProviderApiError':
      expectTypeOf(error).toEqualTypeOf<ProviderApiError>()
      return 'ProviderApiError'
    case 'ProviderConnectionError':
      expectTypeOf(error).toEqualTypeOf<ProviderConnectionError>()
      expectTypeOf(error.systemCode).toEqualTypeOf<string | undefined>()
      return 'ProviderConnectionError'
    case 'TimeoutError':
      expectTypeOf(error).toEqualTypeOf<TimeoutError>()
      return 'TimeoutError'
    case 'InvalidPayloadError':
      expectTypeOf(error).toEqualTypeOf<InvalidPayloadError>()
      return 'InvalidPayloadError'
    case 'UnsupportedOperationError':
      expectTypeOf(error).toEqualTypeOf<UnsupportedOperationError>()
      return 'UnsupportedOperationError'
    case 'TaskNotWaitingError':
      expectTypeOf(error).toEqualTypeOf<TaskNotWaitingError>()
      expectTypeOf(error.taskStatus).toEqualTypeOf<TaskStatus | undefined>()
      return 'TaskNotWaitingError'
    default:
      // Every name has a case: an added class without one fails to compile here.
      expectTypeOf(error).toBeNever()
      return 'unreachable'
  }
}

/** The same narrowing through the stable code. */
function narrowedByCode(error: AnyTaskbridgeError): string {
  switch (error.code) {
    case 'ERR_TASKBRIDGE_NOT_FOUND':
      expectTypeOf(error).toEqualTypeOf<TaskNotFoundError>()
      return error.name
    case 'ERR_TASKBRIDGE_CONNECTION':
      expectTypeOf(error).toEqualTypeOf<ProviderConnectionError>()
      return error.name
    default:
      return 'other'
  }
}

describe('narrowing a taskbridge error', () => {
  it('has literal name and code types on each class and unions of them on the base', () => {
    expectTypeOf<TaskNotFoundError['name']>().toEqualTypeOf<'TaskNotFoundError'>()
    expectTypeOf<TaskNotFoundError['code']>().toEqualTypeOf<'ERR_TASKBRIDGE_NOT_FOUND'>()
    expectTypeOf<ProviderConnectionError['code']>().toEqualTypeOf<'ERR_TASKBRIDGE_CONNECTION'>()
    expectTypeOf<TaskbridgeError['name']>().toEqualTypeOf<TaskbridgeErrorName>()
    expectTypeOf<TaskbridgeError['code']>().toEqualTypeOf<TaskbridgeErrorCode>()
    expectTypeOf<AnyTaskbridgeError['name']>().toEqualTypeOf<TaskbridgeErrorName>()
  })

  it.each([
    new TaskbridgeError({ message: 'm' }),
    new InvalidArgumentError({ message: 'm' }),
    new AuthenticationError({ message: 'm' }),
    new TaskNotFoundError({ message: 'm' }),
    new RateLimitError({ message: 'm' }),
    new ProviderApiError({ message: 'm' }),
    new ProviderConnectionError({ message: 'm' }),
    new TimeoutError({ message: 'm' }),
    new InvalidPayloadError({ message: 'm' }),
    new UnsupportedOperationError({ message: 'm' }),
    new TaskNotWaitingError({ message: 'm' }),
  ])('$name: switch (error.name) takes its own case', (error) => {
    expect(narrowedClass(error)).toBe(error.constructor.name)
  })

  it('switch (error.code) narrows too', () => {
    expect(narrowedByCode(new TaskNotFoundError({ message: 'm' }))).toBe('TaskNotFoundError')
    expect(narrowedByCode(new ProviderConnectionError({ message: 'm' }))).toBe('ProviderConnectionError')
    expect(narrowedByCode(new TimeoutError({ message: 'm' }))).toBe('other')
  })

  it('leaves a plain error or a lookalike alone', () => {
    expect(narrowedClass(new Error('m'))).toBe('not a taskbridge error')
    expect(narrowedClass({ name: 'TaskNotFoundError', code: 'ERR_TASKBRIDGE_NOT_FOUND' })).toBe(
      'not a taskbridge error',
    )
  })
})
