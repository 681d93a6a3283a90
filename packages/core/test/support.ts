import type { Task } from '../src/index.js'

/** A minimal valid running task; `overrides` replace any field. */
export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 'task-1',
    adapter: 'memory',
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

/** What `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject, but it resolved')
}

/** What `action` throws; fails the test when it returns. */
export function thrownBy(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw, but it returned')
}
