// Wexa's task endpoints. Documented: GET /task/{id}?projectID= and
// POST /task/{id}/stop. Confirmed by Wexa's Python SDK (wexa-sdk 0.1.16,
// wexa_sdk/tasks.py): GET /tasks/{projectID}?limit=&skip=&created_by= (its
// answer's shape is not shown; the emulator answers { data, total, limit,
// skip }), POST /task/{id}/pause and POST /task/{id}/resume, none of them
// needing a projectID. Starting work: POST /execute_flow?projectID= creates
// an execution (and its task) and POST /execute_flow/{execution_id}/execute
// ?projectID= with the body { execution_id, projectID } runs it (docs and
// wexa_sdk/executions.py; that the pair is how a task starts is inferred).
import { STATUS_CODES } from 'node:http'
import type { HarnessRoutes } from '../contract/harness.js'
import type { EmulatorClock } from '../toolkit/clock.js'
import type { EmulatorReply, EmulatorRequest, RouteDefinition } from '../toolkit/server.js'
import type { StoredTask, TaskStore } from '../toolkit/store.js'
import {
  isActiveWexaStatus,
  isTerminalWexaStatus,
  setWexaTaskStatus,
  toStoppedTaskAnswer,
  type WexaTaskPayload,
} from './payload.js'

/** The emulator's route names, for faults and the request log. */
export const WEXA_EMULATOR_ROUTES: HarnessRoutes = {
  getTask: 'getTask',
  listTasks: 'listTasks',
  pauseTask: 'pauseTask',
  resumeTask: 'resumeTask',
  cancelTask: 'cancelTask',
  startTask: 'startTask',
  answerTask: 'answerRuntimeInput',
}

/** `limit` of the list route when none is given. Inferred. */
export const WEXA_LIST_DEFAULT_LIMIT = 20
/** The largest `limit` of the list route; larger values are capped to it. Inferred. */
export const WEXA_LIST_MAX_LIMIT = 100

/**
 * Wexa's error body. Not documented: inferred as NestJS's default exception
 * body (`{ statusCode, message, error }`), since the documented 201 answer to
 * a POST is NestJS's default status too.
 */
export function wexaErrorBody(status: number, message: string): unknown {
  return { statusCode: status, message, error: STATUS_CODES[status] ?? 'Error' }
}

/** What `POST /execute_flow` asks for. */
export interface WexaFlowRequest {
  agentflowId: string
  goal: string
  executedBy: string | undefined
  inputVariables: Record<string, unknown> | undefined
}

/** What the route handlers work on. */
export interface WexaRouteContext {
  tasks: TaskStore<WexaTaskPayload>
  clock: EmulatorClock
  /** Creates a task in `ready` with one execution, waiting to be executed. */
  createFlow(flow: WexaFlowRequest): StoredTask<WexaTaskPayload>
}

function failure(status: number, message: string): EmulatorReply {
  return { status, body: wexaErrorBody(status, message) }
}

// Answers are copies: the request log keeps them, and the stored task moves on.
function answer(status: number, body: unknown): EmulatorReply {
  return { status, body: structuredClone(body) }
}

function projectIdRequired(): EmulatorReply {
  return failure(400, 'projectID should not be empty')
}

function taskNotFound(id: string): EmulatorReply {
  return failure(404, `Task ${id} not found`)
}

/**
 * The task the path names. A `projectID` query parameter, when given, must be
 * the task's project: a task of another project is answered as unknown.
 */
function findTask({ tasks }: WexaRouteContext, request: EmulatorRequest): StoredTask<WexaTaskPayload> | undefined {
  const task = tasks.get(request.params.id ?? '')
  const projectId = request.query.get('projectID')
  if (!task || (projectId !== null && projectId !== task.data.projectID)) return undefined
  return task
}

/** A whole-number query parameter of at least `min`; `undefined` when it is present but not one. */
function integerParameter(value: string | null, fallback: number, min: number): number | undefined {
  if (value === null) return fallback
  const parsed = Number(value)
  return Number.isInteger(parsed) && parsed >= min ? parsed : undefined
}

function getTask(context: WexaRouteContext, request: EmulatorRequest): EmulatorReply {
  if (!request.query.get('projectID')) return projectIdRequired()
  const task = findTask(context, request)
  return task ? answer(200, task.data) : taskNotFound(request.params.id ?? '')
}

function listTasks({ tasks }: WexaRouteContext, { params, query }: EmulatorRequest): EmulatorReply {
  const projectId = params.projectID
  if (!projectId) return projectIdRequired()
  const skip = integerParameter(query.get('skip'), 0, 0)
  const requestedLimit = integerParameter(query.get('limit'), WEXA_LIST_DEFAULT_LIMIT, 1)
  if (skip === undefined || requestedLimit === undefined)
    return failure(400, 'limit must be a positive integer and skip a whole number')
  const limit = Math.min(requestedLimit, WEXA_LIST_MAX_LIMIT)
  const createdBy = query.get('created_by')
  const matching = tasks
    .list()
    .map(({ data }) => data)
    .filter((task) => task.projectID === projectId && (createdBy === null || task.created_by === createdBy))
  return answer(200, { data: matching.slice(skip, skip + limit), total: matching.length, limit, skip })
}

