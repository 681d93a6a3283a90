// The whole test run: the system packages the suites need (Chromium,
// redis-server: installed once, here, before any suite); the changeset check;
// lint, build, type-check, package checks (publint, attw) and every package's
// tests through turbo (the release smoke test against a real local registry
// among them); then the TSDoc check; then one summary line from the vitest
// JSON reports.
// Runs under the pinned toolchain (see scripts/bootstrap.mjs).
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findReports, summarise, TEST_TASKS } from './test-summary.mjs'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
for (const report of findReports(root)) rmSync(report, { force: true })

const step = (label, command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) console.error(`${label} failed (exit ${result.status})`)
  return result.status === 0
}

const systemPackages = step('the system packages step', process.execPath, ['internal/test-support/system-deps.mjs'])
const changesets = step('the changeset check', process.execPath, ['scripts/check-changesets.mjs'])
const turbo = step('turbo', 'pnpm', [
  'exec',
  'turbo',
  'run',
  'lint',
  'build',
  'typecheck',
  'lint:package',
  ...TEST_TASKS,
  '--continue',
  // Most tasks wait on loopback servers, browsers and registries rather than
  // compute: with turbo's default of 10 at once, the longest chain (the docs
  // build, then its Chromium test; the release smoke test) waited minutes for
  // a slot behind short suites.
  '--concurrency=24',
  '--output-logs=errors-only',
  '--log-order=grouped',
])
// The TSDoc check reads the built packages, so it needs a good build.
const docs = turbo && step('the TSDoc check', process.execPath, ['scripts/check-docs.mjs'])

const { passed, failed, missing } = summarise(root)
for (const dir of missing) console.error(`no test report from ${dir}`)
console.log(`tests: ${passed} passed, ${failed + missing.length} failed`)
process.exit(systemPackages && changesets && turbo && docs && failed === 0 && missing.length === 0 ? 0 : 1)
