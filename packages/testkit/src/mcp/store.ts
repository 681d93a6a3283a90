// The emulator's task store, an implementation of the official SDK's
// `TaskStore` interface (the SDK's servers take any store): tasks keep their
// session as the SDK's in-memory store does, their times come from the
// emulator's clock, and a scripted task moves on when it is read and the
// clock has passed its next step, so no timer runs between two reads.
import { randomUUID } from 'node:crypto'
import type { CreateTaskOptions, TaskStore } from '@modelcontextprotocol/sdk/experimental/tasks'
import type { CallToolResult, Request, RequestId, Result, Task } from '@modelcontextprotocol/sdk/types.js'
import type { EmulatorClock } from '../toolkit/clock.js'

/** What an emulated task ends in: its answer, a tool error (`isError`), a failure, or a question (`input_required`). */
export type McpEmulatorOutcome = 'completed' | 'tool-error' | 'failed' | 'input'

/** When a scripted task moves on, in emulated ms after its call: a progress message, then its outcome. */
export const MCP_TASK_LIFECYCLE: { readonly progressAfterMs: number; readonly endAfterMs: number } = {
  progressAfterMs: 1000,
  endAfterMs: 3000,
}

/** The text (and `structuredContent.answer`) of a completed emulated task. */
export const MCP_EMULATOR_ANSWER = 'Done: the emulated tool finished the task.'

/** The question of an emulated task that needs input. */
export const MCP_EMULATOR_QUESTION = 'Which quarter do you mean?'

/** Every status an emulated task can be in. */
export const MCP_PROVIDER_STATUSES: readonly string[] = [
  'working',
  'input_required',
  'completed',
  'failed',
  'cancelled',
]

const TOOL_ERROR = 'The emulated tool could not finish: the report is missing.'
const FAILURE = 'The emulated tool crashed.'

interface Stored {
  task: Task
  sessionId: string | undefined
  result?: Result
  /** The scripted outcome and when the call was made; absent for seeded tasks, which stay as they are. */
  script?: { outcome: McpEmulatorOutcome; calledAt: number; step: number }
  /** The extension form's outstanding requests of an `input_required` task. */
  inputRequests?: Record<string, unknown>
}

const isTerminal = (status: string) => status === 'completed' || status === 'failed' || status === 'cancelled'

/** The tool result of an outcome, or `undefined` for one that has none (a failure, a question). */
function resultOf(outcome: McpEmulatorOutcome): CallToolResult | undefined {
  if (outcome === 'completed') {
    return {
      content: [{ type: 'text', text: MCP_EMULATOR_ANSWER }],
      structuredContent: { answer: MCP_EMULATOR_ANSWER },
    }
  }
  if (outcome === 'tool-error') return { content: [{ type: 'text', text: TOOL_ERROR }], isError: true }
  return undefined
}

/** The emulated tool's question, as the extension form's `inputRequests` carries it. */
export const MCP_INPUT_REQUESTS: Record<string, unknown> = {
  quarter: {
    method: 'elicitation/create',
    params: {
      mode: 'form',
      message: MCP_EMULATOR_QUESTION,
      requestedSchema: { type: 'object', properties: { quarter: { type: 'string' } }, required: ['quarter'] },
    },
  },
}

/** A task store on the emulator's clock. */
export class ClockedTaskStore implements TaskStore {
  readonly #clock: EmulatorClock
  readonly #tasks = new Map<string, Stored>()
  /** How many tasks a `tasks/list` page holds (the SDK's in-memory store: 10). */
  pageSize: number
  /** The poll interval given to new tasks, in ms. */
  readonly pollInterval: number

  constructor(clock: EmulatorClock, options: { pageSize: number; pollInterval: number }) {
    this.#clock = clock
    this.pageSize = options.pageSize
    this.pollInterval = options.pollInterval
  }

  #now(): string {
    return new Date(this.#clock.now()).toISOString()
  }

