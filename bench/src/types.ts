/** One measured figure: the subject, the baseline measured in the same run, and their ratio against a target. */
export interface BenchResult {
  /** The target's number in the issue (1 to 7; 8 is issue 18's watcher), for ordering and the table. */
  id: number
  title: string
  /** What was measured, in words. */
  subject: string
  /** What it was measured against, in words. */
  baseline: string
  /** The subject's absolute figure, with its unit (for the reader; the ratio is what is judged). */
  subjectValue: string
  baselineValue: string
  /** The figure judged against the target, such as `0.42×` or `16 %`. */
  figure: string
  /** The target, in words, such as `≤ 1.0×`. */
  target: string
  met: boolean
  notes?: string
}

/** Options every benchmark receives. */
export interface BenchOptions {
  /** Fewer iterations, so the whole run stays under two minutes. */
  quick: boolean
}

/** A benchmark module: measures and returns its results. */
export type Benchmark = (options: BenchOptions) => Promise<BenchResult[]>
