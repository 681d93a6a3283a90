import { base } from './api.js'
import { h, meta, replace } from './dom.js'
import { isWaiting } from './format.js'
import { goLive } from './live.js'
import { changed, loadFirst, onChange, state } from './state.js'
import { attentionView, tableView, type View } from './table-view.js'
import { taskView } from './task-view.js'

const main = h('main', { id: 'main', tabindex: '-1' })
const connection = h('p', { class: 'connection', role: 'status' })
const attentionCount = h('span', { class: 'count' })
const nav = h(
  'nav',
  { 'aria-label': 'Views' },
  h('a', { href: `${base}/`, 'data-nav': true }, 'All tasks'),
  h('a', { href: `${base}/attention`, 'data-nav': true }, 'Attention ', attentionCount),
)
let view: View | undefined

function viewFor(path: string): View {
  const task = /^\/task\/([^/]+)\/([^/]+)$/.exec(path)
  if (task?.[1] && task[2]) return taskView(decodeURIComponent(task[1]), decodeURIComponent(task[2]))
  return path === '/attention' ? attentionView() : tableView()
}

function route(): void {
  const path = location.pathname.slice(base.length) || '/'
  view?.dispose?.()
  view = viewFor(path)
  replace(main, view.element)
  for (const link of nav.querySelectorAll('a')) {
    link.toggleAttribute('aria-current', new URL(link.href).pathname === location.pathname)
    if (link.hasAttribute('aria-current')) link.setAttribute('aria-current', 'page')
  }
  document.title = `${view.element.querySelector('h1')?.textContent ?? 'Tasks'} · taskbridge`
}

const CONNECTION_TEXT = {
  connecting: 'Connecting…',
  live: 'Live',
  polling: 'Polling every 5 s (live updates unavailable)',
} as const

function updateChrome(): void {
  connection.className = `connection ${state.connection}`
  connection.textContent = CONNECTION_TEXT[state.connection]
  const waiting = [...state.tasks.values()].filter(isWaiting).length
  attentionCount.textContent = waiting > 0 ? String(waiting) : ''
}

// Links inside the page change the view without reloading it.
document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest?.('a[data-nav]')
  if (!(link instanceof HTMLAnchorElement) || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0)
    return
  event.preventDefault()
  history.pushState(null, '', link.href)
  route()
  main.focus()
})
window.addEventListener('popstate', route)

const app = document.getElementById('app') as HTMLElement
replace(
  app,
  h('a', { class: 'skip', href: '#main' }, 'Skip to the tasks'),
  h(
    'header',
    {},
    h('a', { class: 'brand', href: `${base}/`, 'data-nav': true }, 'taskbridge'),
    nav,
    connection,
    meta('taskbridge-read-only') === 'true' ? h('span', { class: 'read-only' }, 'read-only') : null,
  ),
  main,
)
onChange(() => {
  updateChrome()
  view?.update()
})
route()
updateChrome()
// Relative times ("2 min ago") move on even when nothing changes.
setInterval(changed, 30_000)
void loadFirst().then(goLive)
