import type { TaskStatus } from '@taskbridge/core'

/** ANSI styling that turns itself off when colour is not wanted. */
export interface Style {
  bold(text: string): string
  dim(text: string): string
  status(status: TaskStatus, text?: string): string
  error(text: string): string
}

const codes = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
}

const statusColor: Record<TaskStatus, keyof typeof codes> = {
  pending: 'blue',
  running: 'blue',
  paused: 'yellow',
  waiting_for_input: 'magenta',
  completed: 'green',
  failed: 'red',
  cancelled: 'yellow',
  timed_out: 'red',
  skipped: 'dim',
  unknown: 'dim',
}

export function createStyle(enabled: boolean): Style {
  const wrap = (name: keyof typeof codes) => (text: string) => {
    const [open, close] = codes[name]
    return enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text
  }
  return {
    bold: wrap('bold'),
    dim: wrap('dim'),
    error: wrap('red'),
    status: (status, text = status) => wrap(statusColor[status])(text),
  }
}
