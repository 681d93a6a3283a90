// The whole test run: lint, build, typecheck and every package's tests through
// turbo, then one summary line from the vitest JSON reports.
// Runs under the pinned toolchain (see scripts/bootstrap.mjs).
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findReports, summarise } from './test-summary.mjs'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
for (const report of findReports(root)) rmSync(report, { force: true })

const turbo = spawnSync(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'lint',
    'build',
    'typecheck',
    'test',
    '--continue',
    '--output-logs=errors-only',
    '--log-order=grouped',
  ],
  {
    cwd: root,
    stdio: 'inherit',
  },
)
const { passed, failed, missing } = summarise(root)
if (turbo.status !== 0) console.error(`turbo exited with status ${turbo.status}; see the failing task above`)
for (const pkg of missing) console.error(`no test report from ${pkg}`)
console.log(`tests: ${passed} passed, ${failed + missing.length} failed`)
process.exit(turbo.status === 0 && failed === 0 && missing.length === 0 ? 0 : 1)
