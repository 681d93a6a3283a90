import { parseOrkesTask, parseOrkesWorkflow } from '@taskbridge/orkes'
import { parseWexaTask } from '@taskbridge/wexa'
import { parseXpanderTask } from '@taskbridge/xpander'
import * as fixtures from './fixtures.ts'
import { compare, ms, ratio } from './measure.ts'
import type { Benchmark, BenchResult } from './types.ts'

const TARGET = 1.0

// Normalising = validating with the adapter's schema and mapping to a Task,
// from the already parsed payload. The baseline is JSON.parse of the same
// payload's text: the cost every client pays anyway.
const cases: [string, unknown, (payload: unknown) => unknown][] = [
  ['Wexa get-task seed', fixtures.wexaGetTask, parseWexaTask],
  ['Wexa stop seed', fixtures.wexaStopTask, parseWexaTask],
  ['Wexa task with 50 executions', fixtures.wexaWith50Executions(), parseWexaTask],
  ['xpander task', fixtures.xpanderTask, parseXpanderTask],
  ['Orkes task seed', fixtures.orkesTask, parseOrkesTask],
  ['Orkes workflow with 200 tasks', fixtures.orkesWorkflowWith200Tasks(), parseOrkesWorkflow],
]

export const benchNormalise: Benchmark = async ({ quick }) => {
  const results: BenchResult[] = []
  for (const [name, payload, parse] of cases) {
    const text = JSON.stringify(payload)
    const means = await compare({ 'JSON.parse': () => JSON.parse(text), normalise: () => parse(payload) }, { quick })
    const extra = (means.normalise ?? 0) / (means['JSON.parse'] ?? 1)
    results.push({
      id: 1,
      title: `normalise ${name} (${(text.length / 1024).toFixed(1)} KB)`,
      subject: 'validate + map',
      baseline: 'JSON.parse of the text',
      subjectValue: ms(means.normalise ?? 0),
      baselineValue: ms(means['JSON.parse'] ?? 0),
      figure: ratio(extra),
      target: `extra cost ≤ ${TARGET.toFixed(1)}× JSON.parse`,
      met: extra <= TARGET,
    })
  }
  return results
}
