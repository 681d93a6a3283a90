import type { TaskRequest } from '@taskbridge/core'
import type { XpanderEcaRequest, XpanderHitlRequest } from './schema.js'

const text = (value: string | null | undefined): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined

/** xpander's HITL is a binary decision (its Python SDK, `models/notifications.py`). */
const APPROVE_OR_REJECT = [
  { value: 'approve', label: 'Approve' },
  { value: 'reject', label: 'Reject' },
]

/**
 * What an xpander task waiting for a person asks: a HITL request is an
 * approval (approve or reject; the older shape's title and content when a
 * payload has them), a pending ECA request a connector sign-in at its
 * `auth_url`. The provider's object is kept in `metadata` under its own name.
 */
export function xpanderRequestOf(
  hitl: XpanderHitlRequest | null | undefined,
  eca: XpanderEcaRequest | null | undefined,
): TaskRequest | undefined {
  if (eca) {
    const connector = text(eca.connector_name)
    const url = text(eca.auth_url)
    return {
      kind: 'auth',
      message: `Authorise the ${connector ? `${connector} connector` : 'connector'} to continue`,
      ...(url && { url }),
      metadata: { pending_eca_request: eca },
    }
  }
  if (!hitl) return undefined
  const title = text(hitl.title)
  const message = text(hitl.content) ?? text(hitl.description)
  return {
    kind: 'approval',
    ...(title && { title }),
    ...(message && { message }),
    choices: APPROVE_OR_REJECT.map((choice) => ({ ...choice })),
    metadata: { hitl_request: hitl },
  }
}
