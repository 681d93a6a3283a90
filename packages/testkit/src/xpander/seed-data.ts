import {
  newTaskPayload,
  sampleEcaRequest,
  sampleHitlRequest,
  settleInStatus,
  type XpanderStatus,
  type XpanderTaskPayload,
  type XpanderUser,
} from './payloads.js'

/** The organisation the emulator's key belongs to, unless one is given. */
export const XPANDER_DEFAULT_ORGANIZATION_ID = 'c0ffee00-0000-4000-8000-000000000001'

/** The organisation of the one seeded task the key may not see (403). */
export const XPANDER_OTHER_ORGANIZATION_ID = 'c0ffee00-0000-4000-8000-000000000002'

/** The agents the seeded tasks belong to. */
export const XPANDER_SEED_AGENT_IDS: { readonly research: string; readonly support: string; readonly writer: string } =
  {
    research: 'a6e70000-0000-4000-8000-000000000001',
    support: 'a6e70000-0000-4000-8000-000000000002',
    writer: 'a6e70000-0000-4000-8000-000000000003',
  }

/** What each seeded task is there to show. */
export type XpanderSeedName =
  | 'completedJson'
  | 'completedMarkdown'
  | 'completedVoice'
  | 'parentExecuting'
  | 'childCompleted'
  | 'childExecuting'
  | 'executingText'
  | 'pending'
  | 'pausedHitl'
  | 'pausedEca'
  | 'paused'
  | 'failed'
  | 'error'
  | 'stopped'
  | 'otherOrganization'

const seedId = (n: number): string => `5eed0000-0000-4000-8000-${String(n).padStart(12, '0')}`

/** The seeded tasks' ids: fixed, so tests and docs can name them. */
export const XPANDER_SEED_TASK_IDS: Readonly<Record<XpanderSeedName, string>> = {
  completedJson: seedId(1),
  completedMarkdown: seedId(2),
  completedVoice: seedId(3),
  parentExecuting: seedId(4),
  childCompleted: seedId(5),
  childExecuting: seedId(6),
  executingText: seedId(7),
  pending: seedId(8),
  pausedHitl: seedId(9),
  pausedEca: seedId(10),
  paused: seedId(11),
  failed: seedId(12),
  error: seedId(13),
  stopped: seedId(14),
  otherOrganization: seedId(15),
}

const ada: XpanderUser = {
  id: '05e40000-0000-4000-8000-000000000001',
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  additional_attributes: { team: 'finance' },
  display_name: 'Ada Lovelace',
}

const grace: XpanderUser = {
  id: '05e40000-0000-4000-8000-000000000002',
  first_name: 'Grace',
  last_name: 'Hopper',
  email: 'grace@example.com',
  additional_attributes: null,
  display_name: 'Grace Hopper',
}

interface SeedSpec {
  name: XpanderSeedName
  status: XpanderStatus
  agentId: string
  minutesAgo: number
  text: string
  overrides?: Partial<XpanderTaskPayload>
}

const { research, support, writer } = XPANDER_SEED_AGENT_IDS
const ids = XPANDER_SEED_TASK_IDS

