import type { Task } from '@taskbridge/core'
import { describeValue } from './format.js'

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined

/**
 * What a `waiting_for_input` task waits for, in a few words, from what its
 * provider says in the task's metadata (xpander: a human-in-the-loop request
 * or a connector authorisation).
 */
export function describeWait(task: Task): string {
  const metadata = task.metadata as Record<string, unknown>
  const hitl = metadata.hitlRequest as Record<string, unknown> | undefined
  if (hitl) {
    const title = text(hitl.title) ?? text(hitl.wait_node_id)
    const content = text(hitl.content) ?? text(hitl.description)
    const what = [title && `“${title}”`, content].filter(Boolean).join(': ')
    return `a person's answer${what ? ` to ${describeValue(what, 120)}` : ''}`
  }
  const eca = metadata.pendingEcaRequest as Record<string, unknown> | undefined
  if (eca) {
    const connector = text(eca.connector_name)
    return `authorisation of ${connector ? `the ${connector} connector` : 'a connector'}`
  }
  return 'input (the provider does not say what)'
}
