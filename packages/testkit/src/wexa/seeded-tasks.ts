// The tasks a Wexa emulator starts with (and returns to on reset): the two
// documented examples plus a few that cover every shape a task can take.
// Ids and times are fixed so that every run serves the same payloads.
import {
  buildWexaTask,
  type WexaConclusion,
  type WexaExecutionSpec,
  type WexaTaskPayload,
  type WexaTaskSpec,
} from './payload.js'
import { WEXA_GET_TASK_SEED, WEXA_STOP_TASK_SEED } from './seed-data.js'

/** The id of the documented get-by-id example, a completed task. */
export const WEXA_SEED_TASK_ID = '6805e3a97d3775bffdb87608'
/** The id of the documented stop example; seeded running, so stopping it answers the documented payload. */
export const WEXA_SEED_STOP_TASK_ID = '680716d41a9ea363140a265c'
/** The project of both documented examples. */
export const WEXA_SEED_PROJECT_ID = '67fdea40aac77be632954f13'
/** The user who created the documented tasks. */
export const WEXA_SEED_USER_ID: string = WEXA_GET_TASK_SEED.created_by
/** The agentflow that ran the documented task. */
export const WEXA_SEED_AGENTFLOW_ID: string = WEXA_GET_TASK_SEED.executions[0]?.agentflow_id ?? ''

function conclusionOf(markdown: string, createdAt: number): WexaConclusion {
  return { conclusion: markdown, links: [], created_at: createdAt }
}

function execution(
  executionId: string,
  nodeId: string,
  goal: string,
  status: string,
  conclusion?: WexaConclusion,
): WexaExecutionSpec {
  return { executionId, nodeId, agentflowId: WEXA_SEED_AGENTFLOW_ID, goal, status, ...(conclusion && { conclusion }) }
}

type ExtraTask = Omit<WexaTaskSpec, 'projectId' | 'createdBy'>

// Statuses not in the documented examples, one execution history of each kind,
// and a task that has not started any execution yet.
const EXTRA_TASKS: readonly ExtraTask[] = [
  {
    id: '68071b2e1a9ea363140a2661',
    name: 'quarterly report draft',
    createdAt: 1745296174.208113,
    updatedAt: 1745296231.517402,
    status: 'failed',
    executions: [
      execution(
        'c4f0a9d2-6b1e-4f37-9a58-2d7e3b1c8f40',
        '68071b2e1a9ea363140a2660',
        'draft the Q1 sales report from the CRM export',
        'failed',
      ),
    ],
  },
  {
    id: '68071c5a1a9ea363140a2663',
    name: 'competitor watch',
    createdAt: 1745296474.730551,
    updatedAt: 1745296502.118934,
    status: 'paused',
    executions: [
      execution(
        '1e8b7c55-0f2d-4a96-b3c4-6d9e1f2a7b81',
        '68071c5a1a9ea363140a2662',
        'summarise this week’s competitor announcements',
        'paused',
      ),
    ],
  },
  {
    id: '68071d801a9ea363140a2665',
    name: 'onboarding email',
    createdAt: 1745296768.044217,
    updatedAt: 1745296768.04422,
    status: 'ready',
    executions: [
      execution(
        '7a2d4e90-3c5f-4b18-8e67-0f1a9b3c5d22',
        '68071d801a9ea363140a2664',
        'write a welcome email for new customers',
        'ready',
      ),
    ],
  },
  {
    id: '6808a0f21a9ea363140a2669',
    name: 'product launch blog series',
    createdAt: 1745395954.381907,
    updatedAt: 1745396377.902215,
    status: 'running',
    executions: [
      execution(
        'e3b9f1a4-8d2c-4e7b-a1f6-5c0d2b9e4a13',
        '6808a0f21a9ea363140a2666',
        'outline a three-part blog series for the launch',
        'completed',
        conclusionOf(
          '# Launch series outline\n\n1. Why we built it\n2. How it works\n3. What customers say',
          1745396012.55731,
        ),
      ),
      execution(
        '5d6c2b18-9e4f-4a3d-b7c0-8f1e2a6d9b54',
        '6808a0f21a9ea363140a2667',
        'write part one of the launch series',
        'completed',
        conclusionOf(
          '# Why we built it\n\nTeams told us that **handing work to agents** was the easy part.',
          1745396221.003468,
        ),
      ),
      execution(
        'a9e1c7f3-2b6d-4d8a-9c15-3e7f0b4a6c85',
        '6808a0f21a9ea363140a2668',
        'write part two of the launch series',
        'running',
      ),
    ],
  },
  {
    id: '6808a3101a9ea363140a266a',
    name: 'customer interview notes',
    createdAt: 1745396496.667012,
    updatedAt: 1745396496.667015,
    status: 'pending',
    executions: [],
  },
  {
    id: '6808a4421a9ea363140a266c',
    name: 'social media calendar',
    createdAt: 1745396802.129846,
    updatedAt: 1745396855.870193,
    status: 'cancelled',
    executions: [
      execution(
        '3f7a0d6b-4c9e-4b21-8d53-1a2e6f9c0b77',
        '6808a4421a9ea363140a266b',
        'plan a month of posts for the new product',
        'cancelled',
      ),
    ],
  },
]

/** The documented completed task, moved into `projectId` when the emulator serves another project. */
function documentedCompletedTask(projectId: string): WexaTaskPayload {
  const task = structuredClone(WEXA_GET_TASK_SEED)
  task.projectID = projectId
  for (const run of task.executions) run.projectID = projectId
  return task
}

/** The documented stop example as it was before the stop: running its one execution. */
function documentedTaskToStop(projectId: string): WexaTaskPayload {
  const seed = WEXA_STOP_TASK_SEED
  return buildWexaTask({
    id: seed._id,
    projectId,
    name: seed.name,
    createdBy: seed.created_by,
    createdAt: seed.created_at,
    updatedAt: seed.updated_at,
    status: 'running',
    executions: seed.execution_nodes.map((node) =>
      execution(node.execution_id, node._id, 'write a post that tests the content creator agentflow', 'running'),
    ),
  })
}

/** Fresh copies of every seeded task, in the order the emulator lists them. */
export function wexaSeededTasks(projectId: string): WexaTaskPayload[] {
  return [
    documentedCompletedTask(projectId),
    documentedTaskToStop(projectId),
    // Cloned so that no served task shares an object (a conclusion) with the constants.
    ...structuredClone(EXTRA_TASKS).map((task) => buildWexaTask({ ...task, projectId, createdBy: WEXA_SEED_USER_ID })),
  ]
}
