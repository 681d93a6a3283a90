// Orkes Conductor payload shapes and the builders that keep them consistent.
// Field names follow the seed (`GET /api/tasks/{id}`), the official SDK's
// generated types (@io-orkes/conductor-javascript 4.0.0) and the OSS server's
// Java classes (TaskSummary.java, WorkflowSummary.java, ErrorResponse.java).

/** An Orkes task status (`Task.Status`, 9 values; note the single L in CANCELED). */
export type OrkesTaskStatus =
  | 'IN_PROGRESS'
  | 'CANCELED'
  | 'FAILED'
  | 'FAILED_WITH_TERMINAL_ERROR'
  | 'COMPLETED'
  | 'COMPLETED_WITH_ERRORS'
  | 'SCHEDULED'
  | 'TIMED_OUT'
  | 'SKIPPED'

/** Every task status, in the order of the OSS enum. */
export const ORKES_TASK_STATUSES: readonly OrkesTaskStatus[] = [
  'IN_PROGRESS',
  'CANCELED',
  'FAILED',
  'FAILED_WITH_TERMINAL_ERROR',
  'COMPLETED',
  'COMPLETED_WITH_ERRORS',
  'SCHEDULED',
  'TIMED_OUT',
  'SKIPPED',
]

/** An Orkes workflow status (`Workflow.WorkflowStatus`, 6 values). */
export type OrkesWorkflowStatus = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'TIMED_OUT' | 'TERMINATED' | 'PAUSED'

/** Every workflow status, in the order of the OSS enum. */
export const ORKES_WORKFLOW_STATUSES: readonly OrkesWorkflowStatus[] = [
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'TIMED_OUT',
  'TERMINATED',
  'PAUSED',
]

/** Only SCHEDULED and IN_PROGRESS tasks can still change (OSS `Task.Status.isTerminal`). */
export function isTerminalTaskStatus(status: string): boolean {
  return status !== 'SCHEDULED' && status !== 'IN_PROGRESS'
}

/** RUNNING and PAUSED workflows can still change; the other four are final. */
export function isTerminalWorkflowStatus(status: string): boolean {
  return status !== 'RUNNING' && status !== 'PAUSED'
}

/** A task's definition inside a workflow definition (`WorkflowTask`), shaped like the seed's `workflowTask`. */
export interface OrkesWorkflowTask {
  name: string
  taskReferenceName: string
  inputParameters: Record<string, unknown>
  type: string
  [field: string]: unknown
}

/** The full task, as `GET /api/tasks/{taskId}` answers it. Times are epoch ms, 0 when unset. */
export interface OrkesTaskPayload {
  taskType: string
  status: OrkesTaskStatus
  inputData: Record<string, unknown>
  referenceTaskName: string
  retryCount: number
  seq: number
  correlationId?: string
  pollCount: number
  taskDefName: string
  scheduledTime: number
  startTime: number
  endTime: number
  updateTime: number
  startDelayInSeconds: number
  retried: boolean
  executed: boolean
  callbackFromWorker: boolean
  responseTimeoutSeconds: number
  workflowInstanceId: string
  workflowType: string
  taskId: string
  reasonForIncompletion?: string
  callbackAfterSeconds: number
  workerId?: string
  outputData: Record<string, unknown>
  workflowTask: OrkesWorkflowTask
  rateLimitPerFrequency: number
  rateLimitFrequencyInSeconds: number
  workflowPriority: number
  iteration: number
  subworkflowChanged: boolean
  firstStartTime: number
  loopOverTask: boolean
  taskDefinition: Record<string, unknown> | null
  queueWaitTime: number
}

/** The workflow definition embedded in a workflow execution. */
export interface OrkesWorkflowDefinition {
  createTime: number
  name: string
  description: string
  version: number
  tasks: OrkesWorkflowTask[]
  inputParameters: string[]
  outputParameters: Record<string, unknown>
  schemaVersion: number
  restartable: boolean
  workflowStatusListenerEnabled: boolean
  ownerEmail: string
  timeoutPolicy: string
  timeoutSeconds: number
  variables: Record<string, unknown>
  inputTemplate: Record<string, unknown>
  enforceSchema: boolean
}

/**
 * A workflow execution, as `GET /api/workflow/{workflowId}` answers it. The
 * SDK's `Workflow` type names the definition `workflowName` and
 * `workflowVersion` (search summaries call them `workflowType` and `version`).
 * `tasks` is filled in when answering, from the task store.
 */
