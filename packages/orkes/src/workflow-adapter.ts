import {
  type AdapterDefinition,
  type CallOptions,
  defineAdapter,
  InvalidArgumentError,
  InvalidPayloadError,
  type TaskAdapter,
  type TaskAnswer,
  validateTaskAnswer,
} from '@taskbridge/core'
import {
  createTaskRequest,
  type HttpClient,
  payloadSourceOf,
  type RouteTemplate,
  resolveRoute,
} from '@taskbridge/provider-utils'
import { answerOrkesWorkflow } from './answer.js'
import { createOrkesHttpClient } from './client.js'
import { mapOrkesWorkflowStatus, ORKES_PROVIDER, type OrkesWorkflowMetadata, parseOrkesWorkflow } from './map.js'
import { type OrkesWorkflowAdapterOptions, resolveOrkesWorkflowOptions } from './options.js'
import { isOrkesNotFound, isOrkesTaskNotFound } from './orkes-error.js'
import { type OrkesListQuery, searchOrkes } from './search.js'

/** What {@link OrkesWorkflowAdapter.startTask} takes: Conductor's StartWorkflowRequest. */
export interface OrkesStartInput {
  /** The registered workflow definition to run. */
  name: string
  /** Its version. Default: the latest. */
  version?: number | undefined
  /** The workflow's input. */
  input?: Record<string, unknown> | undefined
  /** An id of yours that correlates executions (`correlationId`). */
  correlationId?: string | undefined
  /** Priority of its tasks, 0 to 99. */
  priority?: number | undefined
  /** Task-to-domain mapping (`taskToDomain`). */
  taskToDomain?: Record<string, string> | undefined
  /**
   * Idempotency key (`idempotencyKey`).
   * @deprecated Pass `idempotencyKey` in `startTask`'s options, as with every adapter: `startTask(input, { idempotencyKey })`.
   */
  idempotencyKey?: string | undefined
  /**
   * What Orkes does with a start whose idempotency key it has seen for this
   * workflow (`idempotencyStrategy`): `RETURN_EXISTING` (the default here)
   * answers the run that key started; `FAIL` refuses it;
   * `FAIL_ON_RUNNING` refuses it while that run is running or paused.
   */
  idempotencyStrategy?: OrkesIdempotencyStrategy | undefined
}

/** Orkes' answers to a start whose idempotency key it has seen: see {@link OrkesStartInput.idempotencyStrategy}. */
export type OrkesIdempotencyStrategy = 'RETURN_EXISTING' | 'FAIL' | 'FAIL_ON_RUNNING'

const IDEMPOTENCY_STRATEGIES: ReadonlySet<string> = new Set(['RETURN_EXISTING', 'FAIL', 'FAIL_ON_RUNNING'])

/**
 * The Orkes workflow adapter: start, get, search, pause, resume,
 * terminate workflow executions, and answer the HUMAN or WAIT task one waits on.
 */
export type OrkesWorkflowAdapter<Name extends string = typeof ORKES_PROVIDER> = TaskAdapter<
  Name,
  OrkesListQuery,
  OrkesStartInput,
  OrkesWorkflowMetadata,
  TaskAnswer
>

const DEFAULT_TERMINATE_REASON = 'Cancelled through taskbridge'

/**
 * Creates the Orkes Conductor adapter whose Tasks are workflow executions:
 * start, get, search, pause, resume, terminate (as `cancelTask`), and answer
 * the HUMAN or WAIT task one waits on. Single tasks are
 * {@link createOrkesTaskAdapter}'s.
 *
 * Credentials and options as for `createOrkesTaskAdapter`; errors name
 * `createOrkesWorkflowAdapter`.
 *
 * @example
 * ```ts
 * const workflows = createOrkesWorkflowAdapter({ serverUrl: 'https://play.orkes.io' })
 * await workflows.pauseTask(workflowId)
 * ```
 */
export function createOrkesWorkflowAdapter<const Name extends string = typeof ORKES_PROVIDER>(
  given?: OrkesWorkflowAdapterOptions<Name>,
): OrkesWorkflowAdapter<NoInfer<Name>> {
  const resolved = resolveOrkesWorkflowOptions(given)
  const provider = (resolved.options.name ?? ORKES_PROVIDER) as Name
  const http = createOrkesHttpClient(provider, resolved)
  return defineAdapter(workflowOperations(provider, http, resolved.options))
}

