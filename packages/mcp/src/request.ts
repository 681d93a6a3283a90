// What an `input_required` task asks, as core's TaskRequest, and a person's
// answer as the extension's `inputResponses`. The questions are MCP's
// server-to-client requests (elicitation, sampling), keyed by the server.
import type { TaskAnswer, TaskRequest, TaskRequestChoice } from '@taskbridge/core'
import type { McpTaskPayload } from './schema.js'

/** An answer to an MCP task: core's {@link TaskAnswer}, or the extension's `inputResponses` as they are sent. */
export interface McpAnswer extends TaskAnswer {
  /** Responses by input-request key, sent unchanged (then `approved`, `text` and `data` are not used). */
  inputResponses?: Record<string, unknown>
}

interface InputRequest {
  method?: unknown
  params?: { message?: unknown; requestedSchema?: unknown; url?: unknown; [key: string]: unknown }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The properties of an elicitation's requested schema. */
function propertiesOf(schema: unknown): Record<string, Record<string, unknown>> {
  const properties = isObject(schema) ? schema.properties : undefined
  return isObject(properties) ? (properties as Record<string, Record<string, unknown>>) : {}
}

/** The choices of a schema with one property that lists them (`enum`, or `oneOf` of `const` and `title`). */
function choicesOf(schema: unknown): TaskRequestChoice[] | undefined {
  const properties = Object.values(propertiesOf(schema))
  if (properties.length !== 1) return undefined
  const [property] = properties as [Record<string, unknown>]
  if (Array.isArray(property.enum)) return property.enum.map((value) => ({ value: String(value) }))
  if (!Array.isArray(property.oneOf)) return undefined
  return property.oneOf.filter(isObject).map((option) => ({
    value: String(option.const),
    ...(typeof option.title === 'string' ? { label: option.title } : {}),
  }))
}

/**
 * What an `input_required` task asks: the first of its `inputRequests` (the
 * extension form inlines them): an elicitation's message, requested schema,
 * choices and URL; the 2025-11-25 form sends its requests on the
 * `tasks/result` stream, so only the status message says what it waits for.
 * `metadata.inputRequests` keeps them all, as the server sent them.
 */
export function mcpRequestOf(task: McpTaskPayload): TaskRequest | undefined {
  if (task.status !== 'input_required') return undefined
  const requests = task.inputRequests && Object.keys(task.inputRequests).length ? task.inputRequests : undefined
  const first = requests ? (Object.values(requests)[0] as InputRequest) : undefined
  const params = isObject(first?.params) ? first.params : {}
  const message = typeof params.message === 'string' ? params.message : task.statusMessage || undefined
  const schema = isObject(params.requestedSchema) ? params.requestedSchema : undefined
  const choices = choicesOf(schema)
  const request: TaskRequest = { kind: 'input' }
  if (message) request.message = message
  if (schema) request.schema = schema
  if (choices?.length) request.choices = choices
  if (typeof params.url === 'string') request.url = params.url
  if (requests) request.metadata = { inputRequests: requests }
  return request
}

/** An elicitation's content from an answer: its data, or its text as the one field the schema asks for. */
function contentOf(request: InputRequest, answer: TaskAnswer): Record<string, unknown> | undefined {
  if (answer.data) return answer.data
  if (answer.text === undefined) return undefined
  const names = Object.keys(propertiesOf(request.params?.requestedSchema))
  return { [names.length === 1 ? (names[0] as string) : 'text']: answer.text }
}

/** One input request's response: an elicitation accepted (or declined), a sampling request answered with the text. */
function responseTo(request: InputRequest, answer: TaskAnswer): unknown {
  if (request.method === 'sampling/createMessage') {
    return { role: 'assistant', content: { type: 'text', text: answer.text ?? '' }, model: 'human' }
  }
  if (answer.approved === false) return { action: 'decline' }
  const content = contentOf(request, answer)
  return content ? { action: 'accept', content } : { action: 'accept' }
}

/**
 * The `inputResponses` of `tasks/update` for a task's outstanding requests:
 * `answer.inputResponses` as given, else one response per request from the
 * answer (elicitations are accepted with `data`, or `text` as their one
 * field; `approved: false` declines).
 */
export function mcpInputResponses(inputRequests: Record<string, unknown>, answer: McpAnswer): Record<string, unknown> {
  if (answer.inputResponses) return answer.inputResponses
  return Object.fromEntries(
    Object.entries(inputRequests).map(([key, request]) => [
      key,
      responseTo(isObject(request) ? (request as InputRequest) : {}, answer),
    ]),
  )
}