  /** The task as this session may see it: a task of another session is not there (seeded tasks have none). */
  #lookup(taskId: string, sessionId: string | undefined): Stored | undefined {
    const stored = this.#tasks.get(taskId)
    if (stored && sessionId !== undefined && stored.sessionId !== undefined && stored.sessionId !== sessionId) {
      return undefined
    }
    if (stored) this.#catchUp(stored)
    return stored
  }

  #set(stored: Stored, status: Task['status'], statusMessage?: string): void {
    stored.task = { ...stored.task, status, lastUpdatedAt: this.#now() }
    if (statusMessage !== undefined) stored.task.statusMessage = statusMessage
  }

  /** Applies the steps of a scripted task that the clock has passed. */
  #catchUp(stored: Stored): void {
    const script = stored.script
    if (!script) return
    const elapsed = this.#clock.now() - script.calledAt
    if (script.step === 0 && elapsed >= MCP_TASK_LIFECYCLE.progressAfterMs && stored.task.status === 'working') {
      script.step = 1
      this.#set(stored, 'working', 'Reading the sources')
    }
    if (script.step === 1 && elapsed >= MCP_TASK_LIFECYCLE.endAfterMs && stored.task.status === 'working') {
      script.step = 2
      this.#end(stored, script.outcome)
    }
  }

  #end(stored: Stored, outcome: McpEmulatorOutcome): void {
    const result = resultOf(outcome)
    if (result) stored.result = result
    if (outcome === 'failed') this.#set(stored, 'failed', FAILURE)
    else if (outcome === 'input') {
      stored.inputRequests = MCP_INPUT_REQUESTS
      this.#set(stored, 'input_required', MCP_EMULATOR_QUESTION)
    } else this.#set(stored, 'completed', outcome === 'tool-error' ? TOOL_ERROR : 'Done')
  }

  /** Makes a task follow the emulated tool's script from now on. */
  script(taskId: string, outcome: McpEmulatorOutcome): void {
    const stored = this.#tasks.get(taskId)
    if (stored) stored.script = { outcome, calledAt: this.#clock.now(), step: 0 }
  }

  /** Adds a task of no session in this status, with the result that status has; it stays there. */
  seed(status: string): string {
    const taskId = randomUUID()
    const now = this.#now()
    const task = { taskId, status, ttl: 3_600_000, createdAt: now, lastUpdatedAt: now, pollInterval: this.pollInterval }
    const stored: Stored = { task: task as Task, sessionId: undefined }
    if (status === 'completed') stored.result = resultOf('completed')
    if (status === 'input_required') {
      stored.task.statusMessage = MCP_EMULATOR_QUESTION
      stored.inputRequests = MCP_INPUT_REQUESTS
    }
    if (status === 'failed') stored.task.statusMessage = FAILURE
    this.#tasks.set(taskId, stored)
    return taskId
  }

  /** The task and its extension-form extras, read without a session (the harness's ground truth). */
  peek(taskId: string): Stored | undefined {
    return this.#lookup(taskId, undefined)
  }

  /** The extension form's `tasks/update`: an answer to the question sends the task back to work, done 2 s later. */
  answer(taskId: string, sessionId: string | undefined, responses: Record<string, unknown>): boolean {
    const stored = this.#lookup(taskId, sessionId)
    if (!stored) return false
    if (stored.task.status !== 'input_required' || !stored.inputRequests) return true
    const answered = Object.keys(stored.inputRequests).every((key) => Object.hasOwn(responses, key))
    if (!answered) return true
    stored.inputRequests = undefined
    this.#set(stored, 'working', 'Working with your answer')
    stored.script = { outcome: 'completed', calledAt: this.#clock.now() - MCP_TASK_LIFECYCLE.progressAfterMs, step: 1 }
    return true
  }

  clear(): void {
    this.#tasks.clear()
  }

  async createTask(params: CreateTaskOptions, _id: RequestId, _request: Request, sessionId?: string): Promise<Task> {
    const taskId = randomUUID()
    const now = this.#now()
    const task: Task = {
      taskId,
      status: 'working',
      ttl: params.ttl ?? null,
      createdAt: now,
      lastUpdatedAt: now,
      pollInterval: params.pollInterval ?? this.pollInterval,
    }
    this.#tasks.set(taskId, { task, sessionId })
    return { ...task }
  }

  async getTask(taskId: string, sessionId?: string): Promise<Task | null> {
    const stored = this.#lookup(taskId, sessionId)
    return stored ? { ...stored.task } : null
  }

  async storeTaskResult(
    taskId: string,
    status: 'completed' | 'failed',
    result: Result,
    sessionId?: string,
  ): Promise<void> {
    const stored = this.#lookup(taskId, sessionId)
    if (!stored) throw new Error(`Task with ID ${taskId} not found`)
    if (isTerminal(stored.task.status)) throw new Error(`Task ${taskId} has ended`)
    stored.result = result
    this.#set(stored, status)
  }

  async getTaskResult(taskId: string, sessionId?: string): Promise<Result> {
    const stored = this.#lookup(taskId, sessionId)
    if (!stored) throw new Error(`Task with ID ${taskId} not found`)
    if (!stored.result) throw new Error(`Task ${taskId} has no result stored`)
    return stored.result
  }

  async updateTaskStatus(
    taskId: string,
    status: Task['status'],
    statusMessage?: string,
    sessionId?: string,
  ): Promise<void> {
    const stored = this.#lookup(taskId, sessionId)
    if (!stored) throw new Error(`Task with ID ${taskId} not found`)
    if (isTerminal(stored.task.status)) throw new Error(`Cannot update task ${taskId} from terminal status`)
    this.#set(stored, status, statusMessage)
  }

  async listTasks(cursor?: string, sessionId?: string): Promise<{ tasks: Task[]; nextCursor?: string }> {
    const ids = [...this.#tasks.keys()].filter((taskId) => this.#lookup(taskId, sessionId))
    const start = cursor === undefined ? 0 : ids.indexOf(cursor) + 1
    if (cursor !== undefined && start === 0) throw new Error(`Invalid cursor: ${cursor}`)
    const page = ids.slice(start, start + this.pageSize)
    const tasks = page.map((taskId) => ({ ...(this.#tasks.get(taskId) as Stored).task }))
    const nextCursor = start + this.pageSize < ids.length ? page.at(-1) : undefined
    return nextCursor === undefined ? { tasks } : { tasks, nextCursor }
  }
}
