import type { Task } from '../src/index.js'

/** A minimal valid running task; `overrides` replace any field. */
export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 'task-1',
    provider: 'memory',
    status: 'running',
    providerStatus: 'RUNNING',
    metadata: {},
    raw: { state: 'RUNNING' },
    ...overrides,
  }
}

/** A promise that never settles by itself and rejects with the signal's reason when it aborts. */
export function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return
    if (signal.aborted) return reject(signal.reason)
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
}
