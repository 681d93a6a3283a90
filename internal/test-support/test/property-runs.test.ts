import { describe, expect, it } from 'vitest'
import { DEFAULT_PROPERTY_RUNS, propertyRuns } from '../src/property-runs.ts'

describe('propertyRuns', () => {
  it('is 1,000 unless TASKBRIDGE_PROPERTY_RUNS says otherwise', () => {
    expect(propertyRuns({}, {})).toBe(DEFAULT_PROPERTY_RUNS)
    expect(DEFAULT_PROPERTY_RUNS).toBe(1000)
    expect(propertyRuns({}, { TASKBRIDGE_PROPERTY_RUNS: '10000' })).toBe(10_000)
  })

  it('gives a costly property its share of the runs, at least one', () => {
    expect(propertyRuns({ fraction: 0.2 }, {})).toBe(200)
    expect(propertyRuns({ fraction: 0.2 }, { TASKBRIDGE_PROPERTY_RUNS: '10000' })).toBe(2000)
    expect(propertyRuns({ fraction: 0.2 }, { TASKBRIDGE_PROPERTY_RUNS: '1' })).toBe(1)
    expect(() => propertyRuns({ fraction: 0 }, {})).toThrow(/fraction/)
  })

  it('refuses a value that is not a positive whole number', () => {
    for (const text of ['0', '-5', '1.5', 'many']) {
      expect(() => propertyRuns({}, { TASKBRIDGE_PROPERTY_RUNS: text })).toThrow(/positive whole number/)
    }
  })
})
