import { isSuccessful, type Task, type TaskAdapter, waitForTask } from '@taskbridge/core'
import { ExitCode } from './exit-codes.js'
import { formatDate, formatDuration, formatStatus } from './format.js'
import type { CliIo } from './io.js'
import type { Style } from './style.js'

/** Options of {@link watchTask}. */
export interface WatchOptions {
  intervalMs?: number
  timeoutMs?: number
  json?: boolean
  signal?: AbortSignal
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
const REDRAW_MS = 100

/**
 * Follows a task until it ends. On a terminal, one status line is redrawn in
 * place with the elapsed time; otherwise (or with `json`) one line is written
 * per change, so logs and pipes stay readable. Returns the exit code: 0 when
 * the task ended well, {@link ExitCode.TaskFailed} otherwise.
 */
export async function watchTask(
  adapter: TaskAdapter,
  id: string,
  io: CliIo,
  style: Style,
  options: WatchOptions = {},
): Promise<{ task: Task; code: ExitCode }> {
  const live = Boolean(io.stdout.isTTY) && !options.json
  const started = Date.now()
  let latest: Task | undefined
  let frame = 0
  const statusLine = () => {
    const status = latest ? formatStatus(latest, style) : style.dim('connecting')
    return `${style.dim(SPINNER[frame++ % SPINNER.length] ?? '')} ${adapter.provider} ${id}  ${status}  ${style.dim(formatDuration(Date.now() - started))}`
  }
  const redraw = () => io.stdout.write(`\r\u001b[2K${statusLine()}`)
  const ticker = live ? setInterval(redraw, REDRAW_MS) : undefined
  if (live) redraw()

  const onUpdate = (task: Task) => {
    latest = task
    if (options.json) io.stdout.write(`${JSON.stringify(task)}\n`)
    else if (live) redraw()
    else
      io.stdout.write(
        `${formatDate(new Date())}  ${formatStatus(task, style)}  ${formatDuration(Date.now() - started)}\n`,
      )
  }
  try {
    const task = await waitForTask(adapter, id, {
      intervalMs: options.intervalMs,
      maxIntervalMs: options.intervalMs === undefined ? undefined : Math.max(options.intervalMs, 5000),
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      onUpdate,
    })
    latest = task
    return { task, code: isSuccessful(task.status) ? ExitCode.Ok : ExitCode.TaskFailed }
  } finally {
    clearInterval(ticker)
    if (live) {
      redraw()
      io.stdout.write('\n')
    }
  }
}
