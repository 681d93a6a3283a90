// The emulated Conductor: workflows run their tasks one after the other on
// the virtual clock. Each task plays its own lifecycle in the task store;
// the next task is scheduled, dated when its predecessor ended, whenever a
// workflow is read, so big clock jumps give the same history as small ones.

import type { EmulatorClock } from '../toolkit/clock.js'
import { createTaskStore, type LifecycleStep, type StoredTask, type TaskStore } from '../toolkit/store.js'
import {
  endTask,
  isTerminalTaskStatus,
  isTerminalWorkflowStatus,
  type OrkesTaskPayload,
  type OrkesTaskSpec,
  type OrkesTaskStatus,
  type OrkesWorkflowPayload,
  type OrkesWorkflowStatus,
  scheduledTask,
  settleWorkflow,
  startTask,
  waitsForAnswer,
  workflowOutcomeOf,
  workflowPayload,
  workflowTaskOf,
} from './payloads.js'
import { ORKES_SEED_TASK_ID, orkesSeedTask, orkesSeedWorkflow, SEEDED_WORKFLOWS } from './seed-data.js'

/** A task is picked up by a worker 1 s after it is scheduled and completes 5 s after it was scheduled. */
export const TASK_LIFECYCLE: readonly LifecycleStep<OrkesTaskStatus>[] = [
  { afterMs: 1000, status: 'IN_PROGRESS' },
  { afterMs: 5000, status: 'COMPLETED' },
]

/** A HUMAN or signal WAIT task is in progress as soon as it is scheduled, and stays so until it is answered. */
const WAITING_LIFECYCLE: readonly LifecycleStep<OrkesTaskStatus>[] = [{ afterMs: 0, status: 'IN_PROGRESS' }]

const lifecycleOf = (spec: OrkesTaskSpec) => (waitsForAnswer(spec) ? WAITING_LIFECYCLE : TASK_LIFECYCLE)

/** The answer of a task update (`POST /api/tasks`). */
export type TaskUpdateOutcome = { ok: true } | { ok: false; status: 404; message: string }

/** How far apart the tasks of a workflow created in a fixed status are scheduled. */
const STATIC_TASK_SPACING_MS = 6000

/** A workflow to create. */
export interface WorkflowBlueprint {
  name: string
  tasks: readonly OrkesTaskSpec[]
  input: Record<string, unknown>
  correlationId?: string
  /** The start's idempotency key, kept on the workflow (`idempotencyKey`). */
  idempotencyKey?: string
}

/** A workflow created in a fixed status, whose scheduled tasks are in `taskStatuses` (in order). */
export interface StaticWorkflowBlueprint extends WorkflowBlueprint {
  status: OrkesWorkflowStatus
  taskStatuses: readonly OrkesTaskStatus[]
  startedAt: number
}

/** The answer of pause, resume and terminate. */
export type ControlOutcome = { ok: true } | { ok: false; status: 404 | 409; message: string }

/** The emulator's data and the operations its routes and harnesses need. */
export interface OrkesState {
  readonly tasks: TaskStore<OrkesTaskPayload>
  readonly workflows: TaskStore<OrkesWorkflowPayload>
  /** A copy of the task, up to date with the clock. */
  task(id: string): OrkesTaskPayload | undefined
  /** A copy of the workflow, with its tasks (or `[]` when `includeTasks` is false). */
  workflow(id: string, includeTasks: boolean): OrkesWorkflowPayload | undefined
  allTasks(): OrkesTaskPayload[]
  allWorkflows(): OrkesWorkflowPayload[]
  /** Starts a workflow that runs on the clock; returns its id and its first task's id. */
  start(blueprint: WorkflowBlueprint): { workflowId: string; taskIds: string[] }
  /** Adds a workflow that stays in the given status until told otherwise. */
  addStatic(blueprint: StaticWorkflowBlueprint): { workflowId: string; taskIds: string[] }
  pause(id: string): ControlOutcome
  resume(id: string): ControlOutcome
  terminate(id: string, reason: string | undefined): ControlOutcome
  /**
   * Completes a task with this output, as a TaskResult update does, and moves
   * its workflow on. Like Conductor, an update of a task that has ended
   * changes nothing and is no error.
   */
  complete(taskId: string, output: Record<string, unknown>): TaskUpdateOutcome
  /** Back to the seeded data, with the same ids as the first time. */
  reseed(): void
}

interface LiveRun {
  pending: OrkesTaskSpec[]
  /** The next task is not scheduled before this time (the last resume). */
  notBefore: number
}

/** Time-based ids shaped like the seed's (UUID v1 with the same node), counted so they are reproducible. */
function createIds() {
  let count = 0
  return {
    next: () => `${(0x7a000000 + ++count).toString(16)}-0586-11f1-8b8d-6219b54da7fe`,
    reset: () => {
      count = 0
    },
  }
}

const notFound = (id: string): ControlOutcome => ({
  ok: false,
  status: 404,
  message: `No such workflow found by id: ${id}`,
})
const conflict = (message: string): ControlOutcome => ({ ok: false, status: 409, message })

