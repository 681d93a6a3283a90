import {
  type OrkesTaskPayload,
  type OrkesTaskSpec,
  type OrkesTaskStatus,
  type OrkesWorkflowPayload,
  type OrkesWorkflowStatus,
  settleWorkflow,
  workflowPayload,
} from './payloads.js'

/** The task id of the documented example (seed `orkes-get-task-by-id.txt`). */
export const ORKES_SEED_TASK_ID = '65fc73fe-0586-11f1-8b8d-6219b54da7fe'

/** The workflow the seed task belongs to (its `workflowInstanceId`). */
export const ORKES_SEED_WORKFLOW_ID = '1f610b08-0586-11f1-8b8d-6219b54da7fe'

/**
 * The response body of Orkes' "Get Task by ID" example, copied character for
 * character from the seed, so the emulator serves exactly what Orkes documents.
 */
export const ORKES_SEED_TASK_JSON: string = `
{
"taskType": "HTTP",
"status": "COMPLETED",
"inputData": {
"encode": true,
"method": "GET",
"asyncComplete": false,
"_createdBy": "john.doe@acme.com",
"uri": "https://orkes-api-tester.orkesconductor.com/api",
"contentType": "application/json",
"accept": "application/json"
},
"referenceTaskName": "http_ref",
"retryCount": 0,
"seq": 1,
"pollCount": 0,
"taskDefName": "http",
"scheduledTime": 1770621022006,
"startTime": 1770621022006,
"endTime": 1770621022070,
"updateTime": 1770621022078,
"startDelayInSeconds": 0,
"retried": false,
"executed": true,
"callbackFromWorker": true,
"responseTimeoutSeconds": 0,
"workflowInstanceId": "1f610b08-0586-11f1-8b8d-6219b54da7fe",
"workflowType": "DemoWorkflow",
"taskId": "65fc73fe-0586-11f1-8b8d-6219b54da7fe",
"callbackAfterSeconds": 0,
"workerId": "orkes-conductor-deployment-f4bb6bd9b-fkpdb",
"outputData": {
"response": {
"headers": {
"content-length": [
"182"
],
"content-type": [
"application/json"
],
"date": [
"Mon, 09 Feb 2026 07:10:22 GMT"
],
"strict-transport-security": [
"max-age=15724800; includeSubDomains"
]
},
"reasonPhrase": "",
"body": {
"randomString": "uwxvtuowbfsbcpteoazh",
"randomInt": 2646,
"hostName": "orkes-api-sampler-67dfc8cf58-q2hhh",
"apiRandomDelay": "0 ms",
"sleepFor": "0 ms",
"statusCode": "200",
"queryParams": {}
},
"statusCode": 200
}
},
"workflowTask": {
"name": "http",
"taskReferenceName": "http_ref",
"inputParameters": {
"uri": "https://orkes-api-tester.orkesconductor.com/api",
"method": "GET",
"accept": "application/json",
"contentType": "application/json",
"encode": true,
"asyncComplete": false
},
"type": "HTTP",
"decisionCases": {},
"defaultCase": [],
"forkTasks": [],
"startDelay": 0,
"joinOn": [],
"optional": false,
"defaultExclusiveJoinTask": [],
"asyncComplete": false,
"loopOver": [],
"onStateChange": {},
"permissive": false
},
"rateLimitPerFrequency": 0,
"rateLimitFrequencyInSeconds": 0,
"workflowPriority": 0,
"iteration": 0,
"subworkflowChanged": false,
"firstStartTime": 0,
"loopOverTask": false,
"taskDefinition": null,
"queueWaitTime": 0
}
`

/** A fresh, parsed copy of the seed task (callers may change it). */
export function orkesSeedTask(): OrkesTaskPayload {
  return JSON.parse(ORKES_SEED_TASK_JSON) as OrkesTaskPayload
}

/**
 * The seed task's workflow, which the documentation does not show: a
 * COMPLETED `DemoWorkflow` (the seed's `workflowType`) started a few
 * milliseconds before its one HTTP task, by the user in the seed's
 * `_createdBy`, whose output is that task's output.
 */
