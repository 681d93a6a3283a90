// The xpander.ai task payloads the emulator serves, built from the field list
// of GET /v1/tasks/{task_id} (seed `xpander-get-task.txt`, providers.md §2.5):
// the seed has no example body, so values and some nested shapes are inferred.

/** Every status xpander reports (`AgentExecutionStatus`). */
export const XPANDER_STATUSES: readonly ['pending', 'executing', 'paused', 'error', 'failed', 'completed', 'stopped'] =
  ['pending', 'executing', 'paused', 'error', 'failed', 'completed', 'stopped']

/** A task status as xpander spells it. */
export type XpanderStatus = (typeof XPANDER_STATUSES)[number]

/** Statuses a task never leaves; stopping a task in one of them changes nothing. */
export const XPANDER_TERMINAL_STATUSES: readonly XpanderStatus[] = ['completed', 'failed', 'error', 'stopped']

/** The output formats an invocation may ask for. */
export const XPANDER_OUTPUT_FORMATS: readonly ['text', 'markdown', 'json', 'voice'] = [
  'text',
  'markdown',
  'json',
  'voice',
]

/** How the task's `result` string is to be read. */
export type XpanderOutputFormat = (typeof XPANDER_OUTPUT_FORMATS)[number]

/** Where a task came from. */
export const XPANDER_SOURCES: readonly ['api', 'sdk', 'dashboard', 'webhook'] = ['api', 'sdk', 'dashboard', 'webhook']

/** Where a task came from. */
export type XpanderSource = (typeof XPANDER_SOURCES)[number]

/** How hard the agent thinks. */
export const XPANDER_THINK_MODES: readonly ['default', 'harder'] = ['default', 'harder']

/** How hard the agent thinks. */
export type XpanderThinkMode = (typeof XPANDER_THINK_MODES)[number]

/** The reasoning efforts the LLM snapshot can record. */
export const XPANDER_REASONING_EFFORTS: readonly ['low', 'medium', 'high', 'xhigh'] = ['low', 'medium', 'high', 'xhigh']

/** The reasoning effort the LLM snapshot records. */
export type XpanderReasoningEffort = (typeof XPANDER_REASONING_EFFORTS)[number]

/** The user an invocation was made for (`input.user`). */
export interface XpanderUser {
  id: string
  first_name: string | null
  last_name: string | null
  email: string | null
  additional_attributes: Record<string, unknown> | null
  display_name: string | null
}

/** The latest input of a task (a continued task keeps only its latest turn). */
export interface XpanderTaskInput {
  text: string
  files: string[]
  user: XpanderUser | null
}

/**
 * A human-in-the-loop wait. `wait_node_id` is documented; the other fields
 * come from the Python SDK's `HumanInTheLoop` model (inferred for the REST API).
 */
export interface XpanderHitlRequest {
  wait_node_id: string
  title: string | null
  description: string | null
  content: string
  approved_by: string | null
  rejected_by: string | null
}

/** A wait for a connector's authorisation grant (External Credential Authorization). */
export interface XpanderEcaRequest {
  connector_name: string
  auth_url: string
}

/** The full task record of get, stop and invoke-async answers. */
export interface XpanderTaskPayload {
  id: string
  agent_id: string
  organization_id: string
  input: XpanderTaskInput
  status: XpanderStatus
  /** Free text (≤ 255 characters) set by the agent, not an enum. */
  internal_status: string | null
  last_executed_node_id: string | null
  agent_version: string | null
  created_at: string
  started_at: string | null
  paused_at: string | null
  finished_at: string | null
  /** JSON-encoded when `output_format` is `json`; null or "" while the task runs. */
  result: string | null
  parent_execution: string | null
  sub_executions: string[]
  finished_sub_executions: string[]
  is_manually_stopped: boolean
  payload_extension: Record<string, unknown> | null
  hitl_request: XpanderHitlRequest | null
  pending_eca_request: XpanderEcaRequest | null
  source: XpanderSource
  worker_id: string | null
  additional_context: string | null
  instructions_override: string | null
  expected_output: string | null
  output_format: XpanderOutputFormat
  output_schema: Record<string, unknown> | null
  events_streaming: boolean
  triggering_agent_id: string | null
  title: string | null
  think_mode: XpanderThinkMode
  // The docs describe three LLM snapshot fields (provider, model name,
  // reasoning effort) without their names in our seed: these names are unverified.
  llm_provider: string | null
  llm_model_name: string | null
  llm_reasoning_effort: XpanderReasoningEffort | null
}

/** A task as `GET /v1/tasks` lists it: a smaller shape, without started_at/finished_at. */
export interface XpanderTaskListItem {
  id: string
  agent_id: string
  user_id: string | null
  parent_task_id: string | null
  triggering_agent_id: string | null
  organization_id: string
  status: XpanderStatus
  created_at: string
  updated_at: string
  source_node_type: string | null
  result: string | null
  title: string | null
}

/** One page of `GET /v1/tasks` (page numbers start at 1). */
export interface XpanderTaskPage {
  items: XpanderTaskListItem[]
  total: number
  page: number
  per_page: number
  total_pages: number
}

/** The worker the emulator says runs its tasks. */
export const EMULATOR_WORKER_ID = 'xpander-emulator-worker-1'

