import { type Task, type TaskAnswer, type TaskClient, validateTaskAnswer } from '@taskbridge/core'
import { errorResponse, failure, json, readJson } from './http.js'
import type { Listing } from './listing.js'
import type { Live } from './live.js'
import type { ResolvedDashboardOptions } from './options.js'
import { pageTask } from './redact.js'

const MAX_BODY_BYTES = 64 * 1024
const ACTIONS = ['pause', 'resume', 'cancel'] as const
type Action = (typeof ACTIONS)[number]
const CAPABILITY_OF: Readonly<Record<Action, 'pause' | 'resume' | 'cancel'>> = {
  pause: 'pause',
  resume: 'resume',
  cancel: 'cancel',
}

/** The JSON routes, once the request is authenticated (and, for POSTs, checked for forgery). */
export interface Api {
  providers(): Response
  tasks(url: URL): Promise<Response>
  task(url: URL): Promise<Response>
  changes(url: URL): Response
  act(request: Request): Promise<Response>
  start(request: Request): Promise<Response>
  answer(request: Request): Promise<Response>
}

function providerOf(client: TaskClient, value: unknown): string | undefined {
  return typeof value === 'string' && client.providers.includes(value) ? value : undefined
}

/** Creates the JSON routes. */
export function createApi(options: ResolvedDashboardOptions, listing: Listing, live: Live): Api {
  const { client } = options
  const observed = (task: Task) => pageTask(live.observe(task))
  const call = async (operation: () => Promise<Task>, extra: (task: Task) => object = () => ({})) => {
    try {
      const task = await operation()
      return json(200, { task: observed(task), seq: live.seq, ...extra(task) })
    } catch (error) {
      return errorResponse(error)
    }
  }

  return {
    providers() {
      const providers = client.providers.map((name) => ({ name, capabilities: client.adapter(name).capabilities }))
      return json(200, { providers, readOnly: options.readOnly })
    },
    async tasks(url) {
      const cursor = url.searchParams.get('cursor')
      const page = cursor === null ? listing.first() : listing.next(cursor)
      if (page === undefined) return failure(410, 'this page of the listing is no longer available; reload the table')
      const { tasks, failures, cursor: next } = await page
      return json(200, { tasks: tasks.map(observed), failures, cursor: next, seq: live.seq })
    },
    async task(url) {
      const provider = providerOf(client, url.searchParams.get('provider'))
      const id = url.searchParams.get('id')
      if (provider === undefined || !id) return failure(400, 'give a known provider and a task id')
      return call(
        () => client.getTask(provider, id),
        () => ({ timeline: live.lookup(provider, id)?.timeline ?? [] }),
      )
    },
    changes(url) {
      const after = Number(url.searchParams.get('after'))
      const events = Number.isInteger(after) && after >= 0 ? live.since(after) : undefined
      return json(200, { events: events ?? [], reset: events === undefined, seq: live.seq })
    },
    async act(request) {
      if (options.readOnly) return failure(403, 'this dashboard is read-only')
      const body = await readJson(request, MAX_BODY_BYTES)
      if ('refused' in body) return body.refused
      const { action, provider: named, id } = (body.value ?? {}) as Record<string, unknown>
      const provider = providerOf(client, named)
      if (!ACTIONS.includes(action as Action) || provider === undefined || typeof id !== 'string' || id === '') {
        return failure(400, `send { action: ${ACTIONS.join(' | ')}, provider, id } with a known provider`)
      }
      const verb = action as Action
      if (!client.adapter(provider).capabilities[CAPABILITY_OF[verb]]) {
        return failure(409, `${provider} cannot ${verb} tasks`)
      }
      return call(() => client[`${verb}Task`](provider, id))
    },
    async answer(request) {
      if (options.readOnly) return failure(403, 'this dashboard is read-only')
      const body = await readJson(request, MAX_BODY_BYTES)
      if ('refused' in body) return body.refused
      const { provider: named, id, answer } = (body.value ?? {}) as Record<string, unknown>
      const provider = providerOf(client, named)
      if (provider === undefined || typeof id !== 'string' || id === '' || typeof answer !== 'object' || !answer) {
        return failure(400, 'send { provider, id, answer: { approved?, text?, data? } } with a known provider')
      }
      const problem = validateTaskAnswer(answer as TaskAnswer)
      if (problem !== undefined) return failure(400, problem)
      if (!client.adapter(provider).capabilities.answer) return failure(409, `${provider} cannot answer tasks`)
      return call(() => client.answerTask(provider, id, answer as TaskAnswer))
    },
    async start(request) {
      if (options.readOnly) return failure(403, 'this dashboard is read-only')
      const body = await readJson(request, MAX_BODY_BYTES)
      if ('refused' in body) return body.refused
      const { provider: named, input } = (body.value ?? {}) as Record<string, unknown>
      const provider = providerOf(client, named)
      if (provider === undefined) return failure(400, 'send { provider, input } with a known provider')
      if (!client.adapter(provider).capabilities.start) return failure(409, `${provider} cannot start tasks`)
      return call(() => client.startTask(provider, input))
    },
  }
}