function pauseTask(context: WexaRouteContext, request: EmulatorRequest): EmulatorReply {
  const task = findTask(context, request)
  if (!task) return taskNotFound(request.params.id ?? '')
  if (!isActiveWexaStatus(task.data.status))
    return failure(400, `Task ${task.id} is ${task.data.status}; only an active task can be paused`)
  context.tasks.pause(task.id)
  setWexaTaskStatus(task.data, 'paused', context.clock.now())
  return answer(201, task.data)
}

function resumeTask(context: WexaRouteContext, request: EmulatorRequest): EmulatorReply {
  const task = findTask(context, request)
  if (!task) return taskNotFound(request.params.id ?? '')
  if (task.data.status !== 'paused')
    return failure(400, `Task ${task.id} is ${task.data.status}; only a paused task can be resumed`)
  context.tasks.resume(task.id)
  setWexaTaskStatus(task.data, 'running', context.clock.now())
  return answer(201, task.data)
}

function stopTask(context: WexaRouteContext, request: EmulatorRequest): EmulatorReply {
  const task = findTask(context, request)
  if (!task) return taskNotFound(request.params.id ?? '')
  if (isTerminalWexaStatus(task.data.status)) return failure(400, `Task ${task.id} is already ${task.data.status}`)
  context.tasks.end(task.id)
  setWexaTaskStatus(task.data, 'cancelled', context.clock.now())
  return answer(201, toStoppedTaskAnswer(task.data))
}

function createFlow(context: WexaRouteContext, request: EmulatorRequest): EmulatorReply {
  const projectId = request.query.get('projectID')
  if (!projectId) return projectIdRequired()
  const body = (request.body ?? {}) as Record<string, unknown>
  const { agentflow_id: agentflowId, goal, executed_by: executedBy, input_variables: inputVariables } = body
  if (typeof agentflowId !== 'string' || agentflowId === '') return failure(400, 'agentflow_id should not be empty')
  if (typeof goal !== 'string' || goal === '') return failure(400, 'goal should not be empty')
  const task = context.createFlow({
    agentflowId,
    goal,
    executedBy: typeof executedBy === 'string' ? executedBy : undefined,
    inputVariables:
      inputVariables && typeof inputVariables === 'object' ? (inputVariables as Record<string, unknown>) : undefined,
  })
  const execution = task.data.executions[0]
  return answer(201, {
    agentflow_id: agentflowId,
    executed_by: executedBy ?? null,
    goal,
    input_variables: inputVariables ?? {},
    projectID: projectId,
    task_id: task.id,
    execution_id: execution?.execution_id,
    status: 'ready',
    created_at: task.data.created_at,
    end_time: null,
  })
}

function executeFlow(context: WexaRouteContext, request: EmulatorRequest): EmulatorReply {
  const projectId = request.query.get('projectID')
  if (!projectId) return projectIdRequired()
  const executionId = request.params.id ?? ''
  // The SDK sends the execution and the project in the body too.
  const body = (request.body ?? {}) as Record<string, unknown>
  if (body.execution_id !== executionId || body.projectID !== projectId)
    return failure(400, 'the body must name the execution_id and projectID of the request')
  const task = context.tasks
    .list()
    .find(({ data }) => data.executions.some((execution) => execution.execution_id === executionId))
  if (!task) return failure(404, `Execution ${executionId} not found`)
  if (task.data.status !== 'ready') return failure(400, `Execution ${executionId} is ${task.data.status}, not ready`)
  context.tasks.resume(task.id)
  return answer(201, { execution_id: executionId, status: 'ready' })
}

/** The routes of a Wexa emulator, working on `context`'s store and clock. */
export function wexaRoutes(context: WexaRouteContext): RouteDefinition[] {
  return [
    {
      name: 'getTask',
      method: 'GET',
      path: '/task/:id',
      payload: 'task',
      handler: (request) => getTask(context, request),
    },
    {
      name: 'listTasks',
      method: 'GET',
      path: '/tasks/:projectID',
      payload: 'list',
      handler: (request) => listTasks(context, request),
    },
    {
      name: 'pauseTask',
      method: 'POST',
      path: '/task/:id/pause',
      payload: 'task',
      handler: (request) => pauseTask(context, request),
    },
    {
      name: 'resumeTask',
      method: 'POST',
      path: '/task/:id/resume',
      payload: 'task',
      handler: (request) => resumeTask(context, request),
    },
    {
      name: 'cancelTask',
      method: 'POST',
      path: '/task/:id/stop',
      payload: 'task',
      handler: (request) => stopTask(context, request),
    },
    {
      name: 'startTask',
      method: 'POST',
      path: '/execute_flow',
      payload: 'none',
      handler: (request) => createFlow(context, request),
    },
    {
      name: 'executeFlow',
      method: 'POST',
      path: '/execute_flow/:id/execute',
      payload: 'none',
      handler: (request) => executeFlow(context, request),
    },
  ]
}
