import {
  XPANDER_OUTPUT_FORMATS,
  XPANDER_THINK_MODES,
  type XpanderTaskInput,
  type XpanderTaskPayload,
  type XpanderUser,
} from './payloads.js'
import type { XpanderInvocation } from './tasks.js'
import { isRecord, optionalEnum, optionalString, XpanderValidationError } from './validation.js'

/** The body of `POST /v1/agents/{agent_id}/invoke/async`, checked. */
export interface ParsedInvocation {
  /** The task to continue, when the body names one. */
  continueId: string | undefined
  invocation: XpanderInvocation
}

function parseUser(value: unknown): XpanderUser | null {
  if (value === undefined || value === null) return null
  if (!isRecord(value)) throw new XpanderValidationError('input.user must be an object')
  const id = optionalString(value, 'id')
  if (id === undefined) throw new XpanderValidationError('input.user.id is required')
  return {
    id,
    first_name: optionalString(value, 'first_name') ?? null,
    last_name: optionalString(value, 'last_name') ?? null,
    email: optionalString(value, 'email') ?? null,
    additional_attributes: isRecord(value.additional_attributes) ? value.additional_attributes : null,
    display_name: optionalString(value, 'display_name') ?? null,
  }
}

function parseFiles(value: unknown): string[] {
  if (value === undefined || value === null) return []
  if (Array.isArray(value) && value.every((file) => typeof file === 'string')) return value
  throw new XpanderValidationError('input.files must be a list of URLs')
}

function parseInput(value: unknown): XpanderTaskInput {
  if (!isRecord(value)) throw new XpanderValidationError('input is required')
  const text = optionalString(value, 'text') ?? ''
  const files = parseFiles(value.files)
  // The same rule as the SDK's AgentExecutionInput validator.
  if (text === '' && files.length === 0)
    throw new XpanderValidationError("Agent execution input should have either 'text' or 'files'")
  return { text, files, user: parseUser(value.user) }
}

/** The invocation options that end up on the task record, when given. */
function parseOptions(body: Record<string, unknown>): Partial<XpanderTaskPayload> {
  const options: Partial<XpanderTaskPayload> = {
    output_format: optionalEnum(body, 'output_format', XPANDER_OUTPUT_FORMATS),
    think_mode: optionalEnum(body, 'think_mode', XPANDER_THINK_MODES),
    title: optionalString(body, 'title'),
    instructions_override: optionalString(body, 'instructions_override'),
    expected_output: optionalString(body, 'expected_output'),
    additional_context: optionalString(body, 'additional_context'),
    output_schema: isRecord(body.output_schema) ? body.output_schema : undefined,
    events_streaming: typeof body.events_streaming === 'boolean' ? body.events_streaming : undefined,
  }
  // Options not given keep the record's defaults (or the previous turn's values).
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
}

/** Checks an invoke body; throws {@link XpanderValidationError} for what xpander would refuse. */
export function parseInvocation(body: unknown): ParsedInvocation {
  if (!isRecord(body)) throw new XpanderValidationError('The request body must be a JSON object')
  return {
    continueId: optionalString(body, 'id'),
    invocation: { input: parseInput(body.input), ...parseOptions(body) },
  }
}
