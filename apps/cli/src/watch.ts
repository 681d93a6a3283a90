import { isSuccessful, type Task, type TaskAdapter, waitForTask } from '@taskbridge/core'
import { ExitCode } from './exit-codes.js'
import { describeWait, formatDate, formatDuration, formatStatus } from './format.js'
import type { CliIo } from './io.js'
import type { Style } from './style.js'

/** Options of {@link watchTasks}. */
export interface WatchOptions {
  intervalMs?: number
  timeoutMs?: number
  json?: boolean
  signal?: AbortSignal
}

interface Watched {
  id: string
  latest?: Task
  ended?: Task
  endedAt?: number
  /** What the task was last said to wait for, so it is said once per wait. */
  waitNoted?: string
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
const REDRAW_MS = 100
const CLEAR_LINE = '\r\u001b[2K'

/**
 * Follows tasks until every one has ended. On a terminal, one status line per
 * task is redrawn in place with the elapsed time, and ends with ✔ or ✖;
 * otherwise (or with `json`) one line is written per change, so logs and
 * pipes stay readable. A task waiting for input is said to be, with what it
 * waits for when the provider says. Returns the exit code: 0 when every task
 * ended well, {@link ExitCode.TaskFailed} otherwise. When one task cannot be
 * followed (not found, refused), the others stop and its error is thrown.
 */
export async function watchTasks(
  adapter: TaskAdapter,
  ids: readonly string[],
  io: CliIo,
  style: Style,
  options: WatchOptions = {},
): Promise<{ tasks: Task[]; code: ExitCode }> {
  const live = Boolean(io.stdout.isTTY) && !options.json
  const several = ids.length > 1
  const started = Date.now()
  const watched: Watched[] = ids.map((id) => ({ id }))
  let frame = 0
  let drawnLines = 0

  const mark = (entry: Watched) => {
    if (!entry.ended) return style.dim(SPINNER[frame % SPINNER.length] ?? '')
    return isSuccessful(entry.ended.status) ? style.status('completed', '✔') : style.error('✖')
  }
  const statusLine = (entry: Watched) => {
    const status = entry.latest ? formatStatus(entry.latest, style) : style.dim('connecting')
    const elapsed = formatDuration((entry.endedAt ?? Date.now()) - started)
    return `${mark(entry)} ${adapter.provider} ${entry.id}  ${status}  ${style.dim(elapsed)}`
  }
  // Back to the first of the lines drawn last time, then every line again.
  const redraw = () => {
    frame += 1
    const up = drawnLines > 1 ? `\u001b[${drawnLines - 1}A` : ''
    io.stdout.write(up + watched.map((entry) => CLEAR_LINE + statusLine(entry)).join('\n'))
    drawnLines = watched.length
  }
  // A line that stays: on a terminal, written over the status lines, which are drawn again below it.
  const note = (text: string) => {
    if (!live) return void io.stdout.write(`${text}\n`)
    const up = drawnLines > 1 ? `\u001b[${drawnLines - 1}A` : ''
    io.stdout.write(`${up}${CLEAR_LINE}${text}\n\u001b[J`)
    drawnLines = 0
    redraw()
  }

  const onUpdate = (entry: Watched) => (task: Task) => {
    entry.latest = task
    if (options.json) io.stdout.write(`${JSON.stringify(task)}\n`)
    else if (live) redraw()
    else {
      const who = several ? `  ${entry.id}` : ''
      io.stdout.write(
        `${formatDate(new Date())}${who}  ${formatStatus(task, style)}  ${formatDuration(Date.now() - started)}\n`,
      )
    }
    if (task.status !== 'waiting_for_input') {
      entry.waitNoted = undefined
      return
    }
    const waitsFor = describeWait(task)
    if (options.json || entry.waitNoted === waitsFor) return
    entry.waitNoted = waitsFor
    note(`${style.status('waiting_for_input', '⏸')} ${adapter.provider} ${entry.id} is waiting for ${waitsFor}`)
  }

  const stopAll = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, stopAll.signal]) : stopAll.signal
  const ticker = live ? setInterval(redraw, REDRAW_MS) : undefined
  if (live) redraw()
  try {
    const tasks = await Promise.all(
      watched.map(async (entry) => {
        try {
          const task = await waitForTask(adapter, entry.id, {
            intervalMs: options.intervalMs,
            maxIntervalMs: options.intervalMs === undefined ? undefined : Math.max(options.intervalMs, 5000),
            timeoutMs: options.timeoutMs,
            signal,
            onUpdate: onUpdate(entry),
          })
          Object.assign(entry, { latest: task, ended: task, endedAt: Date.now() })
          return task
        } catch (error) {
          stopAll.abort(error)
          throw error
        }
      }),
    )
    const code = tasks.every((task) => isSuccessful(task.status)) ? ExitCode.Ok : ExitCode.TaskFailed
    return { tasks, code }
  } finally {
    clearInterval(ticker)
    if (live) {
      redraw()
      io.stdout.write('\n')
    }
  }
}

/** {@link watchTasks} for one task. */
export async function watchTask(
  adapter: TaskAdapter,
  id: string,
  io: CliIo,
  style: Style,
  options: WatchOptions = {},
): Promise<{ task: Task; code: ExitCode }> {
  const { tasks, code } = await watchTasks(adapter, [id], io, style, options)
  return { task: tasks[0] as Task, code }
}
