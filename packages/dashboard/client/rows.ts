import { base, type TaskJson } from './api.js'
import { h } from './dom.js'
import { age, ago, reasonLabel, statusLabel } from './format.js'
import { keyOf, state } from './state.js'

/** The address of a task's page. */
export function taskHref(provider: string, id: string): string {
  return `${base}/task/${encodeURIComponent(provider)}/${encodeURIComponent(id)}`
}

/** A status badge, its colour from its class and its words for everyone. */
export function badge(status: string): HTMLElement {
  return h('span', { class: `badge status-${status}` }, statusLabel(status))
}

/** A time, relative, with the exact one in `datetime` and on hover. */
export function time(iso: string | undefined, text: (iso: string | undefined) => string): HTMLElement | string {
  return iso ? h('time', { datetime: iso, title: new Date(iso).toLocaleString() }, text(iso)) : '—'
}

const HEADINGS = ['Provider', 'Task', 'Status', 'Why', 'Provider status', 'Updated', 'Age'] as const

function row(task: TaskJson): HTMLTableRowElement {
  const key = keyOf(task)
  const label = task.name ?? task.id
  const cells = [
    task.provider,
    [
      h('a', { href: taskHref(task.provider, task.id), 'data-nav': true, class: 'task-link' }, label),
      task.name ? h('span', { class: 'task-id' }, task.id) : null,
    ],
    badge(task.status),
    reasonLabel(task.reason) || '—',
    h('code', {}, task.providerStatus),
    time(task.updatedAt, ago),
    time(task.createdAt, age),
  ]
  return h(
    'tr',
    { class: state.changed.has(key) ? 'changed' : undefined, 'data-key': key },
    // One box per cell, so the narrow layout's label and value are the grid's two columns.
    cells.map((cell, index) => h('td', { 'data-label': HEADINGS[index] ?? '' }, h('div', {}, cell))),
  )
}

/** A table of tasks; `sortedBy` marks the column the rows are sorted on. */
export function taskTable(caption: string, tasks: readonly TaskJson[], sortedBy?: string): HTMLTableElement {
  return h(
    'table',
    { class: 'tasks' },
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        HEADINGS.map((heading) =>
          h('th', { scope: 'col', 'aria-sort': heading === sortedBy ? 'descending' : undefined }, heading),
        ),
      ),
    ),
    h('tbody', {}, tasks.map(row)),
  )
}
