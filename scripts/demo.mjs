// `npm run demo`: builds the CLI (quietly, unless the build fails) and runs
// `taskbridge demo` against the built-in emulators.
// Runs under the pinned toolchain (see scripts/bootstrap.mjs).
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const build = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', '--filter=@taskbridge/cli...', '--output-logs=errors-only'],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr)
  process.exit(build.status ?? 1)
}
const demo = spawnSync(process.execPath, [join(root, 'apps/cli/dist/bin.js'), 'demo', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(demo.status ?? 1)
