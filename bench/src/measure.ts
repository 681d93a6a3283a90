import { Bench } from 'tinybench'

/** Mean time per call in milliseconds of each named function, measured side by side in one tinybench run. */
export async function compare(
  tasks: Record<string, () => unknown>,
  options: { quick: boolean; time?: number },
): Promise<Record<string, number>> {
  const bench = new Bench({ time: options.time ?? (options.quick ? 300 : 1500), warmupTime: options.quick ? 100 : 300 })
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn)
  await bench.run()
  const means: Record<string, number> = {}
  for (const task of bench.tasks) {
    const result = task.result
    if (result?.state !== 'completed') throw new Error(`benchmark ${task.name} did not complete`)
    means[task.name] = result.latency.mean
  }
  return means
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

export const ms = (value: number): string => (value >= 1 ? `${value.toFixed(2)} ms` : `${(value * 1000).toFixed(1)} µs`)
export const ratio = (value: number): string => `${value.toFixed(2)}×`
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`

/**
 * Mean time per call in milliseconds of each async function, measured in
 * interleaved rounds (every function runs a batch in each round, in turn)
 * and summarised by the median of the rounds' means. For request benchmarks:
 * drift, garbage collection and background load then fall on every function
 * alike instead of on whichever ran last. `betweenRounds` runs untimed (for
 * example to clear an emulator's request log).
 */
export async function compareInterleaved(
  tasks: Record<string, () => Promise<unknown>>,
  options: { quick: boolean; betweenRounds?: () => void },
): Promise<Record<string, number>> {
  const rounds = options.quick ? 7 : 21
  const batch = options.quick ? 100 : 250
  const perRound: Record<string, number[]> = {}
  for (const [name, fn] of Object.entries(tasks)) {
    perRound[name] = []
    for (let i = 0; i < batch; i++) await fn()
  }
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(tasks)) {
      options.betweenRounds?.()
      const start = performance.now()
      for (let i = 0; i < batch; i++) await fn()
      perRound[name]?.push((performance.now() - start) / batch)
    }
  }
  return Object.fromEntries(Object.entries(perRound).map(([name, means]) => [name, median(means)]))
}
