// Wexa's task payload, field for field as in the documented get-by-id and
// stop responses (see /shared/seeds), and the few rules the emulator applies
// to keep a task's status, its executions and their counts consistent.

/** The markdown result an execution leaves when it finishes. */
export interface WexaConclusion {
  /** Markdown text: the task's output. */
  conclusion: string
  links: unknown[]
  /** Unix seconds, with a fraction. */
  created_at: number
}

/** One run of an agentflow for a task (`executions[]` in get-by-id). */
export interface WexaExecution {
  agentflow_id: string
  /** Present once the execution has concluded. */
  conclusion?: WexaConclusion
  /** A UUID. */
  execution_id: string
  files: unknown[]
  goal: string
  projectID: string
  start_from_agent_id: string | null
  status: string
  task_id: string
}

/** An entry of `execution_nodes`: the tree of a task's executions. */
export interface WexaExecutionNode {
  execution_id: string
  /** A 24-hex ObjectId. */
  _id: string
  execution_type: string
  children: unknown[]
}

/** The fields every task answer has, the stop answer included. */
export interface WexaTaskSummary {
  /** A 24-hex ObjectId. */
  _id: string
  projectID: string
  /** Unix seconds, with a microsecond fraction. */
  created_at: number
  /** Unix seconds, with a microsecond fraction. */
  updated_at: number
  status: string
  created_by: string
  execution_ids: string[]
  execution_nodes: WexaExecutionNode[]
  name: string
}

/** A task as `GET /task/{id}` answers it. */
export interface WexaTaskPayload extends WexaTaskSummary {
  executions: WexaExecution[]
  /** How many executions are in each status, such as `{ completed: 1 }`. */
  executions_status_count: Record<string, number>
}

/**
 * Every task status the emulator can produce. Observed in Wexa's docs:
 * `completed`, `cancelled` (task and execution), `paused` and `ready`
 * (execution, after pause-executeflow and create-executeflow). Terminal in
 * Wexa's Python SDK: `failed` and `canceled` (one L). Assumed, as no enum is
 * published: `pending`, `queued`, `running`, `in_progress`.
 * `input_required` (a run waiting for a person's input) is named by Wexa's
 * Python SDK (`wexa_sdk/inbox.py`).
 */
export const WEXA_PROVIDER_STATUSES: readonly string[] = [
  'ready',
  'pending',
  'queued',
  'running',
  'in_progress',
  'paused',
  'input_required',
  'completed',
  'failed',
  'cancelled',
  'canceled',
]

const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled', 'canceled'])

/** True when nothing more will happen to a task or an execution in this status. */
export function isTerminalWexaStatus(status: string): boolean {
  return TERMINAL_STATUSES.has(status)
}

/** True when a task in this status is under way and can be paused or stopped. */
export function isActiveWexaStatus(status: string): boolean {
  return status !== 'paused' && !isTerminalWexaStatus(status)
}

/**
 * Epoch milliseconds as Wexa's unix seconds. `extraMicros` adds a
 * sub-millisecond part, as the seeds' `updated_at` is a few microseconds
 * after `created_at` (two reads of the server's clock).
 */
export function toWexaSeconds(epochMs: number, extraMicros = 0): number {
  return (epochMs * 1000 + extraMicros) / 1_000_000
}

/** Counts executions per status, in order of first appearance. */
export function countExecutionStatuses(executions: readonly WexaExecution[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { status } of executions) counts[status] = (counts[status] ?? 0) + 1
  return counts
}

/** The execution with its conclusion, keeping the seed's key order. */
export function withConclusion(execution: WexaExecution, conclusion: WexaConclusion): WexaExecution {
  const { agentflow_id, conclusion: _previous, ...rest } = execution
  return { agentflow_id, conclusion, ...rest }
}

/** The markdown an emulated execution concludes with. */
export function emulatedConclusion(task: WexaTaskSummary, execution: WexaExecution, atMs: number): WexaConclusion {
  const conclusion = [
    `# ${task.name}`,
    '',
    '## Summary',
    '',
    `The goal **${execution.goal}** was completed by the emulated agentflow.`,
    '',
    '## Details',
    '',
    `- Execution: \`${execution.execution_id}\``,
    '- Steps: planned, researched, written',
  ].join('\n')
  return { conclusion, links: [], created_at: toWexaSeconds(atMs) }
}

/**
 * Moves a task to a status at a time: its unfinished executions follow, the
 * counts are recomputed, `updated_at` moves, and on completion the latest
 * execution gets a conclusion. Nothing changes when the status is the same.
 */
export function setWexaTaskStatus(task: WexaTaskPayload, status: string, atMs: number): void {
  if (task.status === status) return
  task.status = status
  task.updated_at = toWexaSeconds(atMs)
  task.executions = task.executions.map((execution) =>
    isTerminalWexaStatus(execution.status) ? execution : { ...execution, status },
  )
  const latest = task.executions.at(-1)
  if (status === 'completed' && latest && !latest.conclusion) {
    task.executions[task.executions.length - 1] = withConclusion(latest, emulatedConclusion(task, latest, atMs))
  }
  task.executions_status_count = countExecutionStatuses(task.executions)
}

/** The stop answer: the task without `executions` and `executions_status_count`, as in the documented example. */
export function toStoppedTaskAnswer(task: WexaTaskPayload): WexaTaskSummary {
  const { executions: _executions, executions_status_count: _counts, ...summary } = task
  return summary
}

/** One execution of a task to build. */
export interface WexaExecutionSpec {
  executionId: string
  /** The `_id` of its entry in `execution_nodes`. */
  nodeId: string
  agentflowId: string
  goal: string
  status: string
  conclusion?: WexaConclusion
}

/** A task to build with {@link buildWexaTask}. */
export interface WexaTaskSpec {
  id: string
  projectId: string
  name: string
  createdBy: string
  /** Unix seconds. */
  createdAt: number
  /** Unix seconds. */
  updatedAt: number
  status: string
  executions: readonly WexaExecutionSpec[]
}

function buildExecution(spec: WexaExecutionSpec, task: WexaTaskSpec): WexaExecution {
  const execution: WexaExecution = {
    agentflow_id: spec.agentflowId,
    execution_id: spec.executionId,
    files: [],
    goal: spec.goal,
    projectID: task.projectId,
    start_from_agent_id: null,
    status: spec.status,
    task_id: task.id,
  }
  return spec.conclusion ? withConclusion(execution, spec.conclusion) : execution
}

/** A task payload shaped like the get-by-id seed, with its counts derived from its executions. */
export function buildWexaTask(spec: WexaTaskSpec): WexaTaskPayload {
  const executions = spec.executions.map((execution) => buildExecution(execution, spec))
  return {
    _id: spec.id,
    projectID: spec.projectId,
    created_at: spec.createdAt,
    updated_at: spec.updatedAt,
    status: spec.status,
    created_by: spec.createdBy,
    execution_ids: spec.executions.map(({ executionId }) => executionId),
    execution_nodes: spec.executions.map(({ executionId, nodeId }) => ({
      execution_id: executionId,
      _id: nodeId,
      execution_type: 'execution',
      children: [],
    })),
    name: spec.name,
    executions,
    executions_status_count: countExecutionStatuses(executions),
  }
}
