// Runs every benchmark and writes BENCHMARKS.md at the repository root.
//
//   node bench/src/run.ts [--quick] [--only 1,4]
//
// Every figure is judged as a ratio against a baseline measured in the same
// run on the same machine; absolute times are printed too, for the reader.

import { writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchColdImport } from './cold-import.ts'
import { benchDistributed } from './distributed.ts'
import { benchGetTask } from './get-task.ts'
import { benchListing } from './listing.ts'
import { benchNormalise } from './normalise.ts'
import { benchPeer } from './peer.ts'
import { benchPolling } from './polling.ts'
import { benchSize } from './size.ts'
import type { Benchmark, BenchResult } from './types.ts'
import { benchWatcher } from './watcher.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const onlyFlag = args.indexOf('--only')
const only = onlyFlag >= 0 ? new Set((args[onlyFlag + 1] ?? '').split(',').map(Number)) : undefined

const benchmarks: [number, string, Benchmark][] = [
  [1, 'normalising', benchNormalise],
  [2, 'getTask over loopback', benchGetTask],
  [3, 'the peer (official Orkes SDK)', benchPeer],
  [4, 'size', benchSize],
  [5, 'cold import', benchColdImport],
  [6, 'polling', benchPolling],
  [7, 'listing at scale', benchListing],
  [8, 'watching 10,000 tasks', benchWatcher],
  [9, 'watching 100,000 tasks from worker processes', benchDistributed],
]

function table(results: readonly BenchResult[]): string {
  const rows = results.map(
    (result) =>
      `| ${result.id} | ${result.title} | ${result.subject}: ${result.subjectValue} | ${result.baseline}: ${result.baselineValue} | **${result.figure}** | ${result.target} | ${result.met ? 'met' : '**missed**'} |`,
  )
  return [
    '| # | benchmark | measured | baseline (same run) | figure | target | |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}

const started = Date.now()
const results: BenchResult[] = []
for (const [id, name, benchmark] of benchmarks) {
  if (only && !only.has(id)) continue
  process.stderr.write(`bench ${id}: ${name}…\n`)
  const measured = await benchmark({ quick })
  for (const result of measured) {
    process.stderr.write(
      `  ${result.title}: ${result.figure} (target ${result.target}: ${result.met ? 'met' : 'MISSED'})\n`,
    )
  }
  results.push(...measured)
}
const seconds = ((Date.now() - started) / 1000).toFixed(0)
const notes = results.filter((result) => result.notes).map((result) => `- **${result.title}**: ${result.notes}`)
const sized = process.env.BENCH_DISTRIBUTED_TASKS
  ? `BENCH_DISTRIBUTED_TASKS=${process.env.BENCH_DISTRIBUTED_TASKS} `
  : ''
const command = `${sized}npm run bench${quick ? ' -- --quick' : ''}${only ? ` -- --only ${[...only].join(',')}` : ''}`

const markdown = `# Benchmarks

Written by \`bench/src/run.ts\`; do not edit by hand. Every figure is a ratio
against a baseline measured in the same run on the same machine: absolute
times vary between machines and runs, ratios much less.

- Command: \`${command}\`${quick ? ' (quick mode: fewer iterations)' : ''}
- Run: ${new Date().toISOString()}, ${seconds} s
- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${process.platform} ${process.arch}, Node ${process.version}

${table(results)}

${notes.length > 0 ? `## Notes\n\n${notes.join('\n')}\n` : ''}`

writeFileSync(join(root, 'BENCHMARKS.md'), markdown)
process.stderr.write(
  `wrote BENCHMARKS.md (${results.filter((result) => result.met).length}/${results.length} targets met) in ${seconds} s\n`,
)
