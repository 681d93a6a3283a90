// Orkes / Conductor status notifications. The workflow status listener's
// webhook publisher (`workflow_publisher`) posts the workflow summary, with
// `input`/`output` as JSON text and times as strings (documented:
// orkes.io/content/conceptual-guides/workflow-and-task-status, "Each publisher
// serializes workflow summary data"); its `event` field, naming the
// lifecycle event, is kept in `raw` and `metadata.event` (unverified: named
// by our issue tracker, not read in Conductor's source). A task notification
// is a task summary (it has a `taskId`).
import { InvalidPayloadError } from '@taskbridge/core'
import { type OrkesTaskResult, type OrkesWorkflowResult, parseOrkesTask, parseOrkesWorkflow } from './map.js'

/** Options of the Orkes webhook parsers. */
export interface OrkesWebhookOptions {
  /** The name the Tasks carry in `adapter` (and `provider`): the `name` of the adapter that follows them. Default `orkes`. */
  provider?: string | undefined
}

/** A workflow notification as a Task, with the notification's `event` in `metadata`. */
export type OrkesWorkflowNotification = OrkesWorkflowResult & { metadata: { event?: string } }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function named<T extends { adapter: string; provider: string }>(task: T, options: OrkesWebhookOptions): T {
  return options.provider === undefined ? task : { ...task, adapter: options.provider, provider: options.provider }
}

/**
 * Turns a workflow status notification (a workflow summary) into a Task,
 * with no request. Throws `InvalidPayloadError` (keeping the body as `raw`)
 * for a body that is not one.
 */
export function parseOrkesWorkflowWebhook(body: unknown, options: OrkesWebhookOptions = {}): OrkesWorkflowNotification {
  const task = parseOrkesWorkflow(body)
  const event = isRecord(body) && typeof body.event === 'string' ? body.event : undefined
  return named({ ...task, metadata: event === undefined ? task.metadata : { ...task.metadata, event } }, options)
}

/** Turns a task status notification (a task summary) into a Task, with no request. */
export function parseOrkesTaskWebhook(body: unknown, options: OrkesWebhookOptions = {}): OrkesTaskResult {
  return named(parseOrkesTask(body), options)
}

/**
 * Either kind of Orkes notification: a body with a `taskId` is a task's, one
 * with a `workflowId` a workflow's. Give it to `createWebhookHandler`.
 *
 * @example
 * ```ts
 * const handler = createWebhookHandler({ parse: parseOrkesWebhook, onChange: (task) => console.log(task.status) })
 * ```
 */
export function parseOrkesWebhook(
  body: unknown,
  options: OrkesWebhookOptions = {},
): OrkesWorkflowNotification | OrkesTaskResult {
  if (isRecord(body) && typeof body.taskId === 'string') return parseOrkesTaskWebhook(body, options)
  if (isRecord(body) && typeof body.workflowId === 'string') return parseOrkesWorkflowWebhook(body, options)
  throw new InvalidPayloadError({
    provider: options.provider ?? 'orkes',
    raw: body,
    message: 'Orkes notification: the body has neither a taskId nor a workflowId',
  })
}
