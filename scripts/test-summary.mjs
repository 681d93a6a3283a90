// Sums the vitest JSON reports of every workspace package.
// Plain JavaScript for the system Node: .ci/run calls it directly.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const workspaceDirs = ['packages', 'apps', 'examples', 'internal']

/** Package folders that have tests, so each must leave a report. */
function testedPackages(root) {
  const found = []
  for (const group of workspaceDirs) {
    const dir = join(root, group)
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir)) {
      const pkg = join(dir, name)
      if (existsSync(join(pkg, 'test'))) found.push(pkg)
    }
  }
  if (existsSync(join(root, 'bench', 'test'))) found.push(join(root, 'bench'))
  found.push(join(root, 'scripts', 'release-smoke'))
  return found
}

/**
 * The turbo tasks that run tests. A package with tests runs `test`; one that
 * splits its tests (the docs: the site's page check waits for the site build,
 * the rest need only the packages) runs `test:<part>` too, with its own report.
 */
export const TEST_TASKS = ['test', 'test:site']

/** The report a test task leaves: `test` → reports/vitest.json, `test:site` → reports/vitest.site.json. */
const reportOf = (task) => (task === 'test' ? 'vitest.json' : `vitest.${task.slice('test:'.length)}.json`)

/** The scripts of a package.json, or none when it has no package.json. */
function scriptsOf(pkg) {
  const manifest = join(pkg, 'package.json')
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')).scripts ?? {}) : {}
}

/** Every report the test run must leave: each tested package's `test`, and each other test task it has a script for. */
export function findReports(root) {
  return testedPackages(root).flatMap((pkg) => {
    const scripts = scriptsOf(pkg)
    const tasks = TEST_TASKS.filter((task) => task === 'test' || task in scripts)
    return tasks.map((task) => join(pkg, 'reports', reportOf(task)))
  })
}

export function summarise(root) {
  let passed = 0
  let failed = 0
  const missing = []
  for (const report of findReports(root)) {
    if (!existsSync(report)) {
      missing.push(report.slice(root.length + 1))
      continue
    }
    const json = JSON.parse(readFileSync(report, 'utf8'))
    passed += json.numPassedTests
    // A file that fails to load, or in a beforeAll, fails no single test: count the file.
    failed +=
      json.numFailedTests > 0 ? json.numFailedTests : json.success === false ? Math.max(1, json.numFailedTestSuites) : 0
  }
  return { passed, failed, missing }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(import.meta.url), '..', '..')
  const { passed, failed, missing } = summarise(root)
  console.log(`tests: ${passed} passed, ${failed + missing.length} failed`)
}
