/**
 * What `promise` rejects with, so a test can inspect a typed error; throws
 * when the promise resolves instead.
 *
 * @example
 * ```ts
 * const error = await rejectionOf(adapter.getTask('missing'))
 * expect(TaskNotFoundError.is(error)).toBe(true)
 * ```
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject, but it resolved')
}

/** What `action` throws; throws when it returns instead. */
export function thrownBy(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw, but the call returned')
}
