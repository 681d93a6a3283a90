import { readFileSync } from 'node:fs'
import { propertyRuns } from '@taskbridge/test-support/property-runs'
import { expectParserOutcome, payloadMutations } from '@taskbridge/testkit/properties'
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { parseOrkesTask, parseOrkesWorkflow } from '../src/index.js'

// Fixed, so a failure reproduces; printed, so a run can be repeated exactly.
const SEED = 15_2026
const RUNS = propertyRuns()
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'))

const parsers = [
  {
    name: 'parseOrkesTask',
    parse: parseOrkesTask,
    seeds: [fixture('get-task-by-id.json'), fixture('search-task-summary.json')],
  },
  { name: 'parseOrkesWorkflow', parse: parseOrkesWorkflow, seeds: [fixture('workflow.json')] },
]

describe.each(parsers)('$name on generated payloads', ({ name, parse, seeds }) => {
  it(`gives a storable Task with raw kept, or a typed error (${RUNS} cases, seed ${SEED})`, {
    timeout: 120_000,
  }, () => {
    console.log(`${name} property: seed ${SEED}, ${RUNS} cases`)
    fc.assert(
      fc.property(payloadMutations(seeds), (payload) => expectParserOutcome(parse, payload)),
      { seed: SEED, numRuns: RUNS },
    )
  })
})
