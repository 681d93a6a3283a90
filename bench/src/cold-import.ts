// Target 5: what importing an adapter adds to a fresh Node process (over one
// that imports nothing) may be at most 1.2× what importing zod/mini alone adds.
// Each probe runs 30 times in interleaved rounds and is judged by its fastest
// run: load from other processes only ever adds time, so on a shared machine
// the fastest run is the one closest to the import's own cost (the medians
// are printed too). Core and provider-utils are timed alone, to say where the
// milliseconds go.
import { spawnSync } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { median, ms } from './measure.ts'
import type { Benchmark, BenchResult } from './types.ts'

const RUNS = 30
const LIMIT_RATIO = 1.2
const ADAPTERS = ['wexa', 'xpander', 'orkes', 'a2a', 'mcp'] as const

// `-e` code resolves bare specifiers from the working directory: the adapters
// from the bench package, zod/mini (not a bench dependency) from core.
const benchDir = fileURLToPath(new URL('..', import.meta.url))
const coreDir = dirname(fileURLToPath(import.meta.resolve('@taskbridge/core')))

interface Probe {
  name: string
  code: string
  cwd: string
}

const probes: Probe[] = [
  { name: 'bare', code: '', cwd: benchDir },
  ...ADAPTERS.map((adapter) => ({
    name: adapter,
    code: `await import('@taskbridge/${adapter}')`,
    cwd: benchDir,
  })),
  // The floor every adapter pays: each exports zod schemas, so it loads zod/mini.
  { name: 'zod/mini', code: `await import('zod/mini')`, cwd: coreDir },
  { name: 'core', code: `await import('@taskbridge/core')`, cwd: benchDir },
  { name: 'provider-utils', code: `await import('@taskbridge/provider-utils')`, cwd: benchDir },
]

/** Wall time of one fresh `node --input-type=module -e code`, in milliseconds. */
function spawnTime({ code, cwd }: Probe): number {
  const start = performance.now()
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd, encoding: 'utf8' })
  const elapsed = performance.now() - start
  if (child.status !== 0) throw new Error(`node -e "${code}" failed: ${child.stderr}`)
  return elapsed
}

const BUYS =
  ' Above zod/mini, an import builds the zod schemas the packages export (core’s Task schema, the adapter’s payload schemas): ' +
  'zod compiles its constructors on the first schema built, so the first package that builds one pays most of it. ' +
  'Each package is one file; ky and eventsource-parser load with the first request or event stream, not with the import.'

/** Each probe's fastest and median time over bare (the fastest of bare and of the probe, likewise the medians). */
function overBare(times: Map<string, number[]>, name: string): { fastest: number; median: number } {
  const of = (probe: string) => times.get(probe) ?? []
  return {
    fastest: Math.min(...of(name)) - Math.min(...of('bare')),
    median: median(of(name)) - median(of('bare')),
  }
}

export const benchColdImport: Benchmark = async () => {
  // One untimed round first, so the file system cache is warm for every probe alike.
  for (const probe of probes) spawnTime(probe)
  // Interleaved rounds (bare, each adapter, zod/mini, core, provider-utils, bare, …): every probe shares the machine's noise.
  const times = new Map<string, number[]>(probes.map((probe) => [probe.name, []]))
  for (let run = 0; run < RUNS; run++) {
    for (const probe of probes) times.get(probe.name)?.push(spawnTime(probe))
  }
  const bare = Math.min(...(times.get('bare') ?? []))
  const zod = overBare(times, 'zod/mini')
  const where =
    `Fastest runs over bare: zod/mini alone +${ms(zod.fastest)}, @taskbridge/core alone +${ms(overBare(times, 'core').fastest)}, ` +
    `@taskbridge/provider-utils (with core) +${ms(overBare(times, 'provider-utils').fastest)}.`

  return ADAPTERS.map((adapter): BenchResult => {
    const extra = overBare(times, adapter)
    const ratio = extra.fastest / zod.fastest
    return {
      id: 5,
      title: `cold import: @taskbridge/${adapter}`,
      subject: `\`node --input-type=module -e "await import('@taskbridge/${adapter}')"\` over bare \`node --input-type=module -e ""\`, fastest of ${RUNS} (median)`,
      baseline: `\`await import('zod/mini')\` over bare, fastest of ${RUNS} (median), interleaved`,
      subjectValue: `+${ms(extra.fastest)} (+${ms(extra.median)})`,
      baselineValue: `+${ms(zod.fastest)} (+${ms(zod.median)}); bare ${ms(bare)}`,
      figure: `${ratio.toFixed(2)}×`,
      target: `≤ ${LIMIT_RATIO}× zod/mini alone`,
      met: ratio <= LIMIT_RATIO,
      notes: ratio <= LIMIT_RATIO ? where : where + BUYS,
    }
  })
}