/** The running time from invocation to `executing`, and to `completed`. */
export const XPANDER_RUN_TIMING: { readonly startsAfterMs: number; readonly completesAfterMs: number } = {
  startsAfterMs: 1000,
  completesAfterMs: 5000,
}

/** True for the seven documented status values. */
export function isXpanderStatus(value: string): value is XpanderStatus {
  return (XPANDER_STATUSES as readonly string[]).includes(value)
}

/** True when a task in this status can no longer change. */
export function isXpanderTerminal(status: string): boolean {
  return (XPANDER_TERMINAL_STATUSES as readonly string[]).includes(status)
}

/** ISO 8601 UTC with microseconds and `Z`, as xpander writes timestamps (`2026-01-01T09:00:01.250000Z`). */
export function isoMicros(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/Z$/, '000Z')
}

/** What a task that completed produces, as the string xpander stores for its format. */
export function resultFor(format: XpanderOutputFormat, inputText: string): string {
  if (format === 'json') return JSON.stringify({ answer: `Done: ${inputText}`, confidence: 0.92 })
  if (format === 'markdown') return `## Result\n\nDone: **${inputText}**`
  return `Done: ${inputText}`
}

/** What a task that failed leaves in `result`. */
export function failureResultFor(status: 'failed' | 'error'): string {
  return status === 'error'
    ? 'Internal error: the worker lost its connection'
    : 'Tool call failed: upstream API returned 502'
}

/** What the fields of a new task start as; `overrides` wins. */
export function newTaskPayload(
  identity: { id: string; agentId: string; organizationId: string; createdAtMs: number; text: string },
  overrides: Partial<XpanderTaskPayload> = {},
): XpanderTaskPayload {
  return {
    id: identity.id,
    agent_id: identity.agentId,
    organization_id: identity.organizationId,
    input: { text: identity.text, files: [], user: null },
    status: 'pending',
    internal_status: null,
    last_executed_node_id: null,
    agent_version: '1',
    created_at: isoMicros(identity.createdAtMs),
    started_at: null,
    paused_at: null,
    finished_at: null,
    result: null,
    parent_execution: null,
    sub_executions: [],
    finished_sub_executions: [],
    is_manually_stopped: false,
    payload_extension: null,
    hitl_request: null,
    pending_eca_request: null,
    source: 'api',
    worker_id: null,
    additional_context: null,
    instructions_override: null,
    expected_output: null,
    output_format: 'text',
    output_schema: null,
    events_streaming: false,
    triggering_agent_id: null,
    title: null,
    think_mode: 'default',
    llm_provider: 'openai',
    llm_model_name: 'gpt-5',
    llm_reasoning_effort: 'medium',
    ...overrides,
  }
}

/** A sample wait for a human's approval. */
export function sampleHitlRequest(): XpanderHitlRequest {
  return {
    wait_node_id: 'node-approve-refund',
    title: 'Approve refund',
    description: 'The agent wants to refund an order above the automatic limit.',
    content: 'Refund order #1042 for 350.00 EUR?',
    approved_by: null,
    rejected_by: null,
  }
}

/** A sample wait for a connector's authorisation. */
export function sampleEcaRequest(): XpanderEcaRequest {
  return { connector_name: 'Google Drive', auth_url: 'https://auth.xpander.ai/connect/google-drive?state=emulator' }
}

/**
 * Moves a task that was just created into `status`, with the timestamps and
 * result a task in that status has: started 1 s after `created_at`, paused or
 * finished 6 s after it. What a paused task waits for is up to the caller.
 */
export function settleInStatus(task: XpanderTaskPayload, status: XpanderStatus, createdAtMs: number): void {
  task.status = status
  if (status === 'pending') return
  task.started_at = isoMicros(createdAtMs + 1000)
  task.worker_id = EMULATOR_WORKER_ID
  const endedAt = isoMicros(createdAtMs + 6000)
  if (status === 'paused') task.paused_at = endedAt
  if (isXpanderTerminal(status)) task.finished_at = endedAt
  if (status === 'completed') task.result = resultFor(task.output_format, task.input.text)
  if (status === 'failed' || status === 'error') task.result = failureResultFor(status)
  if (status === 'stopped') task.is_manually_stopped = true
}

/** The latest timestamp of a task: its `updated_at` when nothing more precise is known. */
export function latestTimestampOf(task: XpanderTaskPayload): string {
  const stamps = [task.created_at, task.started_at, task.paused_at, task.finished_at].filter(
    (stamp): stamp is string => stamp !== null,
  )
  return stamps.reduce((latest, stamp) => (Date.parse(stamp) > Date.parse(latest) ? stamp : latest))
}

/** The list shape of a task. `source_node_type` is taken from `source` (inferred). */
export function listItemOf(task: XpanderTaskPayload, updatedAt: string): XpanderTaskListItem {
  return {
    id: task.id,
    agent_id: task.agent_id,
    user_id: task.input.user?.id ?? null,
    parent_task_id: task.parent_execution,
    triggering_agent_id: task.triggering_agent_id,
    organization_id: task.organization_id,
    status: task.status,
    created_at: task.created_at,
    updated_at: updatedAt,
    source_node_type: task.source,
    result: task.result,
    title: task.title,
  }
}