export function orkesSeedWorkflow(task: OrkesTaskPayload): OrkesWorkflowPayload {
  const workflow = workflowPayload({
    workflowId: ORKES_SEED_WORKFLOW_ID,
    name: task.workflowType,
    version: 1,
    input: {},
    priority: task.workflowPriority,
    createdBy: String(task.inputData._createdBy),
    startedAt: task.scheduledTime - 4,
    definitionTasks: [task.workflowTask],
  })
  settleWorkflow(workflow, 'COMPLETED', [task], task.updateTime + 7)
  return workflow
}

/** A seeded workflow: its definition, the status of each task that was scheduled, and its own status. */
export interface SeededWorkflow {
  name: string
  tasks: readonly OrkesTaskSpec[]
  taskStatuses: readonly OrkesTaskStatus[]
  status: OrkesWorkflowStatus
  input: Record<string, unknown>
  correlationId?: string
}

/** The tasks of `order_fulfillment`, the emulator's example workflow. */
export function orderTasks(orderId: string): OrkesTaskSpec[] {
  return [
    {
      name: 'validate_order',
      referenceName: 'validate_order_ref',
      input: { orderId },
      output: { valid: true, orderId },
    },
    {
      name: 'charge_payment',
      referenceName: 'charge_payment_ref',
      input: { orderId, amountCents: 4999, currency: 'EUR' },
      output: { chargeId: `ch_${orderId}`, amountCents: 4999 },
    },
    {
      name: 'ship_order',
      referenceName: 'ship_order_ref',
      input: { orderId, carrier: 'DHL' },
      output: { trackingNumber: `JD0146000${orderId.replace(/\D/g, '')}` },
    },
  ]
}

/** The tasks of `report_generation`, whose enrichment step is optional. */
export function reportTasks(reportId: string): OrkesTaskSpec[] {
  return [
    {
      name: 'collect_data',
      referenceName: 'collect_data_ref',
      input: { reportId, source: 'warehouse' },
      output: { rows: 1280 },
    },
    {
      name: 'enrich_data',
      referenceName: 'enrich_data_ref',
      input: { reportId },
      output: { enriched: true },
      optional: true,
    },
    {
      name: 'notify_team',
      referenceName: 'notify_team_ref',
      input: { reportId, channel: '#reports' },
      output: { notified: true },
    },
  ]
}

/**
 * Workflows in every workflow status whose tasks are in every task status,
 * beside the seed's: 8 workflows and 15 tasks in all, so searches have
 * several pages at `size=5`.
 */
export const SEEDED_WORKFLOWS: readonly SeededWorkflow[] = [
  order('ord-1001', 'RUNNING', ['COMPLETED', 'IN_PROGRESS']),
  order('ord-1002', 'PAUSED', ['COMPLETED', 'SCHEDULED']),
  {
    name: 'report_generation',
    tasks: reportTasks('rep-2001'),
    taskStatuses: ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'SKIPPED'],
    status: 'COMPLETED',
    input: { reportId: 'rep-2001' },
  },
  order('ord-1003', 'FAILED', ['COMPLETED', 'FAILED']),
  order('ord-1004', 'FAILED', ['COMPLETED', 'FAILED_WITH_TERMINAL_ERROR']),
  {
    name: 'report_generation',
    tasks: reportTasks('rep-2002'),
    taskStatuses: ['TIMED_OUT'],
    status: 'TIMED_OUT',
    input: { reportId: 'rep-2002' },
  },
  order('ord-1005', 'TERMINATED', ['COMPLETED', 'CANCELED']),
]

function order(orderId: string, status: OrkesWorkflowStatus, taskStatuses: OrkesTaskStatus[]): SeededWorkflow {
  return {
    name: 'order_fulfillment',
    tasks: orderTasks(orderId),
    taskStatuses,
    status,
    input: { orderId },
    correlationId: `order-${orderId}`,
  }
}
