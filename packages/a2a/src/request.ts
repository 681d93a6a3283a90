import type { TaskAnswer, TaskRequest } from '@taskbridge/core'
import type { A2AMessage, A2APart, A2ATaskPayload } from './schema.js'

/** The request kind of each A2A state that waits for someone. */
const KINDS: Readonly<Record<string, TaskRequest['kind']>> = Object.freeze({
  TASK_STATE_INPUT_REQUIRED: 'input',
  TASK_STATE_AUTH_REQUIRED: 'auth',
  'input-required': 'input',
  'auth-required': 'auth',
})

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The first link among the parts: a v1.0 `url` part, or a v0.3 file part's `file.uri`. */
function linkOf(parts: readonly A2APart[]): string | undefined {
  for (const part of parts) {
    if (typeof part.url === 'string' && part.url !== '') return part.url
    if (isRecord(part.file) && typeof part.file.uri === 'string' && part.file.uri !== '') return part.file.uri
  }
  return undefined
}

/**
 * What an `input-required` or `auth-required` task asks, from the agent's
 * status message: its text parts as the message, the first link in it (a
 * sign-in page, a form) as the URL, and the message itself in `metadata`.
 * A2A defines no title, choices or answer schema.
 */
export function a2aRequestOf(task: Pick<A2ATaskPayload, 'status'>, text: string | undefined): TaskRequest | undefined {
  const state = task.status.state
  if (!Object.hasOwn(KINDS, state)) return undefined
  const message: A2AMessage | null | undefined = task.status.message
  const url = linkOf(message?.parts ?? [])
  return {
    kind: KINDS[state] as TaskRequest['kind'],
    ...(text !== undefined && { message: text }),
    ...(url !== undefined && { url }),
    ...(message ? { metadata: { message } } : {}),
  }
}

/** The parts of the user message that answers a waiting task: the text, and the data as a data part. */
export interface A2AAnswerParts {
  text?: string | undefined
  data?: Record<string, unknown> | undefined
}

/**
 * A {@link TaskAnswer} as message parts: `text` as a text part, and `data`
 * with `approved` (when given) as one data part. An approval without text
 * also says "Approved" or "Rejected" in words, for agents that read text only.
 */
export function a2aAnswerParts(answer: TaskAnswer): A2AAnswerParts {
  const decision = answer.approved === undefined ? undefined : answer.approved ? 'Approved' : 'Rejected'
  const data =
    answer.data !== undefined || answer.approved !== undefined
      ? { ...answer.data, ...(answer.approved !== undefined && { approved: answer.approved }) }
      : undefined
  return { text: answer.text ?? decision, data }
}
