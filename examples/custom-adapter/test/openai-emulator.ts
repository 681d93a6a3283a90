// An emulator of OpenAI's background Responses API, built only with the
// public toolkit of @taskbridge/testkit, as a user would build one.
import { randomUUID } from 'node:crypto'
import {
  createTaskStore,
  createVirtualClock,
  type EmulatorHarness,
  type EmulatorRequest,
  type EmulatorServer,
  type LifecycleStep,
  startEmulatorServer,
} from '@taskbridge/testkit'

export const OPENAI_STATUSES = ['queued', 'in_progress', 'completed', 'failed', 'incomplete', 'cancelled'] as const

interface Response {
  id: string
  object: 'response'
  created_at: number
  status: string
  background: boolean
  model: string
  output: { type: 'message'; role: 'assistant'; content: { type: 'output_text'; text: string }[] }[]
  error: { code: string; message: string } | null
  incomplete_details: { reason: string } | null
}

export interface OpenAIEmulator extends EmulatorServer, EmulatorHarness {
  /** The key adapters should use; `invalidateCredentials()` makes the server refuse it. */
  readonly apiKey: string
}

const RUN: readonly LifecycleStep[] = [
  { afterMs: 1000, status: 'in_progress' },
  { afterMs: 5000, status: 'completed' },
]

// OpenAI's error body: { error: { message, type, code } }.
const openaiError = (status: number, message: string, code: string | null = null) => ({
  status,
  body: { error: { message, type: 'invalid_request_error', param: null, code } },
})

export async function startOpenAIEmulator(): Promise<OpenAIEmulator> {
  const clock = createVirtualClock()
  const apiKey = `sk-test-${randomUUID()}`
  let acceptedKey = apiKey
  const responses = createTaskStore<Response>({
    clock,
    applyStep: (task, step) => {
      task.data.status = step.status
      if (step.status === 'completed') {
        task.data.output = [
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Here is the summary.' }] },
        ]
      }
      if (step.status === 'failed') task.data.error = { code: 'server_error', message: 'The model failed to respond.' }
      if (step.status === 'incomplete') task.data.incomplete_details = { reason: 'max_output_tokens' }
    },
  })
  const create = (status?: string) => {
    const id = `resp_${randomUUID().replaceAll('-', '')}`
    const base: Response = {
      id,
      object: 'response',
      created_at: Math.floor(clock.now() / 1000),
      status: 'queued',
      background: true,
      model: 'gpt-5',
      output: [],
      error: null,
      incomplete_details: null,
    }
    const task = responses.add(id, base, status ? [{ afterMs: 0, status }] : RUN)
    return task.id
  }
  const find = (request: EmulatorRequest) => {
    const found = responses.get(request.params.id ?? '')
    return found ? structuredClone(found.data) : undefined
  }

  const server = await startEmulatorServer({
    clock,
    errorBody: (status, message) => openaiError(status, message).body,
    authenticate: (request) =>
      request.headers.authorization === `Bearer ${acceptedKey}`
        ? undefined
        : openaiError(401, 'Incorrect API key provided.', 'invalid_api_key'),
    routes: [
      {
        name: 'getResponse',
        method: 'GET',
        path: '/v1/responses/:id',
        payload: 'task',
        handler: (request) => {
          const response = find(request)
          return response
            ? { status: 200, body: response }
            : openaiError(404, `No response found with id '${request.params.id}'.`)
        },
      },
      {
        name: 'cancelResponse',
        method: 'POST',
        path: '/v1/responses/:id/cancel',
        payload: 'task',
        handler: (request) => {
          const response = find(request)
          if (!response) return openaiError(404, `No response found with id '${request.params.id}'.`)
          // Inferred: only queued or running background responses can be cancelled.
          if (!['queued', 'in_progress'].includes(response.status)) {
            return openaiError(400, `Cannot cancel a response with status '${response.status}'.`)
          }
          const stored = responses.get(response.id)
          if (stored) {
            responses.end(response.id)
            stored.data.status = 'cancelled'
          }
          return { status: 200, body: { ...response, status: 'cancelled' } }
        },
      },
    ],
  })

  return Object.assign(server, {
    apiKey,
    baseUrl: `${server.url}/v1`,
    secrets: [apiKey],
    routes: { getTask: 'getResponse', cancelTask: 'cancelResponse' },
    providerStatuses: OPENAI_STATUSES,
    createTask: create,
    providerStatusOf: (id: string) => responses.get(id)?.data.status,
    unknownTaskId: () => `resp_${randomUUID().replaceAll('-', '')}`,
    invalidateCredentials: () => {
      acceptedKey = `sk-test-${randomUUID()}`
    },
    reset: () => {
      responses.clear()
      acceptedKey = apiKey
      server.faults.clear()
      server.clearRequests()
    },
  })
}
