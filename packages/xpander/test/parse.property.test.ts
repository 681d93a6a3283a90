import { readdirSync, readFileSync } from 'node:fs'
import { propertyRuns } from '@taskbridge/test-support/property-runs'
import { expectParserOutcome, payloadMutations } from '@taskbridge/testkit/properties'
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { parseXpanderTask } from '../src/index.js'

// Fixed, so a failure reproduces; printed, so a run can be repeated exactly.
const SEED = 15_2026
const RUNS = propertyRuns()
const fixtures = new URL('./fixtures/', import.meta.url)
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'))
const fullSeeds = readdirSync(fixtures)
  .filter((name) => name.endsWith('.json') && name !== 'list-page.json')
  .map(read)
const listItems = (read('list-page.json') as { items: unknown[] }).items

describe('parseXpanderTask on generated payloads', () => {
  it(`gives a storable Task with raw kept, or a typed error (${RUNS} full records, seed ${SEED})`, {
    timeout: 120_000,
  }, () => {
    console.log(`parseXpanderTask property: seed ${SEED}, ${RUNS} cases`)
    fc.assert(
      fc.property(payloadMutations(fullSeeds), (payload) => expectParserOutcome(parseXpanderTask, payload)),
      { seed: SEED, numRuns: RUNS },
    )
  })

  it(`does the same for list items (${RUNS} cases, seed ${SEED})`, { timeout: 120_000 }, () => {
    console.log(`parseXpanderTask { summary: true } property: seed ${SEED}, ${RUNS} cases`)
    const parseItem = (payload: unknown) => parseXpanderTask(payload, { summary: true })
    fc.assert(
      fc.property(payloadMutations(listItems), (payload) => expectParserOutcome(parseItem, payload)),
      { seed: SEED, numRuns: RUNS },
    )
  })
})
