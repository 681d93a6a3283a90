import type { EmulatorReply } from '../toolkit/server.js'
import { orkesError } from './payloads.js'
import { orderTasks } from './seed-data.js'
import type { OrkesState } from './state.js'

/**
 * The workflow definitions the emulator has registered, by name: what
 * `POST /api/workflow` can start (version 1 each). Their tasks run on the
 * clock like a harness-created workflow's.
 */
export const ORKES_REGISTERED_WORKFLOWS: readonly string[] = ['order_fulfillment']

function registeredTasks(name: string, input: Record<string, unknown>) {
  if (name !== 'order_fulfillment') return undefined
  return orderTasks(typeof input.orderId === 'string' ? input.orderId : 'ord-0').slice(0, 2)
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const error = (status: number, message: string): EmulatorReply => ({ status, body: orkesError(status, message) })

const STRATEGIES: ReadonlySet<unknown> = new Set(['RETURN_EXISTING', 'FAIL', 'FAIL_ON_RUNNING'])

/**
 * What a start with an idempotency key already used for this workflow name
 * gets, by its strategy (orkes.io/content/idempotency): `RETURN_EXISTING`
 * the id of the run the key started; `FAIL` a 409; `FAIL_ON_RUNNING` a 409
 * while that run is running or paused, else a new run. The server's default
 * when no strategy is sent is not documented: the emulator takes `FAIL`.
 * `undefined` when a new run should start.
 */
function idempotentReply(state: OrkesState, name: string, key: string, strategy: unknown): EmulatorReply | undefined {
  const earlier = state
    .allWorkflows()
    .filter((workflow) => workflow.workflowName === name && workflow.idempotencyKey === key)
    .at(-1)
  if (!earlier) return undefined
  if (strategy === 'RETURN_EXISTING') return { status: 200, body: earlier.workflowId }
  const conflict = error(409, `Workflow with idempotencyKey ${key} already exists: ${earlier.workflowId}`)
  if (strategy !== 'FAIL_ON_RUNNING') return conflict
  return earlier.status === 'RUNNING' || earlier.status === 'PAUSED' ? conflict : undefined
}

/**
 * `POST /api/workflow` with a StartWorkflowRequest (`name`, `version`,
 * `input`, `correlationId`, `idempotencyKey`, `idempotencyStrategy`, …):
 * answers the new workflow's id as plain text, as Conductor's
 * WorkflowResource does; an unknown definition is a 404.
 */
export function startWorkflow(state: OrkesState, body: unknown): EmulatorReply {
  const request = isRecord(body) ? body : {}
  const { name, version, correlationId, idempotencyKey, idempotencyStrategy } = request
  if (typeof name !== 'string' || name === '') return error(400, 'Workflow name cannot be null or empty')
  if (idempotencyStrategy !== undefined && !STRATEGIES.has(idempotencyStrategy))
    return error(400, `Invalid idempotencyStrategy: ${String(idempotencyStrategy)}`)
  const input = isRecord(request.input) ? request.input : {}
  const tasks = registeredTasks(name, input)
  if (!tasks || (version !== undefined && version !== null && version !== 1))
    return error(404, `No such workflow defined. name=${name}, version=${version ?? null}`)
  const key = typeof idempotencyKey === 'string' && idempotencyKey !== '' ? idempotencyKey : undefined
  const repeated = key === undefined ? undefined : idempotentReply(state, name, key, idempotencyStrategy)
  if (repeated) return repeated
  const started = state.start({
    name,
    tasks,
    input,
    ...(typeof correlationId === 'string' ? { correlationId } : {}),
    ...(key === undefined ? {} : { idempotencyKey: key }),
  })
  return { status: 200, body: started.workflowId }
}