// Newest last, so the list (newest first) shows them in reverse order of this table.
const seedSpecs: readonly SeedSpec[] = [
  {
    name: 'completedJson',
    status: 'completed',
    agentId: research,
    minutesAgo: 150,
    text: 'Summarise Q4 revenue by region',
    overrides: {
      output_format: 'json',
      output_schema: { type: 'object', properties: { answer: { type: 'string' }, confidence: { type: 'number' } } },
      title: 'Q4 revenue by region',
      input: { text: 'Summarise Q4 revenue by region', files: ['https://files.example.com/q4.csv'], user: ada },
      llm_reasoning_effort: 'high',
      think_mode: 'harder',
    },
  },
  {
    name: 'completedMarkdown',
    status: 'completed',
    agentId: research,
    minutesAgo: 140,
    text: 'Write release notes for 2.4',
    overrides: { output_format: 'markdown', source: 'dashboard', title: 'Release notes 2.4' },
  },
  {
    name: 'completedVoice',
    status: 'completed',
    agentId: support,
    minutesAgo: 130,
    text: 'Read back the order status',
    overrides: {
      output_format: 'voice',
      source: 'webhook',
      llm_provider: 'anthropic',
      llm_model_name: 'claude-sonnet-4',
    },
  },
  {
    name: 'parentExecuting',
    status: 'executing',
    agentId: research,
    minutesAgo: 120,
    text: 'Draft a market report with the writer agent',
    overrides: {
      source: 'sdk',
      result: '',
      sub_executions: [ids.childCompleted, ids.childExecuting],
      finished_sub_executions: [ids.childCompleted],
      last_executed_node_id: 'node-delegate-writer',
      internal_status: 'Waiting for 1 of 2 sub-tasks',
      title: 'Market report',
    },
  },
  {
    name: 'childCompleted',
    status: 'completed',
    agentId: writer,
    minutesAgo: 119,
    text: 'Write the executive summary',
    overrides: { source: 'sdk', parent_execution: ids.parentExecuting, triggering_agent_id: research },
  },
  {
    name: 'childExecuting',
    status: 'executing',
    agentId: writer,
    minutesAgo: 118,
    text: 'Write the competitor section',
    overrides: { source: 'sdk', parent_execution: ids.parentExecuting, triggering_agent_id: research },
  },
  {
    name: 'executingText',
    status: 'executing',
    agentId: support,
    minutesAgo: 100,
    text: 'Answer ticket #88',
    overrides: { input: { text: 'Answer ticket #88', files: [], user: grace }, payload_extension: { ticket: 88 } },
  },
  { name: 'pending', status: 'pending', agentId: support, minutesAgo: 90, text: 'Answer ticket #89' },
  {
    name: 'pausedHitl',
    status: 'paused',
    agentId: support,
    minutesAgo: 80,
    text: 'Refund order #1042',
    overrides: { hitl_request: sampleHitlRequest(), input: { text: 'Refund order #1042', files: [], user: grace } },
  },
  {
    name: 'pausedEca',
    status: 'paused',
    agentId: research,
    minutesAgo: 70,
    text: 'Index the shared drive',
    overrides: { pending_eca_request: sampleEcaRequest() },
  },
  { name: 'paused', status: 'paused', agentId: research, minutesAgo: 60, text: 'Crawl the partner site' },
  {
    name: 'failed',
    status: 'failed',
    agentId: support,
    minutesAgo: 50,
    text: 'Sync the CRM',
    overrides: { instructions_override: 'Only touch test accounts', expected_output: 'A sync report' },
  },
  {
    name: 'error',
    status: 'error',
    agentId: research,
    minutesAgo: 40,
    text: 'Translate the handbook',
    overrides: { additional_context: 'Target language: German' },
  },
  {
    name: 'stopped',
    status: 'stopped',
    agentId: support,
    minutesAgo: 30,
    text: 'Email every customer',
    overrides: { events_streaming: true, title: 'Mass email' },
  },
  {
    name: 'otherOrganization',
    status: 'completed',
    agentId: 'a6e70000-0000-4000-8000-0000000000ff',
    minutesAgo: 20,
    text: 'A task of somebody else',
  },
]

/** One seeded task, its times counted back from `nowMs`. */
function seedTask(spec: SeedSpec, nowMs: number, organizationId: string): XpanderTaskPayload {
  const createdAtMs = nowMs - spec.minutesAgo * 60_000
  const owner = spec.name === 'otherOrganization' ? XPANDER_OTHER_ORGANIZATION_ID : organizationId
  const identity = { id: ids[spec.name], agentId: spec.agentId, organizationId: owner, createdAtMs, text: spec.text }
  const task = newTaskPayload(identity, spec.overrides)
  settleInStatus(task, spec.status, createdAtMs)
  // Explicit values (such as the "" result of a running parent) win over the status
  // defaults; the clone keeps a test's edits from reaching the next reset's seeds.
  return structuredClone(Object.assign(task, spec.overrides))
}

/**
 * The seeded tasks: every status and output format, a parent with
 * sub-executions, HITL and ECA waits, and one task of another organisation.
 */
export function xpanderSeedTasks(nowMs: number, organizationId: string): XpanderTaskPayload[] {
  return seedSpecs.map((spec) => seedTask(spec, nowMs, organizationId))
}
