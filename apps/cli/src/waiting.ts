import type { Task } from '@taskbridge/core'
import { describeValue } from './format.js'

/**
 * What a `waiting_for_input` task waits for, in a few words, from what the
 * library says it asks (`task.request`): its kind, title or message, and
 * where to act.
 */
export function describeWait(task: Task): string {
  const request = task.request
  if (!request) return 'input (the provider does not say what)'
  const title = request.title && `“${request.title}”`
  const what = [title, request.message].filter(Boolean).join(': ')
  const where = request.url ? ` (${request.url})` : ''
  if (request.kind === 'auth') return `a sign-in${what ? `: ${describeValue(what, 120)}` : ''}${where}`
  return `a person's answer${what ? ` to ${describeValue(what, 120)}` : ''}${where}`
}
