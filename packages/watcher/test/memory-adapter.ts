import { defineAdapter, type Task, TaskNotFoundError, type TaskStatus } from '@taskbridge/core'

/** An in-memory provider for scheduling tests on fake timers: tasks whose status a test sets, and a log of reads. */
export function createMemoryProvider(provider = 'memory') {
  const tasks = new Map<string, { status: TaskStatus; updatedAt: number }>()
  const reads: { id: string; at: number }[] = []
  let inFlight = 0
  let maxInFlight = 0
  /** Errors the next reads of an id throw, in order. */
  const failures = new Map<string, Error[]>()
  /** Ids whose reads answer with another task's id (a confused proxy or cache). */
  const answerAs = new Map<string, string>()
  /** Milliseconds a read takes, on the (fake) clock. */
  let latencyMs = 0

  const adapter = defineAdapter({
    provider,
    async getTask(id) {
      reads.push({ id, at: Date.now() })
      inFlight += 1
      maxInFlight = Math.max(maxInFlight, inFlight)
      try {
        if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
        const failure = failures.get(id)?.shift()
        if (failure) throw failure
        const state = tasks.get(id)
        if (!state) throw new TaskNotFoundError({ provider, taskId: id, message: `no task ${id}` })
        return {
          id: answerAs.get(id) ?? id,
          adapter: provider,
          provider,
          status: state.status,
          providerStatus: state.status,
          updatedAt: new Date(state.updatedAt),
          raw: state,
          metadata: {},
        } satisfies Task
      } finally {
        inFlight -= 1
      }
    },
  })

  return {
    adapter,
    reads,
    failures,
    answerAs,
    get maxInFlight() {
      return maxInFlight
    },
    set latencyMs(ms: number) {
      latencyMs = ms
    },
    set(id: string, status: TaskStatus) {
      tasks.set(id, { status, updatedAt: Date.now() })
    },
    /** Reads started in each window of one second, [from, from + 1000), for every start time seen. */
    maxReadsInAnySecond(): number {
      const times = reads.map((read) => read.at).sort((a, b) => a - b)
      let most = 0
      for (let i = 0, j = 0; j < times.length; j += 1) {
        while ((times[j] as number) - (times[i] as number) >= 1000) i += 1
        most = Math.max(most, j - i + 1)
      }
      return most
    },
  }
}