export interface OrkesWorkflowPayload {
  createTime: number
  updateTime: number
  createdBy: string
  status: OrkesWorkflowStatus
  endTime: number
  workflowId: string
  tasks?: OrkesTaskPayload[]
  input: Record<string, unknown>
  output: Record<string, unknown>
  correlationId?: string
  /** The key the workflow was started with (SDK `Workflow.idempotencyKey`). */
  idempotencyKey?: string
  reasonForIncompletion?: string
  taskToDomain: Record<string, string>
  failedReferenceTaskNames: string[]
  failedTaskNames: string[]
  workflowDefinition: OrkesWorkflowDefinition
  priority: number
  variables: Record<string, unknown>
  lastRetriedTime: number
  history: unknown[]
  startTime: number
  workflowName: string
  workflowVersion: number
  rateLimited: boolean
}

/** One result of `GET /api/tasks/search`: times are strings, input and output serialized JSON. */
export interface OrkesTaskSummary {
  workflowId: string
  workflowType: string
  correlationId?: string
  scheduledTime: string
  startTime: string
  updateTime: string
  endTime: string
  status: OrkesTaskStatus
  reasonForIncompletion?: string
  executionTime: number
  queueWaitTime: number
  taskDefName: string
  taskType: string
  input: string
  output: string
  taskId: string
  workflowPriority: number
}

/** One result of `GET /api/workflow/search`. */
export interface OrkesWorkflowSummary {
  workflowType: string
  version: number
  workflowId: string
  correlationId?: string
  startTime: string
  updateTime: string
  endTime?: string
  status: OrkesWorkflowStatus
  input: string
  output: string
  reasonForIncompletion?: string
  executionTime: number
  failedReferenceTaskNames: string
  failedTaskNames: string[]
  priority: number
  createdBy: string
  inputSize: number
  outputSize: number
}

/** A page of search results. */
export interface OrkesSearchResult<Item> {
  totalHits: number
  results: Item[]
}

/** The OSS server's error body (`ErrorResponse`); `code` is left out, as a null would be. */
export interface OrkesErrorResponse {
  status: number
  message: string
  instance: string
  retryable: boolean
  validationErrors: unknown[]
}

/** The error body for any refused request other than a bad token. */
export function orkesError(status: number, message: string): OrkesErrorResponse {
  return { status, message, instance: 'orkes-emulator', retryable: false, validationErrors: [] }
}

/** Summary times use `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` in UTC, which is what `toISOString` prints. */
export function summaryTime(epochMs: number): string {
  return new Date(epochMs).toISOString()
}

/**
 * The search view of a task. Like OSS `TaskSummary`, every time is formatted,
 * even an unset one (0 becomes `1970-01-01T00:00:00.000Z`), and
 * `executionTime` is counted only once the task has ended.
 */
export function toTaskSummary(task: OrkesTaskPayload): OrkesTaskSummary {
  return withoutUndefined({
    workflowId: task.workflowInstanceId,
    workflowType: task.workflowType,
    correlationId: task.correlationId,
    scheduledTime: summaryTime(task.scheduledTime),
    startTime: summaryTime(task.startTime),
    updateTime: summaryTime(task.updateTime),
    endTime: summaryTime(task.endTime),
    status: task.status,
    reasonForIncompletion: task.reasonForIncompletion,
    executionTime: task.endTime > 0 ? task.endTime - task.startTime : 0,
    queueWaitTime: task.queueWaitTime,
    taskDefName: task.taskDefName,
    taskType: task.taskType,
    input: JSON.stringify(task.inputData),
    output: JSON.stringify(task.outputData),
    taskId: task.taskId,
    workflowPriority: task.workflowPriority,
  })
}

/** The search view of a workflow. Like OSS `WorkflowSummary`, `endTime` is left out until the workflow ends. */
export function toWorkflowSummary(workflow: OrkesWorkflowPayload): OrkesWorkflowSummary {
  const input = JSON.stringify(workflow.input)
  const output = JSON.stringify(workflow.output)
  return withoutUndefined({
    workflowType: workflow.workflowName,
    version: workflow.workflowVersion,
    workflowId: workflow.workflowId,
    correlationId: workflow.correlationId,
    startTime: summaryTime(workflow.createTime),
    updateTime: summaryTime(workflow.updateTime),
    endTime: workflow.endTime > 0 ? summaryTime(workflow.endTime) : undefined,
    status: workflow.status,
    input,
    output,
    reasonForIncompletion: workflow.reasonForIncompletion,
    executionTime: workflow.endTime > 0 ? workflow.endTime - workflow.startTime : 0,
    failedReferenceTaskNames: workflow.failedReferenceTaskNames.join(','),
    failedTaskNames: workflow.failedTaskNames,
    priority: workflow.priority,
    createdBy: workflow.createdBy,
    inputSize: input.length,
    outputSize: output.length,
  })
}

