/**
 * Waits for `promise`, or rejects with the signal's reason as soon as the
 * signal aborts, whichever comes first. Use it where work cannot be cancelled
 * itself but the caller must not wait for it.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) {
    // The work goes on in the background; its outcome must not become an unhandled rejection.
    promise.catch(() => {})
    return Promise.reject(signal.reason)
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
