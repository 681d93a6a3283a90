// The seed payloads the benchmarks normalise, and the large variants derived
// from them that issue 11 names.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ORKES_SEED_TASK_JSON } from '@taskbridge/testkit'

const root = join(import.meta.dirname, '..', '..')
const fixture = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, path), 'utf8'))

export const wexaGetTask: Record<string, unknown> = fixture('packages/wexa/test/fixtures/get-task-by-id.json')
export const wexaStopTask: Record<string, unknown> = fixture('packages/wexa/test/fixtures/stop-task.json')
export const xpanderTask: Record<string, unknown> = fixture('packages/xpander/test/fixtures/completedMarkdown.json')
export const orkesTask: Record<string, unknown> = JSON.parse(ORKES_SEED_TASK_JSON)

/** The Wexa seed task with 50 executions, each with its own conclusion. */
export function wexaWith50Executions(): Record<string, unknown> {
  const [execution] = wexaGetTask.executions as Record<string, unknown>[]
  const executions = Array.from({ length: 50 }, (_, index) => ({
    ...execution,
    execution_id: `exec-${index}`,
    goal: `goal number ${index}`,
    status: index === 49 ? 'running' : 'completed',
  }))
  return {
    ...wexaGetTask,
    execution_ids: executions.map((execution) => execution.execution_id),
    execution_nodes: executions.map((execution) => ({
      execution_id: execution.execution_id,
      _id: 'node',
      execution_type: 'execution',
      children: [],
    })),
    executions,
    executions_status_count: { completed: 49, running: 1 },
  }
}

/** An Orkes workflow execution carrying 200 tasks (the seed task, renumbered). */
export function orkesWorkflowWith200Tasks(): Record<string, unknown> {
  const tasks = Array.from({ length: 200 }, (_, index) => ({ ...orkesTask, taskId: `task-${index}`, seq: index + 1 }))
  return {
    workflowId: orkesTask.workflowInstanceId,
    workflowName: orkesTask.workflowType,
    workflowVersion: 1,
    status: 'RUNNING',
    correlationId: 'bench',
    input: { orderId: 42 },
    output: {},
    createTime: 1770621022000,
    startTime: 1770621022001,
    updateTime: 1770621030000,
    endTime: 0,
    priority: 0,
    tasks,
  }
}
