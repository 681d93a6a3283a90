// What a subscription streams and a push notification delivers: a task, a
// status update or an artifact update (or a message), in v1.0's keyed form
// (`{ task }`, `{ statusUpdate }`, `{ artifactUpdate }`, `{ message }`) or
// v0.3's (`kind: "task" | "status-update" | "artifact-update" | "message"`),
// and how an update changes the last known Task.
import { InvalidPayloadError } from '@taskbridge/core'
import { createPayloadParser, type PayloadSource, parseJsonText } from '@taskbridge/provider-utils'
import { A2A_PROVIDER, type A2ATaskResult, parseA2ATask } from './map.js'
import {
  type A2AArtifact,
  type A2AArtifactUpdate,
  A2AArtifactUpdateSchema,
  type A2AStatusUpdate,
  A2AStatusUpdateSchema,
  type A2ATaskPayload,
} from './schema.js'

const parseStatusUpdate = createPayloadParser({
  provider: A2A_PROVIDER,
  what: 'A2A stream event',
  schema: A2AStatusUpdateSchema,
})
const parseArtifactUpdate = createPayloadParser({
  provider: A2A_PROVIDER,
  what: 'A2A stream event',
  schema: A2AArtifactUpdateSchema,
})

/** One event of a subscription or push notification, taken apart. */
export type A2AStreamEvent =
  | { kind: 'task'; task: A2ATaskResult }
  | { kind: 'status-update'; update: A2AStatusUpdate; raw: unknown }
  | { kind: 'artifact-update'; update: A2AArtifactUpdate; raw: unknown }
  /** A message outside any task; it changes no task. */
  | { kind: 'message'; raw: unknown }

const V1_KEYS = { task: 'task', statusUpdate: 'status-update', artifactUpdate: 'artifact-update', message: 'message' }

/** The kind of an event and its object, from either version's form. */
function unwrap(value: unknown): [string, unknown] | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  if (typeof record.kind === 'string') return [record.kind, record]
  for (const [key, kind] of Object.entries(V1_KEYS)) {
    if (typeof record[key] === 'object' && record[key] !== null) return [kind, record[key]]
  }
  return undefined
}

/**
 * Takes an A2A stream response (the parsed JSON or its text) apart: a
 * subscription's event data or a push notification's body. Throws
 * `InvalidPayloadError`, keeping the payload, when it is none of a task, a
 * status update, an artifact update or a message.
 */
export function parseA2AStreamEvent(payload: unknown, source?: PayloadSource): A2AStreamEvent {
  const context = { provider: A2A_PROVIDER, what: 'A2A stream event', ...source }
  const value = typeof payload === 'string' ? parseJsonText(payload, context) : payload
  const [kind, inner] = unwrap(value) ?? []
  if (kind === 'task') return { kind, task: parseA2ATask(inner, source) }
  if (kind === 'status-update') return { kind, update: parseStatusUpdate(inner, source), raw: inner }
  if (kind === 'artifact-update') return { kind, update: parseArtifactUpdate(inner, source), raw: inner }
  if (kind === 'message') return { kind, raw: inner }
  throw new InvalidPayloadError({
    provider: A2A_PROVIDER,
    message: 'The A2A stream event is none of task, statusUpdate, artifactUpdate or message',
    raw: value,
    ...source,
  })
}

/** The task an event is about; `undefined` for a message, which is about none. */
export function taskIdOf(event: A2AStreamEvent): string | undefined {
  if (event.kind === 'task') return event.task.id
  return event.kind === 'message' ? undefined : event.update.taskId
}

function mergeArtifact(artifacts: readonly A2AArtifact[], update: A2AArtifactUpdate): A2AArtifact[] {
  const index = artifacts.findIndex((artifact) => artifact.artifactId === update.artifact.artifactId)
  if (index === -1) return [...artifacts, update.artifact]
  const merged = update.append
    ? { ...artifacts[index], parts: [...(artifacts[index]?.parts ?? []), ...(update.artifact.parts ?? [])] }
    : update.artifact
  return artifacts.map((artifact, at) => (at === index ? merged : artifact))
}

/**
 * The task after an event: a task event replaces it; a status update sets
 * its status; an artifact update adds the artifact, replaces the one with
 * its id, or (with `append`) adds its parts to it; a message changes
 * nothing. The result's `raw` is the A2A task object with the update
 * applied (the last task's `raw` is not altered). An update for another task
 * is an `InvalidPayloadError`.
 */
export function mergeA2AUpdate(last: A2ATaskResult, event: A2AStreamEvent): A2ATaskResult {
  if (event.kind === 'task') return event.task
  if (event.kind === 'message') return last
  if (event.update.taskId !== last.id) {
    throw new InvalidPayloadError({
      provider: last.provider,
      message: `The update is for task ${event.update.taskId}, not ${last.id}`,
      raw: event.raw,
    })
  }
  const task = last.raw as A2ATaskPayload
  const next =
    event.kind === 'status-update'
      ? { ...task, status: event.update.status }
      : { ...task, artifacts: mergeArtifact(task.artifacts ?? [], event.update) }
  // The task keeps the name of the adapter it came from; one stored before 1.0 has it in `provider` only.
  const adapter = last.adapter ?? last.provider
  return { ...parseA2ATask(next), adapter, provider: adapter }
}
