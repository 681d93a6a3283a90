// The runtime matrix as data: one row per runtime (its version and each
// step's pass or fail), written to the smoke package's reports folder,
// printed as a table, and compared with the copy the docs render
// (apps/docs/reference/runtime-matrix.json), so the page shows what this run measured.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { root } from '../registry.mjs'
import { STEPS } from './program.mjs'

export const COMMITTED_MATRIX = 'apps/docs/reference/runtime-matrix.json'
export const MEASURED_MATRIX = 'scripts/release-smoke/reports/runtime-matrix.json'

/** A row: `{ runtime, version, loads, steps: { get: 'pass' | 'fail', … } }`. */
export function matrixRow(runtime, version, loads, results) {
  const steps = Object.fromEntries(STEPS.map((step) => [step, results?.[step]?.ok === true ? 'pass' : 'fail']))
  return { runtime, version, loads, steps }
}

export function writeMeasuredMatrix(rows) {
  const matrix = { steps: STEPS, runtimes: rows }
  const file = join(root, MEASURED_MATRIX)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(matrix, null, 2)}\n`)
  return matrix
}

export function readCommittedMatrix() {
  const file = join(root, COMMITTED_MATRIX)
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined
}

/** The matrix as a plain-text table, as the test prints it. */
export function formatMatrix({ steps, runtimes }) {
  const header = ['runtime', 'version', 'loads', ...steps]
  const lines = [
    header,
    ...runtimes.map((row) => [row.runtime, row.version, row.loads, ...steps.map((s) => row.steps[s])]),
  ]
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column].length)))
  return lines
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
