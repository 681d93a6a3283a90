// How an A2A agent reports errors over HTTP. The HTTP+JSON binding (v1.0)
// answers `{ error: { code, status, message, details } }` (google.rpc.Status);
// the v0.3 REST binding `{ code, message, data? }`; a card that cannot be
// served `{ error: "<text>" }`. Source: @a2a-js/sdk 1.3.0's Express server
// (`toRestErrorBody`, `toCompatErrorBody`, `agentCardHandler`); that other
// servers answer the same is inferred from the spec's bindings. JSON-RPC
// errors arrive in 200 answers and are read by jsonrpc.ts, not here.
import * as z from 'zod/mini'

/** An A2A error body in any of its three forms; the rest stays on the error's `data`. */
const A2AErrorBodySchema = z.looseObject({
  error: z.optional(z.union([z.string(), z.looseObject({ message: z.optional(z.string()) })])),
  message: z.optional(z.string()),
})

/** The agent's message in an error body: `error.message`, `message`, or an `error` string. */
export function a2aErrorMessage(body: unknown): string | undefined {
  const parsed = A2AErrorBodySchema.safeParse(body)
  if (!parsed.success) return undefined
  const { error, message } = parsed.data
  const said = typeof error === 'string' ? error : (error?.message ?? message)
  return said === undefined || said.trim() === '' ? undefined : said
}
