// Target 5: a fresh Node process that imports an adapter may take at most
// 25 ms longer than one that imports nothing (median of 20 runs each).
import { spawnSync } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { median, ms } from './measure.ts'
import type { Benchmark, BenchResult } from './types.ts'

const RUNS = 20
const LIMIT_MS = 25
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
]

/** Wall time of one fresh `node --input-type=module -e code`, in milliseconds. */
function spawnTime({ code, cwd }: Probe): number {
  const start = performance.now()
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd, encoding: 'utf8' })
  const elapsed = performance.now() - start
  if (child.status !== 0) throw new Error(`node -e "${code}" failed: ${child.stderr}`)
  return elapsed
}

export const benchColdImport: Benchmark = async () => {
  // One untimed round first, so the file system cache is warm for every probe alike.
  for (const probe of probes) spawnTime(probe)
  // Interleaved rounds (bare, wexa, xpander, orkes, a2a, mcp, zod/mini, bare, …): every probe shares the machine's noise.
  const times = new Map<string, number[]>(probes.map((probe) => [probe.name, []]))
  for (let run = 0; run < RUNS; run++) {
    for (const probe of probes) times.get(probe.name)?.push(spawnTime(probe))
  }
  const medianOf = (name: string): number => median(times.get(name) ?? [])
  const bare = medianOf('bare')
  const zodFloor = medianOf('zod/mini') - bare

  return ADAPTERS.map((adapter): BenchResult => {
    const extra = medianOf(adapter) - bare
    return {
      id: 5,
      title: `cold import: @taskbridge/${adapter}`,
      subject: `\`node --input-type=module -e "await import('@taskbridge/${adapter}')"\`, median of ${RUNS}`,
      baseline: `bare \`node --input-type=module -e ""\`, median of ${RUNS}, interleaved`,
      subjectValue: ms(medianOf(adapter)),
      baselineValue: ms(bare),
      figure: `+${ms(extra)}`,
      target: `≤ +${LIMIT_MS} ms`,
      met: extra <= LIMIT_MS,
      notes: `importing zod/mini alone, in the same rounds, costs +${ms(zodFloor)} over bare.`,
    }
  })
}