/** A task of a workflow definition: what it is called, what it gets, what it will produce. */
export interface OrkesTaskSpec {
  name: string
  referenceName: string
  input: Record<string, unknown>
  output: Record<string, unknown>
  /** Optional tasks end COMPLETED_WITH_ERRORS instead of failing their workflow. */
  optional?: boolean
  /**
   * A system task that waits for a person: `HUMAN`, or a `WAIT` without
   * `duration` or `until` (a signal). It stays IN_PROGRESS until a task
   * update (`POST /api/tasks`) completes it. Default: a worker (SIMPLE) task.
   */
  type?: 'HUMAN' | 'WAIT'
}

/** Whether the task of `spec` waits for a person's answer rather than a worker. */
export function waitsForAnswer(spec: OrkesTaskSpec): boolean {
  return spec.type !== undefined
}

/** A task definition (SIMPLE unless the spec says), with the defaults the seed's `workflowTask` shows. */
export function workflowTaskOf(spec: OrkesTaskSpec): OrkesWorkflowTask {
  return {
    name: spec.name,
    taskReferenceName: spec.referenceName,
    inputParameters: structuredClone(spec.input),
    type: spec.type ?? 'SIMPLE',
    decisionCases: {},
    defaultCase: [],
    forkTasks: [],
    startDelay: 0,
    joinOn: [],
    optional: spec.optional ?? false,
    defaultExclusiveJoinTask: [],
    asyncComplete: false,
    loopOver: [],
    onStateChange: {},
    permissive: false,
  }
}

/** What a new task needs to know about the workflow that schedules it. */
export interface OrkesTaskContext {
  taskId: string
  seq: number
  spec: OrkesTaskSpec
  workflow: Pick<OrkesWorkflowPayload, 'workflowId' | 'workflowName' | 'correlationId' | 'priority'>
  scheduledTime: number
}

/** A task just scheduled: no worker, no start, no output yet. For SIMPLE tasks `taskType` is the task's name. */
export function scheduledTask(context: OrkesTaskContext): OrkesTaskPayload {
  const { spec, workflow } = context
  return withoutUndefined({
    taskType: spec.type ?? spec.name,
    status: 'SCHEDULED' as const,
    inputData: structuredClone(spec.input),
    referenceTaskName: spec.referenceName,
    retryCount: 0,
    seq: context.seq,
    correlationId: workflow.correlationId,
    pollCount: 0,
    taskDefName: spec.name,
    scheduledTime: context.scheduledTime,
    startTime: 0,
    endTime: 0,
    updateTime: context.scheduledTime,
    startDelayInSeconds: 0,
    retried: false,
    executed: false,
    callbackFromWorker: true,
    responseTimeoutSeconds: 3600,
    workflowInstanceId: workflow.workflowId,
    workflowType: workflow.workflowName,
    taskId: context.taskId,
    callbackAfterSeconds: 0,
    outputData: {},
    workflowTask: workflowTaskOf(spec),
    rateLimitPerFrequency: 0,
    rateLimitFrequencyInSeconds: 0,
    workflowPriority: workflow.priority,
    iteration: 0,
    subworkflowChanged: false,
    firstStartTime: 0,
    loopOverTask: false,
    taskDefinition: null,
    queueWaitTime: 0,
  })
}

/** The worker id the emulator's tasks report, shaped like the seed's pod name. */
const EMULATOR_WORKER_ID = 'orkes-emulator-worker-7c9d5b8f6-x2k4q'

/** A worker polled the task: it is IN_PROGRESS from `at`. */
export function startTask(task: OrkesTaskPayload, at: number): void {
  task.status = 'IN_PROGRESS'
  task.startTime = at
  task.updateTime = at
  task.pollCount += 1
  task.workerId = EMULATOR_WORKER_ID
  task.queueWaitTime = at - task.scheduledTime
}

