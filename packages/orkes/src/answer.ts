import { type CallOptions, type Task, type TaskAnswer, TaskNotWaitingError } from '@taskbridge/core'
import type { HttpClient } from '@taskbridge/provider-utils'
import { orkesAnswerOutput, waitingTaskOf } from './waits.js'

type Read<T extends Task> = (id: string, call: CallOptions) => Promise<T>

/**
 * Completes a waiting task with the answer as its output: Conductor's task
 * update, `POST /api/tasks` with a TaskResult. Conductor ignores an update
 * of a task that has ended, so the callers read the task first.
 */
async function completeWaitingTask(
  http: HttpClient,
  ids: { workflowInstanceId: string; taskId: string },
  answer: TaskAnswer,
  call: CallOptions,
): Promise<void> {
  await http.request('/api/tasks', {
    ...call,
    method: 'POST',
    json: { ...ids, status: 'COMPLETED', outputData: orkesAnswerOutput(answer) },
    responseType: 'text',
    taskId: ids.taskId,
  })
}

/** Task mode: the task is the HUMAN or WAIT task itself. */
export function answerOrkesTask<T extends Task>(provider: string, http: HttpClient, getTask: Read<T>) {
  return async (id: string, answer: TaskAnswer, call: CallOptions): Promise<T> => {
    const task = await getTask(id, call)
    if (task.status !== 'waiting_for_input' || !task.parentId) {
      throw TaskNotWaitingError.forTask({ ...task, provider })
    }
    await completeWaitingTask(http, { workflowInstanceId: task.parentId, taskId: id }, answer, call)
    return getTask(id, call)
  }
}

/** Workflow mode: the waiting task is found among the workflow's tasks (read with `includeTasks=true`). */
export function answerOrkesWorkflow<T extends Task>(provider: string, http: HttpClient, getWithTasks: Read<T>) {
  return async (id: string, answer: TaskAnswer, call: CallOptions): Promise<T> => {
    const workflow = await getWithTasks(id, call)
    const waiting = waitingTaskOf((workflow.raw as { tasks?: unknown[] } | undefined)?.tasks)
    if (workflow.status !== 'waiting_for_input' || !waiting) {
      throw TaskNotWaitingError.forTask({ ...workflow, provider })
    }
    await completeWaitingTask(http, { workflowInstanceId: id, taskId: waiting.taskId }, answer, call)
    return getWithTasks(id, call)
  }
}
