import { defineAdapter, type TaskAdapter } from '@taskbridge/core'
import * as pu from '@taskbridge/provider-utils'
import * as z from 'zod/mini'

const part = z.looseObject({ type: z.string(), text: z.nullish(z.string()) })

/** An OpenAI Response as `GET /v1/responses/{id}` and `POST …/cancel` return it: the fields we map. */
export const OpenAIResponseSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  status: z.string(),
  created_at: z.nullish(z.number()),
  model: z.nullish(z.string()),
  error: z.nullish(z.looseObject({ code: z.nullish(z.string()), message: z.string() })),
  incomplete_details: z.nullish(z.looseObject({ reason: z.nullish(z.string()) })),
  output: z.nullish(z.array(z.looseObject({ content: z.nullish(z.array(part)) }))),
})

/** An OpenAI Response as a Task. `incomplete` (cut short by a token limit or a filter) counts as failed. */
export const parseOpenAIResponse = pu.createTaskParser({
  provider: 'openai',
  schema: OpenAIResponseSchema,
  statuses: {
    queued: 'pending',
    in_progress: 'running',
    completed: 'completed',
    failed: 'failed',
    incomplete: 'failed',
    cancelled: 'cancelled',
  },
  toTask: (response) => {
    const parts = (response.output ?? []).flatMap((item) => item.content ?? [])
    const text = parts.map((p) => (p.type === 'output_text' ? (p.text ?? '') : '')).join('')
    const reason = response.incomplete_details?.reason
    return {
      id: response.id,
      providerStatus: response.status,
      createdAt: pu.fromUnixSeconds(response.created_at),
      output: text ? { format: 'text', value: text } : undefined,
      error: response.error ?? (reason ? { message: `incomplete: ${reason}`, code: 'incomplete' } : undefined),
      metadata: { model: response.model },
    }
  },
})

/** OpenAI's error body, `{ error: { message, type, param, code } }`: its message goes into taskbridge's errors. */
const OpenAIErrorSchema = z.looseObject({ error: z.looseObject({ message: z.string() }) })
const openAIErrorMessage = (body: unknown) => {
  const parsed = OpenAIErrorSchema.safeParse(body)
  return parsed.success ? parsed.data.error.message : undefined
}

/** Background responses as tasks: get and cancel (the API has no list of responses). */
export function createOpenAIResponsesAdapter(options: pu.ApiKeyAdapterOptions = {}): TaskAdapter {
  const http = pu.createApiKeyHttpClient('openai', options, {
    baseUrl: 'https://api.openai.com/v1',
    envVar: 'OPENAI_API_KEY',
    errors: { message: openAIErrorMessage },
    factory: 'createOpenAIResponsesAdapter',
  })
  const send = pu.createTaskRequest(http, parseOpenAIResponse)
  return defineAdapter({
    name: 'openai',
    getTask: (id, call) => send('GET /responses/{id}', id, call),
    cancelTask: (id, call) => send('POST /responses/{id}/cancel', id, call),
  })
}