/** Why a task ended in a status other than success, as a worker or the server would say it. */
const REASONS: Partial<Record<OrkesTaskStatus, string>> = {
  FAILED: 'Upstream service answered 502 Bad Gateway',
  FAILED_WITH_TERMINAL_ERROR: 'Card declined: the error is terminal, no retry',
  COMPLETED_WITH_ERRORS: 'Optional task failed: enrichment service unavailable',
  TIMED_OUT:
    'Task timed out after 60 seconds. Timeout configured as 60 seconds. Timeout policy configured to TIME_OUT_WF',
}

/** The task ended in `status` at `at`; successful tasks get `output`, failed ones a reason. */
export function endTask(task: OrkesTaskPayload, status: OrkesTaskStatus, at: number, output: object): void {
  task.status = status
  task.endTime = at
  task.updateTime = at
  task.executed = status !== 'CANCELED' && status !== 'SKIPPED'
  if (status === 'COMPLETED') task.outputData = structuredClone(output) as Record<string, unknown>
  const reason = REASONS[status]
  if (reason) task.reasonForIncompletion = reason
}

/** What a workflow execution is made from. */
export interface OrkesWorkflowContext {
  workflowId: string
  name: string
  version: number
  input: Record<string, unknown>
  correlationId?: string
  idempotencyKey?: string | undefined
  priority: number
  createdBy: string
  startedAt: number
  definitionTasks: OrkesWorkflowTask[]
}

/** A workflow that has just started: RUNNING, no tasks, no output. */
export function workflowPayload(context: OrkesWorkflowContext): OrkesWorkflowPayload {
  const { startedAt } = context
  return withoutUndefined({
    createTime: startedAt,
    updateTime: startedAt,
    createdBy: context.createdBy,
    status: 'RUNNING' as const,
    endTime: 0,
    workflowId: context.workflowId,
    input: structuredClone(context.input),
    output: {},
    correlationId: context.correlationId,
    idempotencyKey: context.idempotencyKey,
    taskToDomain: {},
    failedReferenceTaskNames: [],
    failedTaskNames: [],
    workflowDefinition: {
      createTime: startedAt,
      name: context.name,
      description: `${context.name} (emulated)`,
      version: context.version,
      tasks: context.definitionTasks,
      inputParameters: Object.keys(context.input),
      outputParameters: {},
      schemaVersion: 2,
      restartable: true,
      workflowStatusListenerEnabled: false,
      ownerEmail: context.createdBy,
      timeoutPolicy: 'ALERT_ONLY',
      timeoutSeconds: 0,
      variables: {},
      inputTemplate: {},
      enforceSchema: true,
    },
    priority: context.priority,
    variables: {},
    lastRetriedTime: 0,
    history: [],
    startTime: startedAt,
    workflowName: context.name,
    workflowVersion: context.version,
    rateLimited: false,
  })
}

const FAILING_TASK_STATUSES: readonly string[] = ['FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'TIMED_OUT']

/** The workflow status a task's end leads to: `undefined` when the workflow goes on. */
export function workflowOutcomeOf(task: OrkesTaskPayload): OrkesWorkflowStatus | undefined {
  if (task.status === 'TIMED_OUT') return 'TIMED_OUT'
  if (FAILING_TASK_STATUSES.includes(task.status)) return 'FAILED'
  if (task.status === 'CANCELED') return 'TERMINATED'
  return undefined
}

/**
 * Puts a workflow in a status at `at`, given its tasks. A COMPLETED workflow
 * outputs its last task's output (Conductor's default without
 * `outputParameters`); a failed one names the failing task.
 */
export function settleWorkflow(
  workflow: OrkesWorkflowPayload,
  status: OrkesWorkflowStatus,
  tasks: readonly OrkesTaskPayload[],
  at: number,
): void {
  workflow.status = status
  workflow.updateTime = Math.max(workflow.updateTime, at)
  if (!isTerminalWorkflowStatus(status)) return
  workflow.endTime = at
  if (status === 'COMPLETED') workflow.output = structuredClone(tasks.at(-1)?.outputData ?? {})
  const failed = tasks.find((task) => FAILING_TASK_STATUSES.includes(task.status))
  if ((status === 'FAILED' || status === 'TIMED_OUT') && failed) {
    workflow.reasonForIncompletion = `Task ${failed.taskId} failed with status: ${failed.status} and reason: '${failed.reasonForIncompletion ?? ''}'`
    workflow.failedReferenceTaskNames = [failed.referenceTaskName]
    workflow.failedTaskNames = [failed.taskDefName]
  }
}

/** Drops the keys whose value is `undefined`, as the server omits null fields (the seed has none of them). */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T
}
