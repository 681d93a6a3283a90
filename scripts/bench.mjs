// `npm run bench [-- --quick]`: builds the packages (quietly, unless the
// build fails) and runs the benchmarks, which write BENCHMARKS.md.
// Runs under the pinned toolchain (see scripts/bootstrap.mjs).
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const build = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', '--filter=@taskbridge/bench...', '--output-logs=errors-only'],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr)
  process.exit(build.status ?? 1)
}
const bench = spawnSync(process.execPath, [join(root, 'bench/src/run.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(bench.status ?? 1)
