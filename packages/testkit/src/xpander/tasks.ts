import { randomUUID } from 'node:crypto'
import type { EmulatorClock } from '../toolkit/clock.js'
import { createTaskStore, type LifecycleStep, type StoredTask, type TaskStore } from '../toolkit/store.js'
import {
  EMULATOR_WORKER_ID,
  isoMicros,
  isXpanderTerminal,
  latestTimestampOf,
  newTaskPayload,
  resultFor,
  settleInStatus,
  XPANDER_RUN_TIMING,
  type XpanderStatus,
  type XpanderTaskInput,
  type XpanderTaskPayload,
} from './payloads.js'
import { XPANDER_SEED_AGENT_IDS, xpanderSeedTasks } from './seed-data.js'

/** What an invocation sets on a task: its input and the options it was given. */
export type XpanderInvocation = { input: XpanderTaskInput } & Partial<XpanderTaskPayload>

/** The emulator's tasks and what can happen to them. */
export interface XpanderTasks {
  readonly store: TaskStore<XpanderTaskPayload>
  /** The organisation whose key the emulator accepts. */
  readonly organizationId: string
  /** The clock the tasks move by. */
  readonly clock: EmulatorClock
  /** A new task that runs: `pending`, `executing` after 1 s, `completed` after 5 s. */
  invoke(agentId: string, invocation: XpanderInvocation): XpanderTaskPayload
  /** A new turn of an existing task: the same record, back to `pending` with the new input, running again. */
  continueTask(task: StoredTask<XpanderTaskPayload>, invocation: XpanderInvocation): XpanderTaskPayload
  /** A new task that stays in `status` until a request changes it. */
  addInStatus(status: XpanderStatus, overrides?: Partial<XpanderTaskPayload>): XpanderTaskPayload
  /** Stops a task that has not ended; a task that has ended is left as it is. */
  stop(task: StoredTask<XpanderTaskPayload>): XpanderTaskPayload
  /** Deletes a task and its sub-executions. */
  remove(task: StoredTask<XpanderTaskPayload>): void
  /** When the task last changed (the list's `updated_at`). */
  updatedAtOf(task: XpanderTaskPayload): string
  /** Back to the seeded tasks only. */
  reseed(): void
}

const runPlan: readonly LifecycleStep<XpanderStatus>[] = [
  { afterMs: XPANDER_RUN_TIMING.startsAfterMs, status: 'executing' },
  { afterMs: XPANDER_RUN_TIMING.completesAfterMs, status: 'completed' },
]

/** The fields a new turn clears: what the previous turn left behind. */
const freshTurn: Partial<XpanderTaskPayload> = {
  status: 'pending',
  started_at: null,
  paused_at: null,
  finished_at: null,
  result: null,
  hitl_request: null,
  pending_eca_request: null,
  is_manually_stopped: false,
  worker_id: null,
  last_executed_node_id: null,
  internal_status: null,
}

/** Creates the task book of one emulator, filled with the seeded tasks. */
export function createXpanderTasks(options: { clock: EmulatorClock; organizationId: string }): XpanderTasks {
  const { clock, organizationId } = options
  // The full record has no updated_at, so the list's value is kept here.
  const updatedAt = new Map<string, string>()
  const touch = (id: string, at: string) => updatedAt.set(id, at)

  const store = createTaskStore<XpanderTaskPayload>({
    clock,
    applyStep(task, step, atMs) {
      const at = isoMicros(atMs)
      task.data.status = step.status as XpanderStatus
      if (step.status === 'executing') {
        task.data.started_at = at
        task.data.worker_id = EMULATOR_WORKER_ID
      }
      if (isXpanderTerminal(step.status)) task.data.finished_at = at
      if (step.status === 'completed') task.data.result = resultFor(task.data.output_format, task.data.input.text)
      touch(task.id, at)
    },
  })

  const newPayload = (agentId: string, overrides: Partial<XpanderTaskPayload>, createdAtMs: number) =>
    newTaskPayload({ id: randomUUID(), agentId, organizationId, createdAtMs, text: 'Emulated task' }, overrides)

  const removeWithSubExecutions = (id: string) => {
    const task = store.get(id)
    if (!task) return
    store.delete(id)
    updatedAt.delete(id)
    for (const subId of task.data.sub_executions) removeWithSubExecutions(subId)
  }

  const reseed = () => {
    store.clear()
    updatedAt.clear()
    for (const task of xpanderSeedTasks(clock.now(), organizationId)) store.add(task.id, task)
  }
  reseed()

  return {
    store,
    organizationId,
    clock,
    invoke(agentId, invocation) {
      const task = newPayload(agentId, invocation, clock.now())
      store.add(task.id, task, runPlan)
      return task
    },
    continueTask(task, invocation) {
      const next: XpanderTaskPayload = { ...task.data, ...freshTurn, ...invocation }
      // Adding under the same id keeps the task's place and restarts its lifecycle.
      store.add(task.id, next, runPlan)
      touch(task.id, isoMicros(clock.now()))
      return next
    },
    addInStatus(status, overrides = {}) {
      // Dated so that its last step (6 s after creation) is now, never in the future.
      const createdAtMs = clock.now() - 6000
      const task = newPayload(XPANDER_SEED_AGENT_IDS.research, overrides, createdAtMs)
      settleInStatus(task, status, createdAtMs)
      Object.assign(task, overrides)
      store.add(task.id, task)
      return task
    },
    stop(task) {
      if (isXpanderTerminal(task.data.status)) return task.data
      store.end(task.id)
      const at = isoMicros(clock.now())
      Object.assign(task.data, { status: 'stopped', is_manually_stopped: true, finished_at: at })
      touch(task.id, at)
      return task.data
    },
    remove: (task) => removeWithSubExecutions(task.id),
    updatedAtOf: (task) => updatedAt.get(task.id) ?? latestTimestampOf(task),
    reseed,
  }
}
