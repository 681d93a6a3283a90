// JSON a provider hands over as text inside a payload (an output, an input):
// parsed once, here, with the depth limit that keeps every Task serialisable.
import { MAX_JSON_DEPTH } from '@taskbridge/core'
import { parseJson } from '@taskbridge/core/internal'

/** What {@link parseEmbeddedJson} made of the text. */
export type EmbeddedJson =
  | { parsed: true; value: unknown }
  /** Not parsed: the text is kept as the value, and `reason` says why (for the Task's metadata). */
  | { parsed: false; value: string; reason: string }

/**
 * Parses JSON text that a payload carries as a string (a task's output or
 * input). Text that is not JSON, or is nested deeper than
 * `MAX_JSON_DEPTH` (1,000) levels, stays text, with the reason, so a Task
 * built from it always survives `JSON.stringify`. `__proto__` keys are
 * dropped, as by every JSON reader of taskbridge.
 *
 * @example
 * ```ts
 * const output = parseEmbeddedJson(job.result)
 * const metadata = output.parsed ? {} : { outputParseError: output.reason }
 * ```
 */
export function parseEmbeddedJson(text: string): EmbeddedJson {
  const result = parseJson(text, { maxDepth: MAX_JSON_DEPTH })
  return result.success
    ? { parsed: true, value: result.value }
    : { parsed: false, value: text, reason: result.error.message }
}
