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

export function findReports(root) {
  return testedPackages(root).map((pkg) => join(pkg, 'reports', 'vitest.json'))
}

export function summarise(root) {
  let passed = 0
  let failed = 0
  const missing = []
  for (const pkg of testedPackages(root)) {
    const report = join(pkg, 'reports', 'vitest.json')
    if (!existsSync(report)) {
      missing.push(pkg.slice(root.length + 1))
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
