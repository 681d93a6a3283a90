// How many cases each property test runs: 1,000 by default, so every run of
// the suite stays quick; a nightly-style run sets TASKBRIDGE_PROPERTY_RUNS
// (10000, say) for the full depth. The seeds stay fixed either way.

/** The default number of cases per property. */
export const DEFAULT_PROPERTY_RUNS = 1000

/** Options of {@link propertyRuns}. */
export interface PropertyRunsOptions {
  /**
   * The share of the runs a property whose cases are costly takes (a case
   * that goes through real processes or a server): 0.2 runs 200 cases by
   * default and 2,000 when the environment asks for 10,000.
   */
  fraction?: number
}

/** The number of cases per property: `TASKBRIDGE_PROPERTY_RUNS` when set, else 1,000; times `fraction`. */
export function propertyRuns(
  options: PropertyRunsOptions = {},
  env: Record<string, string | undefined> = process.env,
): number {
  const text = env.TASKBRIDGE_PROPERTY_RUNS
  const runs = text === undefined || text === '' ? DEFAULT_PROPERTY_RUNS : Number(text)
  if (!Number.isSafeInteger(runs) || runs < 1) {
    throw new Error(`TASKBRIDGE_PROPERTY_RUNS must be a positive whole number, got ${JSON.stringify(text)}`)
  }
  const fraction = options.fraction ?? 1
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`propertyRuns: fraction must be in (0, 1], got ${fraction}`)
  return Math.max(1, Math.round(runs * fraction))
}
