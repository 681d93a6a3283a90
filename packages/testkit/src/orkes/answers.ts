// The task update that answers a HUMAN or WAIT task, and the harnesses'
// waiting tasks: a workflow whose first task waits for a person.

import type { RouteDefinition } from '../toolkit/server.js'
import { type OrkesTaskSpec, orkesError } from './payloads.js'
import type { OrkesState } from './state.js'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * `POST /api/tasks` with a TaskResult (`workflowInstanceId`, `taskId`,
 * `status`, `outputData`): answers the task id as text, as Conductor's
 * TaskResource does. Only `COMPLETED` is emulated; an unknown task is a 404.
 */
export function updateTaskRoute(state: OrkesState): RouteDefinition {
  return {
    name: 'updateTask',
    method: 'POST',
    path: '/api/tasks',
    payload: 'none',
    handler: ({ body }) => {
      const result = isRecord(body) ? body : {}
      const { taskId, status } = result
      if (typeof taskId !== 'string' || taskId === '') {
        return { status: 400, body: orkesError(400, 'taskId cannot be null or empty') }
      }
      if (status !== 'COMPLETED') {
        return { status: 400, body: orkesError(400, `The emulator completes tasks only, got status ${String(status)}`) }
      }
      const outcome = state.complete(taskId, isRecord(result.outputData) ? result.outputData : {})
      return outcome.ok
        ? { status: 200, body: taskId }
        : { status: outcome.status, body: orkesError(outcome.status, outcome.message) }
    },
  }
}

/** A HUMAN approval as Orkes publishes it in progress: its form state in `__humanTaskProcessContext`. */
export function humanApprovalSpec(subject: string): OrkesTaskSpec {
  return {
    name: 'approve_refund',
    referenceName: 'approve_refund_ref',
    type: 'HUMAN',
    input: {
      subject,
      __humanTaskProcessContext: { state: 'ASSIGNED', humanTaskTriggerLog: [], humanTaskActionLogs: [] },
    },
    output: {},
  }
}

/** A WAIT task that waits for a signal (no `duration`, no `until`). */
export function signalWaitSpec(subject: string): OrkesTaskSpec {
  return { name: 'wait_for_signal', referenceName: 'wait_for_signal_ref', type: 'WAIT', input: { subject }, output: {} }
}

/** A worker task that runs after the answer, so the workflow goes on running before it completes. */
function followUpSpec(subject: string): OrkesTaskSpec {
  return {
    name: 'apply_decision',
    referenceName: 'apply_decision_ref',
    input: { subject },
    output: { applied: true },
  }
}

/** Starts a workflow whose first task waits for a person; returns the workflow's id and the waiting task's. */
export function startWaitingWorkflow(
  state: OrkesState,
  subject: string,
  kind: 'HUMAN' | 'WAIT' = 'HUMAN',
): { workflowId: string; taskId: string } {
  const waiting = kind === 'HUMAN' ? humanApprovalSpec(subject) : signalWaitSpec(subject)
  const started = state.start({
    name: 'refund_approval',
    tasks: [waiting, followUpSpec(subject)],
    input: { subject },
  })
  return { workflowId: started.workflowId, taskId: started.taskIds[0] as string }
}
