import type { TaskAnswer, TaskRequest } from '@taskbridge/core'

/** Why a Conductor task waits for a person, and what it asks. */
export interface OrkesWait {
  reason: 'approval' | 'input'
  request: TaskRequest
}

/** The fields of a Conductor task (full or summary) that say whether it waits for a person. */
export interface OrkesWaitFields {
  taskType?: string | null | undefined
  status?: string | null | undefined
  referenceTaskName?: string | null | undefined
  taskDefName?: string | null | undefined
  inputData?: unknown
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isSet = (value: unknown) => value !== undefined && value !== null && value !== ''

/**
 * What an in-progress Conductor task waits for, when it waits for a person:
 * - a HUMAN task in progress waits for a person's decision on its form
 *   (`approval`; Orkes' published HUMAN payload is `IN_PROGRESS` with
 *   `inputData.__humanTaskProcessContext.state: "ASSIGNED"`);
 * - a WAIT task with neither `duration` nor `until` in its input waits for
 *   an external signal (`input`); a WAIT with either only waits for time, so
 *   it stays `running`.
 *
 * The request keeps the task's type and input, as received, in `metadata`.
 */
export function orkesWaitOf(task: OrkesWaitFields): OrkesWait | undefined {
  if (task.status !== 'IN_PROGRESS') return undefined
  const inputData = isRecord(task.inputData) ? task.inputData : {}
  const title = task.referenceTaskName ?? task.taskDefName ?? undefined
  const metadata = { taskType: task.taskType, inputData }
  if (task.taskType === 'HUMAN') {
    return { reason: 'approval', request: { kind: 'approval', ...(title && { title }), metadata } }
  }
  if (task.taskType === 'WAIT' && !isSet(inputData.duration) && !isSet(inputData.until)) {
    return { reason: 'input', request: { kind: 'input', ...(title && { title }), metadata } }
  }
  return undefined
}

/** The waiting task among a workflow's tasks (the last one in progress that waits for a person). */
export function waitingTaskOf(
  tasks: readonly unknown[] | null | undefined,
): (OrkesWait & { taskId: string }) | undefined {
  for (const task of [...(tasks ?? [])].reverse()) {
    if (!isRecord(task) || typeof task.taskId !== 'string') continue
    const wait = orkesWaitOf(task as OrkesWaitFields)
    if (wait) return { ...wait, taskId: task.taskId }
  }
  return undefined
}

/**
 * The output a waiting task completes with: the answer's `data` fields, and
 * `approved` and `text` when given, for the workflow's next tasks to read
 * (`${ref.output.approved}`).
 */
export function orkesAnswerOutput(answer: TaskAnswer): Record<string, unknown> {
  return {
    ...answer.data,
    ...(answer.approved !== undefined && { approved: answer.approved }),
    ...(answer.text !== undefined && { text: answer.text }),
  }
}
