import { setTimeout as sleep } from 'node:timers/promises'
import type { EmulatorReply, EmulatorRequest, RouteDefinition } from '../toolkit/server.js'
import type { StoredTask } from '../toolkit/store.js'
import { parseInvocation } from './invocation.js'
import { listPage, parseListQuery } from './list.js'
import { isXpanderTerminal, type XpanderTaskPayload } from './payloads.js'
import type { XpanderTasks } from './tasks.js'
import { XpanderValidationError } from './validation.js'

/** A FastAPI-style error, as every xpander error is. */
export function xpanderError(status: number, detail: string): EmulatorReply {
  return { status, body: { detail } }
}

/** A task as an answer: a copy, so the request log keeps what was sent even when the task moves on. */
function taskReply(task: XpanderTaskPayload): EmulatorReply {
  return { status: 200, body: structuredClone(task) }
}

type Lookup = { task: StoredTask<XpanderTaskPayload>; refusal?: undefined } | { refusal: EmulatorReply }

/** The task the key may see: 404 when there is none, 403 when it belongs to another organisation. */
function lookup(tasks: XpanderTasks, id: string): Lookup {
  const task = tasks.store.get(id)
  if (!task) return { refusal: xpanderError(404, `Task ${id} not found`) }
  if (task.data.organization_id !== tasks.organizationId)
    return { refusal: xpanderError(403, 'You do not have access to this task') }
  return { task }
}

/** Runs a handler, answering 400 with its message when it refuses the request. */
function validated(handler: (request: EmulatorRequest) => EmulatorReply): (request: EmulatorRequest) => EmulatorReply {
  return (request) => {
    try {
      return handler(request)
    } catch (error) {
      if (error instanceof XpanderValidationError) return xpanderError(400, error.message)
      throw error
    }
  }
}

/** Runs a handler on the task named by the path, or answers 404/403. */
function onTask(
  tasks: XpanderTasks,
  handler: (task: StoredTask<XpanderTaskPayload>) => EmulatorReply,
): (request: EmulatorRequest) => EmulatorReply {
  return ({ params }) => {
    const found = lookup(tasks, params.id ?? '')
    return found.refusal ?? handler(found.task)
  }
}

function invokeAsync(tasks: XpanderTasks, request: EmulatorRequest): EmulatorReply {
  const { continueId, invocation } = parseInvocation(request.body)
  if (continueId === undefined) return taskReply(tasks.invoke(request.params.agentId ?? '', invocation))
  const found = lookup(tasks, continueId)
  return found.refusal ?? taskReply(tasks.continueTask(found.task, invocation))
}

/** How often an open event stream looks at its task for a change (the emulator's own, not a client's, polling). */
const EVENT_STREAM_CHECK_MS = 5

/**
 * A task's events as xpander's agent controller streams them (inferred from
 * xpander's SDK, see the adapter's README): `task_updated` for each change,
 * `task_finished` for the last, each `{ type, task_id, organization_id, time,
 * data }` with the full task in `data`. Changes only: what the task is on
 * subscribing is not sent. The stream ends after `task_finished`.
 */
async function* taskEvents(tasks: XpanderTasks, id: string, signal: AbortSignal): AsyncGenerator<string> {
  const stateOf = (task: XpanderTaskPayload) => JSON.stringify(task)
  const first = tasks.store.get(id)
  let seen = first ? stateOf(first.data) : ''
  while (!signal.aborted) {
    const task = tasks.store.get(id)
    if (!task) return
    const now = stateOf(task.data)
    if (now !== seen) {
      seen = now
      const finished = isXpanderTerminal(task.data.status)
      const event = {
        type: finished ? 'task_finished' : 'task_updated',
        task_id: id,
        organization_id: tasks.organizationId,
        time: new Date(tasks.clock.now()).toISOString(),
        data: structuredClone(task.data),
      }
      yield `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`
      if (finished) return
    }
    // Ends with the response: a task that never changes must not keep the process alive.
    await sleep(EVENT_STREAM_CHECK_MS, undefined, { signal }).catch(() => undefined)
  }
}

/**
 * The public REST v1 routes (providers.md §2.2). There is no pause or resume
 * route: xpander documents none.
 */
export function xpanderRoutes(tasks: XpanderTasks): RouteDefinition[] {
  return [
    {
      name: 'getTask',
      method: 'GET',
      path: '/v1/tasks/:id',
      payload: 'task',
      handler: onTask(tasks, (task) => taskReply(task.data)),
    },
    {
      name: 'listTasks',
      method: 'GET',
      path: '/v1/tasks',
      payload: 'list',
      handler: validated(({ query }) => ({ status: 200, body: listPage(tasks, parseListQuery(query)) })),
    },
    {
      // "Get Agent Tasks": the same list, for the agent in the path.
      name: 'listAgentTasks',
      method: 'GET',
      path: '/v1/agents/:agentId/tasks',
      payload: 'list',
      handler: validated(({ query, params }) => {
        const parsed = parseListQuery(query)
        parsed.filters.agent_id = params.agentId ?? ''
        return { status: 200, body: listPage(tasks, parsed) }
      }),
    },
    {
      name: 'cancelTask',
      method: 'POST',
      path: '/v1/tasks/:id/stop',
      payload: 'task',
      handler: onTask(tasks, (task) => taskReply(tasks.stop(task))),
    },
    {
      name: 'deleteTask',
      method: 'DELETE',
      path: '/v1/tasks/:id',
      payload: 'none',
      handler: onTask(tasks, (task) => {
        tasks.remove(task)
        return { status: 204 }
      }),
    },
    {
      // On the agent controller's host in production; this emulator serves it beside the REST API.
      name: 'streamTask',
      method: 'GET',
      path: '/:organizationId/agent-execution/:id/events',
      payload: 'none',
      handler: ({ params, signal }) => {
        const found = lookup(tasks, params.id ?? '')
        if (found.refusal) return found.refusal
        if (params.organizationId !== tasks.organizationId) return xpanderError(404, 'Organization not found')
        return { status: 200, events: taskEvents(tasks, found.task.id, signal) }
      },
    },
    {
      name: 'invokeAsync',
      method: 'POST',
      path: '/v1/agents/:agentId/invoke/async',
      payload: 'task',
      handler: validated((request) => invokeAsync(tasks, request)),
    },
  ]
}
