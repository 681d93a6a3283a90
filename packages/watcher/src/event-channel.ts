/**
 * Events handed from the watcher to one consumer: buffered until read, and
 * ended by `close()` once the buffer is read.
 */
export interface EventChannel<E> {
  push(event: E): void
  close(): void
  iterator(onReturn: () => Promise<void>): AsyncIterator<E, undefined>
}

/** Creates an {@link EventChannel}. */
export function createEventChannel<E>(): EventChannel<E> {
  const buffered: E[] = []
  let head = 0
  let closed = false
  let wake: (() => void) | undefined

  const take = (): IteratorResult<E, undefined> | undefined => {
    if (head < buffered.length) {
      const value = buffered[head] as E
      head += 1
      // Compacted now and then, so a long run does not keep every event read.
      if (head > 1024 && head * 2 > buffered.length) {
        buffered.splice(0, head)
        head = 0
      }
      return { done: false, value }
    }
    return closed ? { done: true, value: undefined } : undefined
  }

  return {
    push(event) {
      if (closed) return
      buffered.push(event)
      wake?.()
    },
    close() {
      closed = true
      wake?.()
    },
    iterator(onReturn) {
      return {
        async next() {
          for (;;) {
            const result = take()
            if (result) return result
            await new Promise<void>((resolve) => {
              wake = resolve
            })
            wake = undefined
          }
        },
        async return() {
          await onReturn()
          return { done: true, value: undefined }
        },
      }
    },
  }
}
