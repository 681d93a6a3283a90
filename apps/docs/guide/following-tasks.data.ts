// The polling chart of guide/following-tasks.md: poll times from core's own
// watchTask (guide/poll-schedule.mjs, on a virtual clock), drawn as an SVG
// when the site is built, so the chart changes when the code does.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

interface Schedule {
  runMs: number
  retryAfterMs: number
  longest: number[]
  shortest: number[]
  rateLimited: number[]
}

export interface ScheduleData extends Schedule {
  svg: string
}

const WIDTH = 720
const LEFT = 175
const RIGHT = 20
const LANE = 56
const TOP = 30

function schedule(): Schedule {
  const script = fileURLToPath(new URL('./poll-schedule.mjs', import.meta.url))
  const result = spawnSync(process.execPath, [script], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`poll-schedule.mjs failed: ${result.stderr}`)
  return JSON.parse(result.stdout) as Schedule
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`

function chart({ runMs, retryAfterMs, longest, shortest, rateLimited }: Schedule): string {
  // The share jitter took off the first wait: the default `jitter`, as the code applied it.
  const jitterShare = Math.round((1 - (shortest[1] ?? 0) / (longest[1] ?? 1)) * 100)
  const lanes: [label: string, detail: string, times: number[]][] = [
    ['defaults, no jitter', 'the longest waits', longest],
    ['defaults, most jitter', `each wait ${jitterShare} % shorter`, shortest],
    [`429, Retry-After ${seconds(retryAfterMs)}`, 'at the 4th poll', rateLimited],
  ]
  const end = Math.max(...lanes.flatMap(([, , times]) => times))
  const span = Math.ceil(end / 10_000) * 10_000
  const x = (ms: number) => LEFT + ((WIDTH - LEFT - RIGHT) * ms) / span
  const height = TOP + LANE * lanes.length + 30
  const parts: string[] = []
  for (let tick = 0; tick <= span; tick += 10_000) {
    parts.push(
      `<line x1="${x(tick)}" y1="${TOP - 10}" x2="${x(tick)}" y2="${height - 24}" class="grid"/>`,
      `<text x="${x(tick)}" y="${height - 8}" text-anchor="middle">${tick / 1000} s</text>`,
    )
  }
  parts.push(
    `<line x1="${x(runMs)}" y1="${TOP - 16}" x2="${x(runMs)}" y2="${height - 24}" class="end"/>`,
    `<text x="${x(runMs)}" y="${TOP - 20}" text-anchor="middle" class="end-label">task ends</text>`,
  )
  lanes.forEach(([label, detail, times], lane) => {
    const y = TOP + LANE * lane + LANE / 2
    parts.push(
      `<text x="0" y="${y - 4}" class="label">${label}</text>`,
      `<text x="0" y="${y + 12}" class="detail">${detail}</text>`,
      `<line x1="${x(0)}" y1="${y}" x2="${x(times.at(-1) ?? 0)}" y2="${y}" class="lane"/>`,
    )
    times.forEach((time, index) => {
      const next = times[index + 1]
      if (next !== undefined && next - time >= 2000) {
        parts.push(
          `<text x="${(x(time) + x(next)) / 2}" y="${y - 8}" text-anchor="middle" class="gap">${Number(((next - time) / 1000).toFixed(1))}</text>`,
        )
      }
      parts.push(`<circle cx="${x(time)}" cy="${y}" r="4" class="${time >= runMs ? 'seen' : 'poll'}"/>`)
    })
  })
  return [
    `<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="poll-chart-title" class="poll-chart">`,
    `<title id="poll-chart-title">When waitForTask polls a task that runs ${seconds(runMs)}</title>`,
    ...parts,
    '</svg>',
  ].join('')
}

export default {
  watch: ['./poll-schedule.mjs'],
  load(): ScheduleData {
    const data = schedule()
    return { ...data, svg: chart(data) }
  },
}
