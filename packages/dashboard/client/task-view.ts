import { requestSection } from './answer.js'
import { base, get, post, type TaskJson, type TimelineJson } from './api.js'
import { openDialog } from './dialogs.js'
import { h, replace } from './dom.js'
import { ago, isTerminal, reasonLabel } from './format.js'
import { badge, taskHref, time } from './rows.js'
import { keyOf, state, upsert } from './state.js'
import type { View } from './table-view.js'

const ACTIONS = [
  ['pause', 'Pause'],
  ['resume', 'Resume'],
  ['cancel', 'Cancel'],
] as const

function whyDisabled(task: TaskJson, action: (typeof ACTIONS)[number][0]): string | undefined {
  if (state.readOnly) return 'The dashboard is read-only'
  const provider = state.providers.find((p) => p.name === task.provider)
  if (!provider?.capabilities[action]) return `${task.provider} cannot ${action} tasks`
  if (isTerminal(task.status)) return 'The task has ended'
  return undefined
}

function whyNoAnswer(task: TaskJson): string | undefined {
  if (state.readOnly) return 'The dashboard is read-only'
  const provider = state.providers.find((p) => p.name === task.provider)
  return provider?.capabilities.answer
    ? undefined
    : `${task.provider} cannot answer tasks from here; answer where it asks`
}

function actions(task: TaskJson): HTMLElement {
  return h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': 'Actions' },
    ACTIONS.map(([action, label]) => {
      const reason = whyDisabled(task, action)
      const noteId = `why-${action}`
      return h(
        'span',
        { class: 'action' },
        h(
          'button',
          {
            type: 'button',
            class: action === 'cancel' ? 'danger' : undefined,
            disabled: reason !== undefined,
            'aria-describedby': reason ? noteId : undefined,
            onclick: () =>
              openDialog(
                `${label} this task?`,
                [h('p', {}, `${label} ${task.name ?? task.id} on ${task.provider}.`)],
                `${label} task`,
                async () => {
                  const done = await post<{ task: TaskJson }>('/api/action', {
                    action,
                    provider: task.provider,
                    id: task.id,
                  })
                  upsert(done.task)
                },
              ),
          },
          label,
        ),
        reason ? h('small', { id: noteId }, reason) : null,
      )
    }),
  )
}

function fields(task: TaskJson): HTMLElement {
  const rows: [string, Node | string | undefined][] = [
    ['Provider', task.provider],
    ['Id', h('code', {}, task.id)],
    ['Name', task.name],
    ['Status', badge(task.status)],
    ['Why', reasonLabel(task.reason) || undefined],
    ['Provider status', h('code', {}, task.providerStatus)],
    ['Created', time(task.createdAt, ago)],
    ['Started', time(task.startedAt, ago)],
    ['Updated', time(task.updatedAt, ago)],
    ['Finished', time(task.finishedAt, ago)],
    ['Attempts', task.attempts === undefined ? undefined : String(task.attempts)],
    [
      'Parent',
      task.parentId
        ? h('a', { href: taskHref(task.provider, task.parentId), 'data-nav': true }, task.parentId)
        : undefined,
    ],
    ['Error', task.error ? `${task.error.message}${task.error.code ? ` (${task.error.code})` : ''}` : undefined],
  ]
  return h(
    'dl',
    { class: 'fields' },
    rows
      .filter(([, value]) => value !== undefined && value !== '—')
      .flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  )
}

function json(title: string, value: unknown, open: Set<string>): HTMLElement | null {
  if (value === undefined) return null
  const details = h(
    'details',
    { open: open.has(title) },
    h('summary', {}, title),
    h('pre', {}, h('code', {}, JSON.stringify(value, null, 2))),
  )
  details.addEventListener('toggle', () => (details.open ? open.add(title) : open.delete(title)))
  return details
}

function timeline(entries: readonly TimelineJson[]): HTMLElement {
  return h(
    'ol',
    { class: 'timeline' },
    entries.map((entry) =>
      h(
        'li',
        {},
        time(entry.seenAt, ago),
        ' ',
        badge(entry.status),
        ' ',
        h('code', {}, entry.providerStatus),
        entry.reason ? ` — ${reasonLabel(entry.reason)}` : '',
      ),
    ),
  )
}

/** One task: every field, its observed changes, its payloads, and what can be done with it. */
export function taskView(provider: string, id: string): View {
  const element = h('section', { 'aria-labelledby': 'view-title' })
  const key = keyOf({ provider, id })
  const open = new Set<string>()
  let entries: TimelineJson[] = []
  let shown: TaskJson | undefined
  let problem: string | undefined
  const update = () => {
    const task = state.tasks.get(key)
    const last = entries.at(-1)
    const moved =
      !last ||
      last.status !== task?.status ||
      last.providerStatus !== task?.providerStatus ||
      last.reason !== task?.reason
    if (task && shown && task !== shown && moved) {
      entries = [
        ...entries,
        {
          seenAt: new Date().toISOString(),
          status: task.status,
          providerStatus: task.providerStatus,
          ...(task.reason ? { reason: task.reason } : {}),
        },
      ]
    }
    shown = task
    replace(
      element,
      h('p', {}, h('a', { href: `${base}/`, 'data-nav': true }, '← All tasks')),
      h('h1', { id: 'view-title' }, task?.name ?? id),
      problem ? h('p', { class: 'problems', role: 'alert' }, problem) : null,
      task
        ? [
            requestSection(task, whyNoAnswer(task)),
            actions(task),
            fields(task),
            h('h2', {}, 'Timeline'),
            timeline(entries),
            json('Input', task.input, open),
            json('Output', task.output, open),
            json('Metadata', task.metadata, open),
            json('Raw payload (credentials redacted)', task.raw, open),
          ]
        : problem
          ? null
          : h('p', {}, 'Loading…'),
    )
  }
  get<{ task: TaskJson; timeline: TimelineJson[] }>(
    `/api/task?provider=${encodeURIComponent(provider)}&id=${encodeURIComponent(id)}`,
  )
    .then((answer) => {
      entries = answer.timeline
      shown = answer.task
      state.tasks.set(key, answer.task)
      update()
    })
    .catch((error: unknown) => {
      problem = error instanceof Error ? error.message : String(error)
      update()
    })
  update()
  return { element, update }
}
