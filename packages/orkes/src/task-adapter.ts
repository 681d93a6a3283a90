import {
  type CallOptions,
  defineAdapter,
  type TaskAdapter,
  type TaskAnswer,
  validateTaskAnswer,
} from '@taskbridge/core'
import { createTaskRequest } from '@taskbridge/provider-utils'
import { answerOrkesTask } from './answer.js'
import { createOrkesHttpClient } from './client.js'
import { mapOrkesTaskStatus, ORKES_PROVIDER, type OrkesTaskMetadata, parseOrkesTask } from './map.js'
import { type OrkesTaskAdapterOptions, resolveOrkesTaskOptions } from './options.js'
import { isOrkesTaskNotFound } from './orkes-error.js'
import { type OrkesListQuery, searchOrkes } from './search.js'

/** The Orkes task adapter: get and search single tasks, and answer a waiting HUMAN or WAIT task. */
export type OrkesTaskAdapter<Name extends string = typeof ORKES_PROVIDER> = TaskAdapter<
  Name,
  OrkesListQuery,
  never,
  OrkesTaskMetadata,
  TaskAnswer
>

const USE_WORKFLOWS = 'Orkes pauses, resumes and terminates workflows, not single tasks: use createOrkesWorkflowAdapter'

/**
 * Creates the Orkes Conductor adapter whose Tasks are Orkes tasks: get,
 * search, and answer a HUMAN or WAIT task that waits. Workflow executions
 * (start, pause, resume, terminate) are {@link createOrkesWorkflowAdapter}'s.
 *
 * Credentials: a ready `token` (`ORKES_TOKEN`), or `keyId`/`keySecret`
 * (`ORKES_KEY_ID`/`ORKES_KEY_SECRET`) exchanged for a token that is shared by
 * concurrent calls and renewed before it expires and once after a 401, or
 * nothing for an open-source server without auth. Every option is checked
 * now against one strict schema, with an `InvalidArgumentError` naming
 * `createOrkesTaskAdapter` and the option; the environment variables
 * (`ORKES_ENV_VARS`) are read now too, and a missing server URL fails the
 * first request, naming `ORKES_SERVER_URL`.
 *
 * @example
 * ```ts
 * const tasks = createOrkesTaskAdapter({ serverUrl: 'https://play.orkes.io' })
 * const task = await tasks.getTask(taskId)
 * ```
 */
export function createOrkesTaskAdapter<const Name extends string = typeof ORKES_PROVIDER>(
  given?: OrkesTaskAdapterOptions<Name>,
): OrkesTaskAdapter<NoInfer<Name>> {
  const resolved = resolveOrkesTaskOptions(given)
  const provider = (resolved.options.name ?? ORKES_PROVIDER) as Name
  const http = createOrkesHttpClient(provider, resolved)
  const send = createTaskRequest(http, parseOrkesTask)
  const getTask = (id: string, call: CallOptions) =>
    send('GET /api/tasks/{id}', id, call, { isNotFound: isOrkesTaskNotFound })
  return defineAdapter({
    provider,
    unsupportedReasons: {
      startTask: 'Orkes starts workflows, not single tasks: use createOrkesWorkflowAdapter',
      pauseTask: USE_WORKFLOWS,
      resumeTask: USE_WORKFLOWS,
      cancelTask: USE_WORKFLOWS,
    },
    getTask,
    listTasks: (query, call) =>
      searchOrkes(provider, http, '/api/tasks/search', query, call, mapOrkesTaskStatus, parseOrkesTask),
    answerTask: answerOrkesTask(provider, http, getTask),
    validateAnswer: validateTaskAnswer,
  })
}
