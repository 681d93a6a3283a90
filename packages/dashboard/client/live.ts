import { base, get, type LiveJson } from './api.js'
import { apply, changed, loadFirst, state } from './state.js'

const POLL_MS = 5000
const ERRORS_BEFORE_POLLING = 3

/**
 * Follows the server's changes: server-sent events while they work, and
 * after a few failed connections, polling of the same changes every 5 s.
 */
export function goLive(): void {
  let failures = 0
  const source = new EventSource(`${base}/api/events?after=${state.seq}`)
  const setConnection = (connection: typeof state.connection) => {
    if (state.connection === connection) return
    state.connection = connection
    changed()
  }
  source.addEventListener('open', () => {
    failures = 0
    setConnection('live')
  })
  source.addEventListener('task', (event) => apply(JSON.parse((event as MessageEvent<string>).data) as LiveJson))
  source.addEventListener('failure', (event) => apply(JSON.parse((event as MessageEvent<string>).data) as LiveJson))
  source.addEventListener('reset', () => void loadFirst())
  source.addEventListener('error', () => {
    failures++
    if (source.readyState === EventSource.CLOSED || failures >= ERRORS_BEFORE_POLLING) {
      source.close()
      setConnection('polling')
      poll()
    } else {
      setConnection('connecting')
    }
  })
}

function poll(): void {
  const next = () => setTimeout(poll, POLL_MS)
  get<{ events: LiveJson[]; reset: boolean; seq: number }>(`/api/changes?after=${state.seq}`)
    .then(async ({ events, reset }) => {
      if (reset) await loadFirst()
      else for (const event of events) apply(event)
    })
    .catch(() => {})
    .finally(next)
}
