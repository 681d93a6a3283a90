// The adapter for the jobs emulator, written the way a user would write one.
import { defineAdapter, type Task, type TaskAdapter } from '@taskbridge/core'
import {
  bearerAuth,
  createHttpClient,
  createPayloadParser,
  createStatusMapper,
  fromEpochMillis,
  path,
} from '@taskbridge/provider-utils'
import * as z from 'zod/mini'

const JobSchema = z.looseObject({
  id: z.string(),
  state: z.string(),
  created: z.number(),
  result: z.optional(z.string()),
})
const JobListSchema = z.looseObject({ jobs: z.array(z.unknown()), total: z.number() })
const parseJob = createPayloadParser({ provider: 'jobs', what: 'job', schema: JobSchema })
const parseJobList = createPayloadParser({ provider: 'jobs', what: 'job list', schema: JobListSchema })

const toStatus = createStatusMapper({
  queued: 'pending',
  working: 'running',
  done: 'completed',
  error: 'failed',
  cancelled: 'cancelled',
})

function toTask(raw: unknown): Task {
  const job = parseJob(raw)
  return {
    id: job.id,
    adapter: 'jobs',
    provider: 'jobs',
    status: toStatus(job.state),
    providerStatus: job.state,
    createdAt: fromEpochMillis(job.created),
    output: job.result === undefined ? undefined : { format: 'text', value: job.result },
    metadata: {},
    raw,
  }
}

export function createJobsAdapter(options: { baseUrl: string; token: () => string }): TaskAdapter {
  const http = createHttpClient({
    provider: 'jobs',
    baseUrl: options.baseUrl,
    auth: bearerAuth(options.token),
    retry: { backoffLimitMs: 20 },
    errors: { message: (body) => (body as { error?: string } | undefined)?.error },
  })
  return defineAdapter({
    name: 'jobs',
    getTask: async (id, { signal, timeoutMs }) =>
      toTask((await http.request(path`/jobs/${id}`, { signal, timeoutMs, taskId: id })).body),
    async *listTasks(query, { signal }) {
      const limit = query.pageSize ?? 10
      for (let offset = 0; ; offset += limit) {
        const { body } = await http.request('/jobs', { signal, query: { offset, limit } })
        const page = parseJobList(body)
        for (const job of page.jobs) yield toTask(job)
        if (offset + limit >= page.total) return
      }
    },
    cancelTask: async (id, { signal }) =>
      toTask((await http.request(path`/jobs/${id}/cancel`, { method: 'POST', signal, taskId: id })).body),
  })
}
