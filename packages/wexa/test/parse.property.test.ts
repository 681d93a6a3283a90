import { readFileSync } from 'node:fs'
import { propertyRuns } from '@taskbridge/test-support/property-runs'
import { expectParserOutcome, payloadMutations } from '@taskbridge/testkit/properties'
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { parseWexaTask } from '../src/index.js'

// Fixed, so a failure reproduces; printed, so a run can be repeated exactly.
const SEED = 15_2026
const RUNS = propertyRuns()
const seeds = ['get-task-by-id.json', 'stop-task.json'].map((name) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')),
)

describe('parseWexaTask on generated payloads', () => {
  it(`gives a storable Task with raw kept, or a typed error (${RUNS} cases, seed ${SEED})`, {
    timeout: 120_000,
  }, () => {
    console.log(`parseWexaTask property: seed ${SEED}, ${RUNS} cases`)
    fc.assert(
      fc.property(payloadMutations(seeds), (payload) => expectParserOutcome(parseWexaTask, payload)),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it(`does the same for JSON text (${RUNS} cases, seed ${SEED})`, { timeout: 120_000 }, () => {
    console.log(`parseWexaTask property (text): seed ${SEED}, ${RUNS} cases`)
    fc.assert(
      fc.property(payloadMutations(seeds), (payload) => expectParserOutcome(parseWexaTask, JSON.stringify(payload))),
      { seed: SEED, numRuns: RUNS },
    )
  })
})
