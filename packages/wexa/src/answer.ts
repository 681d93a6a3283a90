import { type TaskAnswer, type TaskRequest, validateTaskAnswer } from '@taskbridge/core'
import type { WexaExecution, WexaTaskPayload } from './schema.js'

/**
 * The Wexa status of a run that waits for a person's input. Wexa's Python
 * SDK (`wexa_sdk/inbox.py`) says a runtime-input draft "stays in status
 * `input_required`"; that a task or execution shows it while it waits is inferred.
 */
export const WEXA_INPUT_REQUIRED = 'input_required'

/** Which of Wexa's inbox requests an answer resolves (`wexa_sdk/inbox.py`). */
export type WexaInboxType = 'runtime_input' | 'preview' | 'anomaly_detection'

/** What the Wexa adapter's `answerTask` takes: a {@link TaskAnswer}, and which inbox request it answers. */
export interface WexaAnswer extends TaskAnswer {
  /**
   * The inbox request answered. Default `runtime_input` (values for a run
   * waiting in `input_required`); `preview` and `anomaly_detection` are
   * approvals and need `approved`.
   */
  inbox?: WexaInboxType | undefined
  /** The execution that waits. Default: the task's execution in `input_required`, else its latest that has not ended. */
  executionId?: string | undefined
  /** `agent_id` of a runtime-input or preview answer. Default: the execution's `start_from_agent_id` (inferred). */
  agentId?: string | undefined
}

const INBOX_TYPES: readonly string[] = ['runtime_input', 'preview', 'anomaly_detection']
const ENDED: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled', 'canceled'])

/** Why `answer` cannot be sent to Wexa's inbox, or `undefined` when it can. */
export function validateWexaAnswer(answer: WexaAnswer): string | undefined {
  const { inbox, executionId, agentId } = answer
  if (inbox !== undefined && !INBOX_TYPES.includes(inbox))
    return `answer.inbox must be one of ${INBOX_TYPES.join(', ')}`
  for (const [name, value] of [
    ['executionId', executionId],
    ['agentId', agentId],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '' || value.includes('/'))) {
      return `answer.${name} must be a non-empty id without "/"`
    }
  }
  if ((inbox === 'preview' || inbox === 'anomaly_detection') && typeof answer.approved !== 'boolean') {
    return `a ${inbox} answer is an approval: give approved`
  }
  return validateTaskAnswer(answer)
}

/** Whether a Wexa task (or one of its executions) waits for a person's input. */
export function isWexaTaskWaiting(task: Pick<WexaTaskPayload, 'status' | 'executions'>): boolean {
  return (
    task.status === WEXA_INPUT_REQUIRED ||
    (task.executions ?? []).some((execution) => execution.status === WEXA_INPUT_REQUIRED)
  )
}

/** What a waiting Wexa task asks: input for the execution that waits, kept in `metadata`. */
export function wexaRequestOf(task: Pick<WexaTaskPayload, 'status' | 'executions'>): TaskRequest | undefined {
  if (!isWexaTaskWaiting(task)) return undefined
  const execution = (task.executions ?? []).find((each) => each.status === WEXA_INPUT_REQUIRED)
  return { kind: 'input', ...(execution ? { metadata: { execution } } : {}) }
}

/** The execution an answer goes to: the one named, the one waiting, or the latest that has not ended. */
export function answeredExecution(
  task: Pick<WexaTaskPayload, 'executions'>,
  answer: WexaAnswer,
): WexaExecution | undefined {
  const executions = task.executions ?? []
  if (answer.executionId !== undefined) return executions.find((each) => each.execution_id === answer.executionId)
  return (
    executions.find((each) => each.status === WEXA_INPUT_REQUIRED) ??
    executions.filter((each) => !ENDED.has(each.status ?? '')).at(-1)
  )
}

/** The body of each inbox answer route, as `wexa_sdk/inbox.py` sends it. */
export function wexaInboxBody(type: WexaInboxType, answer: WexaAnswer, agentId: string | undefined): unknown {
  if (type === 'anomaly_detection') return { is_approved: answer.approved }
  if (type === 'preview') {
    return { agent_id: agentId, is_approved: answer.approved, preview_input: answer.data ?? answer.text }
  }
  const values = {
    ...answer.data,
    ...(answer.text !== undefined && { text: answer.text }),
    ...(answer.approved !== undefined && { approved: answer.approved }),
  }
  // is_submitted resolves the request and resumes the execution; a draft would leave it waiting.
  return { is_submitted: true, values, agent_id: agentId }
}
