// Debug output: what taskbridge did quietly on the caller's behalf (an event
// dropped, say), for whoever asks to hear it. Nothing is printed unasked.

/** One thing taskbridge did quietly, as {@link onTaskbridgeDebug} reports it. */
export interface TaskbridgeDebugRecord {
  /** The adapter's name. */
  provider: string
  /** The operation that did it, such as `streamTask`. */
  operation: string
  /** The task it concerned. */
  taskId?: string | undefined
  /** What happened, in words. */
  message: string
  /** Counts and ids that say more. */
  details?: Record<string, unknown> | undefined
}

/** What {@link onTaskbridgeDebug} calls with each record. */
export type TaskbridgeDebugListener = (record: TaskbridgeDebugRecord) => void

const listeners = new Set<TaskbridgeDebugListener>()

/**
 * Hears taskbridge's debug output: each record goes to `listener` until the
 * returned function is called. A listener that throws is ignored, so debug
 * output never breaks the work it describes. Records carry ids and counts,
 * never credentials.
 *
 * @example
 * ```ts
 * const stop = onTaskbridgeDebug((record) => console.error(`[${record.provider}] ${record.message}`))
 * // … later
 * stop()
 * ```
 */
export function onTaskbridgeDebug(listener: TaskbridgeDebugListener): () => void {
  const own = (record: TaskbridgeDebugRecord) => listener(record)
  listeners.add(own)
  return () => {
    listeners.delete(own)
  }
}

/** Sends a record to every listener of {@link onTaskbridgeDebug}. */
export function emitTaskbridgeDebug(record: TaskbridgeDebugRecord): void {
  for (const listener of listeners) {
    try {
      listener(record)
    } catch {
      // Debug output must not change what it reports on.
    }
  }
}

/**
 * Counts the events of one task's stream that were about another task, and
 * reports each as debug output with the count so far: a stream yields only
 * its own task, whatever the provider sends.
 *
 * @example
 * ```ts
 * const dropForeign = countForeignTasks('acme', 'streamTask', id)
 * if (event.taskId !== id) dropForeign(event.taskId)
 * ```
 */
export function countForeignTasks(provider: string, operation: string, taskId: string): (foreignId: string) => void {
  let dropped = 0
  return (foreignId) => {
    dropped += 1
    emitTaskbridgeDebug({
      provider,
      operation,
      taskId,
      message: `${operation}(${taskId}): dropped an event for another task (${dropped} so far)`,
      details: { foreignId, dropped },
    })
  }
}