/** The idempotency key to send: the call's, or the input's older field; both must agree. */
function idempotencyOf(provider: string, input: OrkesStartInput, callKey: string | undefined) {
  const key = callKey ?? input.idempotencyKey
  if (callKey !== undefined && input.idempotencyKey !== undefined && input.idempotencyKey !== callKey) {
    throw new InvalidArgumentError({
      provider,
      argument: 'idempotencyKey',
      message: 'startTask: the input and the options give two different idempotency keys',
    })
  }
  const strategy = input.idempotencyStrategy
  if (strategy !== undefined && !IDEMPOTENCY_STRATEGIES.has(strategy)) {
    throw new InvalidArgumentError({
      provider,
      argument: 'idempotencyStrategy',
      message: `startTask: idempotencyStrategy must be one of ${[...IDEMPOTENCY_STRATEGIES].join(', ')}`,
    })
  }
  return key === undefined ? {} : { idempotencyKey: key, idempotencyStrategy: strategy ?? 'RETURN_EXISTING' }
}

/** The StartWorkflowRequest body for `input`. */
function startRequest(provider: string, input: OrkesStartInput, callKey: string | undefined): Record<string, unknown> {
  return {
    name: input.name,
    version: input.version,
    input: input.input ?? {},
    correlationId: input.correlationId,
    priority: input.priority,
    taskToDomain: input.taskToDomain,
    ...idempotencyOf(provider, input, callKey),
  }
}

function workflowOperations<Name extends string>(
  provider: Name,
  http: HttpClient,
  options: OrkesWorkflowAdapterOptions<string>,
): AdapterDefinition<Name, OrkesListQuery, OrkesStartInput, OrkesWorkflowMetadata, TaskAnswer> {
  const send = createTaskRequest(http, parseOrkesWorkflow)
  const read = (includeTasks: boolean) => (id: string, call: CallOptions) =>
    send('GET /api/workflow/{id}', id, call, { isNotFound: isOrkesTaskNotFound, query: { includeTasks } })
  const getWorkflow = read(options.includeTasks ?? true)
  // Pause, resume and terminate answer with an empty body: the Task returned is read afterwards.
  const control = (route: RouteTemplate, query?: Record<string, string>) => async (id: string, call: CallOptions) => {
    const { method, path } = resolveRoute(route, { id })
    await http.request(path, { ...call, method, route, query, taskId: id, isNotFound: isOrkesNotFound })
    return getWorkflow(id, call)
  }
  return {
    provider,
    getTask: getWorkflow,
    // Orkes keeps each key per workflow name and answers the run it started (RETURN_EXISTING).
    idempotentStart: true,
    // Conductor answers the new workflow's id as plain text; the Task is read afterwards.
    async startTask(input, { idempotencyKey, ...call }) {
      if (typeof input?.name !== 'string' || input.name.trim() === '') {
        throw new InvalidArgumentError({
          provider,
          argument: 'name',
          message: 'startTask: the workflow name is required',
        })
      }
      const response = await http.request('/api/workflow', {
        ...call,
        method: 'POST',
        json: startRequest(provider, input, idempotencyKey),
        responseType: 'text',
      })
      const id = response.text.trim()
      if (id === '') {
        throw new InvalidPayloadError({
          provider,
          raw: response.text,
          message: 'POST /api/workflow answered without a workflow id',
          ...payloadSourceOf(response),
        })
      }
      return getWorkflow(id, call)
    },
    listTasks: (query, call) =>
      searchOrkes(provider, http, '/api/workflow/search', query, call, mapOrkesWorkflowStatus, parseOrkesWorkflow),
    pauseTask: control('PUT /api/workflow/{id}/pause'),
    resumeTask: control('PUT /api/workflow/{id}/resume'),
    cancelTask: control('DELETE /api/workflow/{id}', { reason: options.terminateReason ?? DEFAULT_TERMINATE_REASON }),
    answerTask: answerOrkesWorkflow(provider, http, read(true)),
    validateAnswer: validateTaskAnswer,
  }
}
