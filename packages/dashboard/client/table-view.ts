import type { TaskJson } from './api.js'
import { h, replace } from './dom.js'
import { isWaiting, REASONS, reasonLabel, STATUSES, statusLabel } from './format.js'
import { taskTable } from './rows.js'
import { openStartDialog } from './start-dialog.js'
import { loadMore, state } from './state.js'

/** What a view gives the router. */
export interface View {
  element: HTMLElement
  update(): void
  dispose?(): void
}

const filters = { provider: '', status: '', reason: '', query: '', sort: 'updated' }

const SORTS: Readonly<
  Record<string, { label: string; column: string; compare: (a: TaskJson, b: TaskJson) => number }>
> = {
  updated: {
    label: 'Last updated',
    column: 'Updated',
    compare: (a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''),
  },
  created: { label: 'Newest', column: 'Age', compare: (a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') },
  status: {
    label: 'Status',
    column: 'Status',
    compare: (a, b) => STATUSES.indexOf(a.status as never) - STATUSES.indexOf(b.status as never),
  },
  provider: { label: 'Provider', column: 'Provider', compare: (a, b) => a.provider.localeCompare(b.provider) },
  name: { label: 'Name', column: 'Task', compare: (a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id) },
}

function matches(task: TaskJson): boolean {
  const query = filters.query.trim().toLowerCase()
  return (
    (!filters.provider || task.provider === filters.provider) &&
    (!filters.status || task.status === filters.status) &&
    (!filters.reason || task.reason === filters.reason) &&
    (!query || [task.id, task.name ?? '', task.providerStatus].some((text) => text.toLowerCase().includes(query)))
  )
}

function select(label: string, key: keyof typeof filters, options: [string, string][]): HTMLElement {
  const control = h(
    'select',
    {
      onchange: (event) => {
        filters[key] = (event.target as HTMLSelectElement).value
        refresh()
      },
    },
    options.map(([value, text]) => h('option', { value, selected: filters[key] === value }, text)),
  )
  return h('label', { class: 'filter' }, h('span', {}, label), control)
}

let refresh = () => {}

function toolbar(): HTMLElement {
  const search = h('input', {
    type: 'search',
    placeholder: 'Name, id or provider status',
    value: filters.query,
    oninput: (event) => {
      filters.query = (event.target as HTMLInputElement).value
      refresh()
    },
  })
  const startable = state.providers.filter((provider) => provider.capabilities.start)
  const startReason = state.readOnly ? 'The dashboard is read-only' : 'No provider here can start tasks'
  return h(
    'div',
    { class: 'toolbar', role: 'search' },
    h('label', { class: 'filter search' }, h('span', {}, 'Search'), search),
    select('Provider', 'provider', [['', 'All'], ...state.providers.map((p): [string, string] => [p.name, p.name])]),
    select('Status', 'status', [['', 'All'], ...STATUSES.map((s): [string, string] => [s, statusLabel(s)])]),
    select('Why', 'reason', [['', 'Any'], ...REASONS.map((r): [string, string] => [r, reasonLabel(r)])]),
    select(
      'Sort',
      'sort',
      Object.entries(SORTS).map(([value, sort]): [string, string] => [value, sort.label]),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'primary',
        disabled: state.readOnly || startable.length === 0,
        title: state.readOnly || startable.length === 0 ? startReason : undefined,
        onclick: () => openStartDialog(startable),
      },
      'Start a task',
    ),
  )
}

function counts(tasks: readonly TaskJson[]): HTMLElement {
  const byStatus = new Map<string, number>()
  for (const task of tasks) byStatus.set(task.status, (byStatus.get(task.status) ?? 0) + 1)
  const chip = (status: string, count: number) =>
    h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          class: `chip status-${status}`,
          'aria-pressed': String(filters.status === status),
          onclick: () => {
            filters.status = filters.status === status ? '' : status
            refreshAll()
          },
        },
        `${statusLabel(status)} `,
        h('strong', {}, count),
      ),
    )
  return h(
    'ul',
    { class: 'counts', 'aria-label': 'Tasks per status' },
    STATUSES.filter((status) => byStatus.has(status)).map((status) => chip(status, byStatus.get(status) ?? 0)),
  )
}

let refreshAll = () => {}

function failures(): HTMLElement | null {
  const problems = [
    ...(state.problem ? [state.problem] : []),
    ...state.failures.map((failure) => `${failure.provider}: ${failure.error.message}`),
  ]
  return problems.length === 0
    ? null
    : h(
        'div',
        { class: 'problems', role: 'alert' },
        problems.map((text) => h('p', {}, text)),
      )
}

/** The table of every provider's tasks, with its filters, counts and lazy pages. */
export function tableView(): View {
  const element = h('section', { 'aria-labelledby': 'view-title' })
  const body = h('div')
  const more = h('button', { type: 'button', class: 'more', onclick: () => void loadMore() }, 'Load more')
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) void loadMore()
  })
  observer.observe(more)
  refresh = () => {
    const all = [...state.tasks.values()]
    const shown = all.filter(matches).sort(SORTS[filters.sort]?.compare)
    replace(
      body,
      failures(),
      counts(all),
      shown.length === 0 && !state.loading
        ? h('p', { class: 'empty' }, all.length === 0 ? 'No tasks yet.' : 'No task matches these filters.')
        : taskTable('Tasks across providers', shown, SORTS[filters.sort]?.column),
      h('p', { class: 'shown', 'aria-live': 'polite' }, `${shown.length} of ${all.length} tasks loaded`),
    )
    more.hidden = state.cursor === undefined
    more.disabled = state.loading
    more.textContent = state.loading ? 'Loading…' : 'Load more'
    state.changed.clear()
  }
  refreshAll = () => {
    replace(element, h('h1', { id: 'view-title' }, 'Tasks'), toolbar(), body, more)
    refresh()
  }
  refreshAll()
  let providers = state.providers
  return {
    element,
    update: () => {
      // The toolbar lists the providers: build it again once they are known, keep it (and its focus) otherwise.
      if (providers !== state.providers) {
        providers = state.providers
        refreshAll()
      } else refresh()
    },
    dispose: () => observer.disconnect(),
  }
}

/** Tasks waiting for someone, and recent failures: the inbox an operator works from. */
export function attentionView(): View {
  const element = h('section', { 'aria-labelledby': 'view-title' })
  const update = () => {
    const all = [...state.tasks.values()]
    const waiting = all.filter(isWaiting).sort(SORTS.updated?.compare)
    const failed = all
      .filter((task) => task.status === 'failed' || task.status === 'timed_out' || task.reason === 'rejected')
      .sort(SORTS.updated?.compare)
      .slice(0, 50)
    const part = (title: string, tasks: TaskJson[], none: string) => [
      h('h2', {}, `${title} `, h('span', { class: 'count' }, tasks.length)),
      tasks.length === 0 ? h('p', { class: 'empty' }, none) : taskTable(title, tasks, 'Updated'),
    ]
    replace(
      element,
      h('h1', { id: 'view-title' }, 'Attention'),
      failures(),
      part('Waiting for someone', waiting, 'Nothing waits for an answer, an approval or a sign-in.'),
      part('Recent failures', failed, 'No task failed.'),
    )
    state.changed.clear()
  }
  update()
  return { element, update }
}
