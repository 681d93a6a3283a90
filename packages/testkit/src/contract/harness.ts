import type { EmulatorClock } from '../toolkit/clock.js'
import type { FaultController } from '../toolkit/faults.js'
import type { RecordedRequest } from '../toolkit/server.js'

/** The route names of the operations an emulator serves, for faults and request counts. */
export interface HarnessRoutes {
  getTask: string
  listTasks?: string
  pauseTask?: string
  resumeTask?: string
  cancelTask?: string
  startTask?: string
  streamTask?: string
  /** The route that delivers an answer to a waiting task; present when the emulator can answer. */
  answerTask?: string
}

/**
 * What the contract suite needs from an emulator. Every built-in emulator is
 * one; a custom adapter's emulator built with the toolkit implements it too.
 */
export interface EmulatorHarness {
  /** What to pass as the adapter's base URL (for example the server URL plus `/v1`). */
  readonly baseUrl: string
  readonly clock: EmulatorClock
  readonly faults: FaultController
  readonly requests: readonly RecordedRequest[]
  readonly routes: HarnessRoutes
  /** Credentials the adapter uses; none may ever appear in an error. */
  readonly secrets: readonly string[]
  /** Every provider status this emulator can put a task in. */
  readonly providerStatuses: readonly string[]
  /** Adds a task; with a status, the task is in that provider status and stays there until the test changes it. Returns its id. */
  createTask(status?: string): string
  /**
   * Adds a task that waits for a person (`waiting_for_input` once read) and
   * returns its id; answering it through the `answerTask` route resumes it,
   * and it then runs to `completed` on the clock. Required when
   * `routes.answerTask` is set.
   */
  createWaitingTask?(): string
  /** The provider's status of a task, read from the emulator's store (ground truth, no HTTP). */
  providerStatusOf(id: string): string | undefined
  /** A well-formed id that no task has. */
  unknownTaskId(): string
  /** From now on the adapter's current credentials are refused (401). */
  invalidateCredentials(): void
  /** Back to the seeded state: tasks, credentials, faults and the request log. */
  reset(): void
  close(): Promise<void>
}
