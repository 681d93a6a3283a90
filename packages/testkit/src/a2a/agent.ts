import { randomUUID } from 'node:crypto'
import { type Message, type Part, Role, TaskState } from '@a2a-js/sdk'
import { AgentEvent, type AgentExecutor, type ExecutionEventBus, type RequestContext } from '@a2a-js/sdk/server'
import type { EmulatorClock } from '../toolkit/clock.js'

/** When a task of the emulated agent moves on, in emulated milliseconds after its message: working, then its answer. */
export const A2A_TASK_LIFECYCLE: { readonly workingAfterMs: number; readonly answeredAfterMs: number } = {
  workingAfterMs: 1000,
  answeredAfterMs: 3000,
}

/** The text of the artifact a completed task carries. */
export const A2A_EMULATOR_ANSWER = 'Done: the emulated agent finished the task.'

/** The question an input-required task asks. */
export const A2A_EMULATOR_QUESTION = 'Which one do you mean?'

// The SDK's executor is driven by events, the emulator's time by a clock that
// may be virtual: a waiting task looks at the clock this often (real time).
const CLOCK_POLL_MS = 5

function textPart(text: string): Part {
  return { content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }
}

/** A message of the agent about a task: the question of an input-required one. */
export function agentMessage(text: string, taskId: string, contextId: string): Message {
  return {
    role: Role.ROLE_AGENT,
    messageId: randomUUID(),
    parts: [textPart(text)],
    taskId,
    contextId,
    extensions: [],
    metadata: {},
    referenceTaskIds: [],
  }
}

function textOf(context: RequestContext): string {
  return context.userMessage.parts.map((part) => (part.content?.$case === 'text' ? part.content.value : '')).join(' ')
}

/**
 * The emulated agent: each message's task is working after 1 s and then
 * input-required when the message asks something (its text has a `?`), else
 * completed with a text artifact, after 3 s on the emulator's clock.
 */
export class ClockedAgent implements AgentExecutor {
  readonly #clock: EmulatorClock
  readonly #cancelled = new Set<string>()
  readonly #running = new Set<Promise<void>>()
  #closed = false

  constructor(clock: EmulatorClock) {
    this.#clock = clock
  }

  /** Stops every waiting task and resolves once they have all ended. */
  async close(): Promise<void> {
    this.#closed = true
    await Promise.all(this.#running)
  }

  cancelTask = async (taskId: string, bus: ExecutionEventBus): Promise<void> => {
    this.#cancelled.add(taskId)
    bus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId: '',
        status: { state: TaskState.TASK_STATE_CANCELED, message: undefined, timestamp: this.#timestamp() },
        metadata: {},
      }),
    )
  }

  execute = (context: RequestContext, bus: ExecutionEventBus): Promise<void> => {
    const run = this.#run(context, bus).finally(() => this.#running.delete(run))
    this.#running.add(run)
    return run
  }

  async #run(context: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = context
    const sentAt = this.#clock.now()
    const asks = textOf(context).includes('?')
    // A message on a waiting task is its answer: the agent is back at work at once.
    const answered = context.task && { ...context.task, status: this.#status(TaskState.TASK_STATE_WORKING) }
    bus.publish(
      AgentEvent.task(
        answered ?? {
          id: taskId,
          contextId,
          status: this.#status(TaskState.TASK_STATE_SUBMITTED),
          artifacts: [],
          history: [context.userMessage],
          metadata: {},
        },
      ),
    )
    const status = (state: TaskState, text?: string) =>
      bus.publish(
        AgentEvent.statusUpdate({
          taskId,
          contextId,
          status: {
            state,
            message: text ? agentMessage(text, taskId, contextId) : undefined,
            timestamp: this.#timestamp(),
          },
          metadata: {},
        }),
      )
    if (await this.#reached(taskId, sentAt + A2A_TASK_LIFECYCLE.workingAfterMs)) {
      status(TaskState.TASK_STATE_WORKING)
      if (await this.#reached(taskId, sentAt + A2A_TASK_LIFECYCLE.answeredAfterMs)) {
        if (asks) status(TaskState.TASK_STATE_INPUT_REQUIRED, A2A_EMULATOR_QUESTION)
        else {
          bus.publish(
            AgentEvent.artifactUpdate({
              taskId,
              contextId,
              artifact: {
                artifactId: randomUUID(),
                name: 'answer',
                description: '',
                parts: [textPart(A2A_EMULATOR_ANSWER)],
                metadata: undefined,
                extensions: [],
              },
              append: false,
              lastChunk: true,
              metadata: {},
            }),
          )
          status(TaskState.TASK_STATE_COMPLETED)
        }
      }
    }
    this.#cancelled.delete(taskId)
    bus.finished()
  }

  #status(state: TaskState) {
    return { state, message: undefined, timestamp: this.#timestamp() }
  }

  /** True once the clock is at `atMs`; false when the task is cancelled or the emulator closes first. */
  async #reached(taskId: string, atMs: number): Promise<boolean> {
    const stopped = () => this.#closed || this.#cancelled.has(taskId)
    while (this.#clock.now() < atMs && !stopped()) {
      await new Promise((resolve) => setTimeout(resolve, CLOCK_POLL_MS))
    }
    return !stopped()
  }

  #timestamp(): string {
    return new Date(this.#clock.now()).toISOString()
  }
}
