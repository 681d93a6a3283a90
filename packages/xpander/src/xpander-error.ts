// How xpander.ai reports errors: a `{"detail": …}` body for 400, 401, 403
// and 404 (docs.xpander.ai delete-task and the SDK's error-handling page,
// /work/shared/providers.md §2.6). Inferred: `detail` is a string, or, for a
// request that fails validation, FastAPI's list of `{ loc, msg, type }`
// (the API answers in FastAPI's shapes elsewhere; not documented for errors).
import * as z from 'zod/mini'

const ValidationIssueSchema = z.looseObject({
  loc: z.optional(z.array(z.union([z.string(), z.number()]))),
  msg: z.string(),
})

/** xpander's error body; the rest stays on the error's `data`. */
const XpanderErrorBodySchema = z.looseObject({
  detail: z.union([z.string(), z.array(ValidationIssueSchema)]),
})

/** xpander's message in an error body: its `detail`, or each validation issue as `where: what`. */
export function xpanderErrorMessage(body: unknown): string | undefined {
  const parsed = XpanderErrorBodySchema.safeParse(body)
  if (!parsed.success) return undefined
  const { detail } = parsed.data
  if (typeof detail === 'string') return detail.trim() === '' ? undefined : detail
  const issues = detail.map((issue) => (issue.loc?.length ? `${issue.loc.join('.')}: ${issue.msg}` : issue.msg))
  return issues.length === 0 ? undefined : issues.join('; ')
}
