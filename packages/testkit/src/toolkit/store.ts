import type { EmulatorClock } from './clock.js'

/** A status change that happens `afterMs` of running time after the task starts. */
export interface LifecycleStep<Status extends string = string> {
  afterMs: number
  status: Status
}

/** What the store knows of one task. `data` is the provider-shaped payload the emulator serves. */
export interface StoredTask<Data> {
  readonly id: string
  data: Data
  /** Remaining steps, in order. */
  plan: LifecycleStep[]
  /** Running time so far, in milliseconds: time spent paused does not count. */
  elapsedMs: number
  paused: boolean
}

/** Options of {@link createTaskStore}. */
export interface TaskStoreOptions<Data> {
  clock: EmulatorClock
  /** Applies a due step to a task's payload (its status, timestamps, output, …). */
  applyStep(task: StoredTask<Data>, step: LifecycleStep, atMs: number): void
}

/**
 * Tasks in insertion order, each with a lifecycle plan played against the
 * virtual clock. Reading a task first plays the steps that are due, so the
 * emulator's answers always match the clock.
 */
export interface TaskStore<Data> {
  add(id: string, data: Data, plan?: readonly LifecycleStep[]): StoredTask<Data>
  /** The task, advanced to the clock's time; `undefined` when there is none. */
  get(id: string): StoredTask<Data> | undefined
  /** Every task, advanced to the clock's time, in insertion order. */
  list(): StoredTask<Data>[]
  /** Freezes the task's lifecycle until {@link TaskStore.resume}. */
  pause(id: string): void
  resume(id: string): void
  /** Drops the rest of the task's lifecycle (it was stopped or finished by hand). */
  end(id: string): void
  delete(id: string): boolean
  clear(): void
  readonly size: number
}

/**
 * Creates a {@link TaskStore}: tasks in insertion order, each advanced
 * through its lifecycle plan as the virtual clock moves.
 *
 * @example
 * ```ts
 * const jobs = createTaskStore<Job>({ clock, applyStep: (task, step) => (task.data.state = step.status) })
 * jobs.add('job-1', { id: 'job-1', state: 'queued' }, [{ afterMs: 1000, status: 'working' }])
 * clock.advance(1000)
 * jobs.get('job-1')?.data.state // 'working'
 * ```
 */
export function createTaskStore<Data>(options: TaskStoreOptions<Data>): TaskStore<Data> {
  const { clock } = options
  const tasks = new Map<string, StoredTask<Data> & { lastSeenMs: number }>()

  const advance = (task: StoredTask<Data> & { lastSeenMs: number }) => {
    const now = clock.now()
    if (!task.paused) task.elapsedMs += now - task.lastSeenMs
    task.lastSeenMs = now
    while (task.plan.length > 0 && (task.plan[0]?.afterMs ?? 0) <= task.elapsedMs) {
      const step = task.plan.shift() as LifecycleStep
      // When the clock jumped over a step, the step is dated when it was due.
      options.applyStep(task, step, now - (task.elapsedMs - step.afterMs))
    }
    return task
  }

  const require = (id: string) => {
    const task = tasks.get(id)
    if (!task) throw new Error(`task store: no task ${id}`)
    return advance(task)
  }

  return {
    add(id, data, plan = []) {
      const task = {
        id,
        data,
        plan: [...plan].sort((a, b) => a.afterMs - b.afterMs),
        elapsedMs: 0,
        paused: false,
        lastSeenMs: clock.now(),
      }
      tasks.set(id, task)
      return advance(task)
    },
    get: (id) => {
      const task = tasks.get(id)
      return task && advance(task)
    },
    list: () => [...tasks.values()].map(advance),
    pause(id) {
      require(id).paused = true
    },
    resume(id) {
      require(id).paused = false
    },
    end(id) {
      require(id).plan = []
    },
    delete: (id) => tasks.delete(id),
    clear: () => tasks.clear(),
    get size() {
      return tasks.size
    },
  }
}
