// Wexa's inbox answer routes, as its Python SDK (`wexa_sdk/inbox.py`) calls
// them: POST /inbox/update/{runtime_input|preview|anomaly_detection}/{execution_id}?projectID=.
// Their answers and refusals are not documented: the emulator answers
// `{ execution_id, status }`, and 400 for an execution that does not wait.
import type { EmulatorClock } from '../toolkit/clock.js'
import type { EmulatorReply, EmulatorRequest, RouteDefinition } from '../toolkit/server.js'
import type { LifecycleStep, TaskStore } from '../toolkit/store.js'
import { setWexaTaskStatus, type WexaTaskPayload } from './payload.js'

/** The status of a run waiting for a person's input (named by Wexa's Python SDK). */
export const WEXA_INPUT_REQUIRED = 'input_required'

/** After an answer, a run goes on and completes 4 s later on the clock. */
const AFTER_ANSWER: readonly LifecycleStep[] = [{ afterMs: 4000, status: 'completed' }]

interface InboxContext {
  tasks: TaskStore<WexaTaskPayload>
  clock: EmulatorClock
  errorBody(status: number, message: string): unknown
}

type InboxType = 'runtime_input' | 'preview' | 'anomaly_detection'

/** Whether the answer resolves the request, and approves it. */
function verdict(type: InboxType, body: Record<string, unknown>): 'draft' | 'approved' | 'rejected' {
  if (type === 'runtime_input') return body.is_submitted === true ? 'approved' : 'draft'
  return body.is_approved === true ? 'approved' : 'rejected'
}

function answer(context: InboxContext, type: InboxType, request: EmulatorRequest): EmulatorReply {
  const fail = (status: number, message: string) => ({ status, body: context.errorBody(status, message) })
  if (!request.query.get('projectID')) return fail(400, 'projectID should not be empty')
  const executionId = request.params.id ?? ''
  const task = context.tasks
    .list()
    .find(({ data }) => data.executions.some((execution) => execution.execution_id === executionId))
  if (!task) return fail(404, `Execution ${executionId} not found`)
  const execution = task.data.executions.find((each) => each.execution_id === executionId)
  if (execution?.status !== WEXA_INPUT_REQUIRED) {
    return fail(400, `Execution ${executionId} is ${execution?.status}, not waiting for input`)
  }
  const body = (request.body ?? {}) as Record<string, unknown>
  const outcome = verdict(type, body)
  if (outcome === 'draft') return { status: 200, body: { execution_id: executionId, status: WEXA_INPUT_REQUIRED } }
  const next = outcome === 'approved' ? 'running' : 'cancelled'
  setWexaTaskStatus(task.data, next, context.clock.now())
  if (next === 'running') context.tasks.add(task.id, task.data, AFTER_ANSWER)
  return { status: 200, body: { execution_id: executionId, status: next } }
}

/** The inbox answer routes, named `answerRuntimeInput`, `answerPreview` and `answerAnomaly`. */
export function wexaInboxRoutes(context: InboxContext): RouteDefinition[] {
  const route = (name: string, type: InboxType): RouteDefinition => ({
    name,
    method: 'POST',
    path: `/inbox/update/${type}/:id`,
    payload: 'none',
    handler: (request) => answer(context, type, request),
  })
  return [
    route('answerRuntimeInput', 'runtime_input'),
    route('answerPreview', 'preview'),
    route('answerAnomaly', 'anomaly_detection'),
  ]
}