/** The Orkes emulator's tasks and workflows, each workflow running its tasks in order on the virtual clock. */
export function createOrkesState(clock: EmulatorClock): OrkesState {
  const ids = createIds()
  /** What each task outputs when it completes. */
  const outputs = new Map<string, object>()
  /** Each workflow's tasks, in scheduling order. */
  const taskIdsOf = new Map<string, string[]>()
  const runs = new Map<string, LiveRun>()

  const tasks = createTaskStore<OrkesTaskPayload>({
    clock,
    applyStep: (task, step, at) => {
      if (step.status === 'IN_PROGRESS') startTask(task.data, at)
      else endTask(task.data, step.status as OrkesTaskStatus, at, outputs.get(task.id) ?? {})
    },
  })
  // Workflows get no plan of their own (`sync` derives their progress from their tasks); a plan added by hand still applies.
  const workflows = createTaskStore<OrkesWorkflowPayload>({
    clock,
    applyStep: (workflow, step, at) => settleWorkflow(workflow.data, step.status as OrkesWorkflowStatus, [], at),
  })

  const tasksOf = (workflowId: string): OrkesTaskPayload[] =>
    (taskIdsOf.get(workflowId) ?? []).flatMap((id) => {
      const task = tasks.get(id)
      return task ? [task.data] : []
    })

  const addWorkflow = (blueprint: WorkflowBlueprint, startedAt: number): OrkesWorkflowPayload => {
    const workflowId = ids.next()
    const data = workflowPayload({
      workflowId,
      name: blueprint.name,
      version: 1,
      input: blueprint.input,
      correlationId: blueprint.correlationId,
      idempotencyKey: blueprint.idempotencyKey,
      priority: 0,
      createdBy: 'emulator@taskbridge.dev',
      startedAt,
      definitionTasks: blueprint.tasks.map(workflowTaskOf),
    })
    workflows.add(workflowId, data)
    taskIdsOf.set(workflowId, [])
    return data
  }

  /** Schedules a task at `at`; with a plan, the steps due between `at` and now are played, dated when due. */
  const schedule = (
    workflow: OrkesWorkflowPayload,
    spec: OrkesTaskSpec,
    at: number,
    plan: readonly LifecycleStep[],
  ): StoredTask<OrkesTaskPayload> => {
    const siblings = taskIdsOf.get(workflow.workflowId) ?? []
    const taskId = ids.next()
    outputs.set(taskId, spec.output)
    const stored = tasks.add(
      taskId,
      scheduledTask({ taskId, seq: siblings.length + 1, spec, workflow, scheduledTime: at }),
      plan,
    )
    siblings.push(taskId)
    taskIdsOf.set(workflow.workflowId, siblings)
    workflow.updateTime = Math.max(workflow.updateTime, at)
    stored.elapsedMs = clock.now() - at
    return tasks.get(taskId) ?? stored
  }

  /** Brings a running workflow up to date: schedules what is due, or ends it. */
  const sync = (workflowId: string): void => {
    const run = runs.get(workflowId)
    const workflow = workflows.get(workflowId)?.data
    if (!run || !workflow) return
    for (;;) {
      const all = tasksOf(workflowId)
      const last = all.at(-1)
      if (!last || !isTerminalTaskStatus(last.status)) return
      workflow.updateTime = Math.max(workflow.updateTime, last.updateTime)
      const outcome = workflowOutcomeOf(last)
      if (outcome || (run.pending.length === 0 && workflow.status === 'RUNNING')) {
        runs.delete(workflowId)
        settleWorkflow(workflow, outcome ?? 'COMPLETED', all, last.endTime)
        return
      }
      // A paused workflow lets its running task finish but schedules nothing new.
      const next = workflow.status === 'PAUSED' ? undefined : run.pending.shift()
      if (!next) return
      schedule(workflow, next, Math.max(last.endTime, run.notBefore), lifecycleOf(next))
    }
  }

  const syncedWorkflow = (id: string): OrkesWorkflowPayload | undefined => {
    sync(id)
    return workflows.get(id)?.data
  }

  const settleStaticTask = (task: OrkesTaskPayload, status: OrkesTaskStatus, spec: OrkesTaskSpec, at: number) => {
    if (status === 'SCHEDULED') return
    if (status === 'SKIPPED') return endTask(task, status, at, {})
    startTask(task, at + 1000)
    if (isTerminalTaskStatus(status)) endTask(task, status, at + 5000, spec.output)
  }

  const addStatic = (blueprint: StaticWorkflowBlueprint) => {
    const workflow = addWorkflow(blueprint, blueprint.startedAt)
    blueprint.taskStatuses.forEach((status, index) => {
      const spec = blueprint.tasks[index]
      if (!spec) throw new RangeError(`${blueprint.name} has no task #${index + 1}`)
      const at = blueprint.startedAt + index * STATIC_TASK_SPACING_MS
      settleStaticTask(schedule(workflow, spec, at, []).data, status, spec, at)
    })
    const all = tasksOf(workflow.workflowId)
    const lastChange = Math.max(workflow.createTime, ...all.map((task) => task.updateTime))
    settleWorkflow(workflow, blueprint.status, all, lastChange)
    if (blueprint.status === 'TERMINATED') workflow.reasonForIncompletion = 'Terminated by an operator'
    return { workflowId: workflow.workflowId, taskIds: taskIdsOf.get(workflow.workflowId) ?? [] }
  }

  const start = (blueprint: WorkflowBlueprint) => {
    const [first, ...rest] = blueprint.tasks
    if (!first) throw new RangeError(`${blueprint.name} has no tasks`)
    const workflow = addWorkflow(blueprint, clock.now())
    runs.set(workflow.workflowId, { pending: rest, notBefore: clock.now() })
    schedule(workflow, first, clock.now(), lifecycleOf(first))
    return { workflowId: workflow.workflowId, taskIds: taskIdsOf.get(workflow.workflowId) ?? [] }
  }

  const pause = (id: string): ControlOutcome => {
    const workflow = syncedWorkflow(id)
    if (!workflow) return notFound(id)
    // The open-source server does nothing for a workflow that is already paused.
    if (workflow.status === 'PAUSED') return { ok: true }
    if (workflow.status !== 'RUNNING')
      return conflict(`Workflow ${id} is ${workflow.status}, only a RUNNING workflow can be paused.`)
    workflow.status = 'PAUSED'
    workflow.updateTime = clock.now()
    return { ok: true }
  }

  const resume = (id: string): ControlOutcome => {
    const workflow = syncedWorkflow(id)
    if (!workflow) return notFound(id)
    // The open-source server refuses this (its message is copied here); Orkes'
    // docs say resuming a workflow that is not paused has no effect. The
    // sources disagree; the emulator follows the server's code.
    if (workflow.status !== 'PAUSED')
      return conflict(`The workflow ${id} is not PAUSED so cannot resume. Current status is ${workflow.status}`)
    workflow.status = 'RUNNING'
    workflow.updateTime = clock.now()
    const run = runs.get(id)
    if (run) run.notBefore = clock.now()
    sync(id)
    return { ok: true }
  }

  const terminate = (id: string, reason: string | undefined): ControlOutcome => {
    const workflow = syncedWorkflow(id)
    if (!workflow) return notFound(id)
    if (isTerminalWorkflowStatus(workflow.status))
      return conflict(`Workflow ${id} has ended, status cannot be updated.`)
    const now = clock.now()
    runs.delete(id)
    for (const task of tasksOf(id).filter((each) => !isTerminalTaskStatus(each.status))) {
      tasks.end(task.taskId)
      endTask(task, 'CANCELED', now, {})
    }
    settleWorkflow(workflow, 'TERMINATED', tasksOf(id), now)
    if (reason !== undefined) workflow.reasonForIncompletion = reason
    return { ok: true }
  }

  const complete = (taskId: string, output: Record<string, unknown>): TaskUpdateOutcome => {
    const found = tasks.get(taskId)
    if (!found) return { ok: false, status: 404, message: `No such task found by id: ${taskId}` }
    sync(found.data.workflowInstanceId)
    if (isTerminalTaskStatus(found.data.status)) return { ok: true }
    tasks.end(taskId)
    endTask(found.data, 'COMPLETED', clock.now(), output)
    sync(found.data.workflowInstanceId)
    return { ok: true }
  }

  const reseed = () => {
    tasks.clear()
    workflows.clear()
    outputs.clear()
    taskIdsOf.clear()
    runs.clear()
    ids.reset()
    const seedTask = orkesSeedTask()
    const seedWorkflow = orkesSeedWorkflow(seedTask)
    workflows.add(seedWorkflow.workflowId, seedWorkflow)
    tasks.add(ORKES_SEED_TASK_ID, seedTask)
    taskIdsOf.set(seedWorkflow.workflowId, [ORKES_SEED_TASK_ID])
    const now = clock.now()
    SEEDED_WORKFLOWS.forEach((seeded, index) => {
      addStatic({ ...seeded, startedAt: now - (SEEDED_WORKFLOWS.length - index) * 60_000 })
    })
  }

  return {
    tasks,
    workflows,
    task(id) {
      const found = tasks.get(id)
      if (!found) return undefined
      sync(found.data.workflowInstanceId)
      return structuredClone(found.data)
    },
    workflow(id, includeTasks) {
      const found = syncedWorkflow(id)
      if (!found) return undefined
      // Without tasks the server still sends the (then empty) list.
      return structuredClone({ ...found, tasks: includeTasks ? tasksOf(id) : [] })
    },
    allTasks() {
      for (const { id } of workflows.list()) sync(id)
      return tasks.list().map(({ data }) => structuredClone(data))
    },
    allWorkflows() {
      return workflows.list().map(({ id }) => structuredClone(syncedWorkflow(id) as OrkesWorkflowPayload))
    },
    start,
    addStatic,
    pause,
    resume,
    terminate,
    complete,
    reseed,
  }
}
