// How many cases each property test runs: 1,000 by default, so every run of
// the suite stays quick; a nightly-style run sets TASKBRIDGE_PROPERTY_RUNS
// (10000, say) for the full depth. The seeds stay fixed either way.

/** The default number of cases per property. */
export const DEFAULT_PROPERTY_RUNS = 1000

/** The number of cases per property: `TASKBRIDGE_PROPERTY_RUNS` when set, else 1,000. */
export function propertyRuns(env: Record<string, string | undefined> = process.env): number {
  const text = env.TASKBRIDGE_PROPERTY_RUNS
  if (text === undefined || text === '') return DEFAULT_PROPERTY_RUNS
  const runs = Number(text)
  if (!Number.isSafeInteger(runs) || runs < 1) {
    throw new Error(`TASKBRIDGE_PROPERTY_RUNS must be a positive whole number, got ${JSON.stringify(text)}`)
  }
  return runs
}
