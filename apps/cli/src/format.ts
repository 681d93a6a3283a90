import { type Task, TaskbridgeError } from '@taskbridge/core'
import { describeExitCode, type ExitCode } from './exit-codes.js'
import type { Style } from './style.js'

const MAX_VALUE_LENGTH = 400

/** Dates for people: local time, to the second. */
export function formatDate(date: Date | undefined): string {
  if (!date) return '—'
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** Elapsed time for people: `4.2s`, `3m 05s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes}m ${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`
}

function shorten(text: string, max = MAX_VALUE_LENGTH): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine
}

/** Any input or output value on one line, cut to `max` characters. */
export function describeValue(value: unknown, max: number = MAX_VALUE_LENGTH): string {
  return shorten(typeof value === 'string' ? value : JSON.stringify(value), max)
}

/** The status with the provider's own word when it differs. */
export function formatStatus(task: Task, style: Style): string {
  const own = task.providerStatus !== task.status ? style.dim(` (${task.providerStatus})`) : ''
  return style.status(task.status) + own
}

/** One task as a card of labelled lines, for `get` and the control commands. */
export function formatTaskCard(task: Task, style: Style): string {
  const rows: [string, string | undefined][] = [
    ['id', task.id],
    ['provider', task.provider],
    ['status', formatStatus(task, style)],
    ['name', task.name],
    ['created', task.createdAt && formatDate(task.createdAt)],
    ['started', task.startedAt && formatDate(task.startedAt)],
    ['finished', task.finishedAt && formatDate(task.finishedAt)],
    ['updated', task.updatedAt && formatDate(task.updatedAt)],
    ['parent', task.parentId],
    ['attempts', task.attempts === undefined ? undefined : String(task.attempts)],
    ['input', task.input === undefined ? undefined : describeValue(task.input)],
    ['output', task.output && `${style.dim(`[${task.output.format}]`)} ${describeValue(task.output.value)}`],
    ['error', task.error && style.error(shorten(task.error.message))],
    ['waits for', task.status === 'waiting_for_input' ? describeWait(task) : undefined],
  ]
  const shown = rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
  const width = Math.max(...shown.map(([label]) => label.length))
  return shown.map(([label, value]) => `${style.dim(label.padEnd(width))}  ${value}`).join('\n')
}

// Colour codes take no room on screen, so widths are measured without them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point.
const ANSI = /\u001b\[[0-9;]*m/g
const visible = (text: string) => text.replace(ANSI, '').length
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - visible(text)))

/** Tasks as a table with one row each, for `list` and the demo. */
export function formatTaskTable(tasks: readonly Task[], style: Style): string {
  const header = ['PROVIDER', 'ID', 'STATUS', 'NAME', 'CREATED']
  const rows = tasks.map((task) => [
    task.provider,
    task.id,
    formatStatus(task, style),
    shorten(task.name ?? '—', 32),
    formatDate(task.createdAt),
  ])
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => visible(row[column] ?? ''))))
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column] ?? 0))
      .join('  ')
      .trimEnd()
  return [style.bold(line(header)), ...rows.map(line)].join('\n')
}

/**
 * One line for an error, with the provider's message and what the exit code
 * means; with `debug`, the stack and causes too. Errors are already redacted,
 * so no credential can reach this output.
 */
export function formatError(error: unknown, code: ExitCode, style: Style, debug = false): string {
  const message = error instanceof Error ? error.message : String(error)
  const lines = [`${style.error('error:')} ${message} ${style.dim(`(exit ${code}: ${describeExitCode(code)})`)}`]
  if (debug) {
    if (TaskbridgeError.is(error)) lines.push(style.dim(JSON.stringify(error.toJSON(), null, 2)))
    if (error instanceof Error && error.stack) lines.push(style.dim(error.stack))
  }
  return lines.join('\n')
}

/**
 * What a `waiting_for_input` task waits for, in a few words, from what the
 * library says it asks (`task.request`): its kind, title or message, and
 * where to act.
 */
export function describeWait(task: Task): string {
  const request = task.request
  if (!request) return 'input (the provider does not say what)'
  const title = request.title && `“${request.title}”`
  const what = [title, request.message].filter(Boolean).join(': ')
  const where = request.url ? ` (${request.url})` : ''
  if (request.kind === 'auth') return `a sign-in${what ? `: ${describeValue(what, 120)}` : ''}${where}`
  return `a person's answer${what ? ` to ${describeValue(what, 120)}` : ''}${where}`
}
