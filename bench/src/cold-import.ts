// Target 5: what importing an adapter adds to a fresh Node process (over one
// that imports nothing) may be at most 1.2× what importing zod/mini alone adds.
// Each probe runs 30 times in interleaved rounds. What is judged is the CPU
// time the process spent up to the end of its import (user + system, as the
// child reports it), the fastest of the runs: on a shared machine, wall time
// mostly measures how long a process waited for a core, and load from other
// processes only ever adds time. Wall-time medians are printed beside it.
// Core and provider-utils are timed alone, to say where the milliseconds go.
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

interface Run {
  /** Wall time of the whole process, in milliseconds. */
  wall: number
  /** CPU time (user + system) up to the end of the import, in milliseconds. */
  cpu: number
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

const REPORT_CPU = 'const used = process.cpuUsage(); process.stdout.write(String((used.user + used.system) / 1000))'

/** One fresh `node --input-type=module -e code`. */
function spawnRun({ code, cwd }: Probe): Run {
  const start = performance.now()
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', `${code};${REPORT_CPU}`], {
    cwd,
    encoding: 'utf8',
  })
  const wall = performance.now() - start
  if (child.status !== 0) throw new Error(`node -e "${code}" failed: ${child.stderr}`)
  return { wall, cpu: Number(child.stdout) }
}

const BUYS =
  ' Above zod/mini, an import builds the zod schemas the packages export (core’s Task schema, the adapter’s payload schemas): ' +
  'zod compiles its constructors on the first schema built, so the first package that builds one pays most of it. ' +
  'Each package is one file; ky and eventsource-parser load with the first request or event stream, not with the import.'

/** A probe's fastest CPU time and median wall time, each over bare's. */
function overBare(runs: Map<string, Run[]>, name: string): { cpu: number; wall: number } {
  const of = (probe: string) => runs.get(probe) ?? []
  const fastestCpu = (probe: string) => Math.min(...of(probe).map((run) => run.cpu))
  const medianWall = (probe: string) => median(of(probe).map((run) => run.wall))
  return { cpu: fastestCpu(name) - fastestCpu('bare'), wall: medianWall(name) - medianWall('bare') }
}

export const benchColdImport: Benchmark = async () => {
  // One untimed round first, so the file system cache is warm for every probe alike.
  for (const probe of probes) spawnRun(probe)
  // Interleaved rounds (bare, each adapter, zod/mini, core, provider-utils, bare, …): every probe shares the machine's noise.
  const runs = new Map<string, Run[]>(probes.map((probe) => [probe.name, []]))
  for (let round = 0; round < RUNS; round++) {
    for (const probe of probes) runs.get(probe.name)?.push(spawnRun(probe))
  }
  const bare = Math.min(...(runs.get('bare') ?? []).map((run) => run.cpu))
  const zod = overBare(runs, 'zod/mini')
  const where =
    `CPU time over bare: zod/mini alone +${ms(zod.cpu)}, @taskbridge/core alone +${ms(overBare(runs, 'core').cpu)}, ` +
    `@taskbridge/provider-utils (with core) +${ms(overBare(runs, 'provider-utils').cpu)}.`

  return ADAPTERS.map((adapter): BenchResult => {
    const extra = overBare(runs, adapter)
    const ratio = extra.cpu / zod.cpu
    return {
      id: 5,
      title: `cold import: @taskbridge/${adapter}`,
      subject: `\`node --input-type=module -e "await import('@taskbridge/${adapter}')"\`: CPU time over bare \`node -e ""\`, fastest of ${RUNS} (wall time over bare, median)`,
      baseline: `\`await import('zod/mini')\` the same way, interleaved`,
      subjectValue: `+${ms(extra.cpu)} (+${ms(extra.wall)})`,
      baselineValue: `+${ms(zod.cpu)} (+${ms(zod.wall)}); bare ${ms(bare)} of CPU`,
      figure: `${ratio.toFixed(2)}×`,
      target: `≤ ${LIMIT_RATIO}× zod/mini alone`,
      met: ratio <= LIMIT_RATIO,
      notes: ratio <= LIMIT_RATIO ? where : where + BUYS,
    }
  })
}
