// `npm run demo` and `npm run bench`: builds what a workspace package needs
// (quietly, unless the build fails), then runs one of its files with Node.
// Runs under the pinned toolchain (see scripts/bootstrap.mjs).
//
//   node scripts/build-and-run.mjs <package> <file> [arguments…]
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const [pkg, file, ...args] = process.argv.slice(2)
if (!pkg || !file) {
  console.error('usage: node scripts/build-and-run.mjs <package> <file> [arguments…]')
  process.exit(2)
}
const build = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', `--filter=${pkg}...`, '--output-logs=errors-only'], {
  cwd: root,
  encoding: 'utf8',
})
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr)
  process.exit(build.status ?? 1)
}
const run = spawnSync(process.execPath, [join(root, file), ...args], { cwd: root, stdio: 'inherit' })
process.exit(run.status ?? 1)
