// The runtime matrix of guide/runtimes.md: the release smoke test's last run
// (scripts/release-smoke/runtime-matrix.test.mjs), committed as
// reference/runtime-matrix.json. That test fails when what it measures differs
// from this file, so the page shows what was run.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const MATRIX = fileURLToPath(new URL('../reference/runtime-matrix.json', import.meta.url))

export interface RuntimeRow {
  runtime: string
  version: string
  /** `node_modules`: the installed packages as they are; `bundle`: bundled with the program by esbuild. */
  loads: 'node_modules' | 'bundle'
  steps: Record<string, 'pass' | 'fail'>
}

export interface RuntimeMatrix {
  steps: string[]
  runtimes: RuntimeRow[]
}

export function runtimeMatrix(): RuntimeMatrix {
  return JSON.parse(readFileSync(MATRIX, 'utf8')) as RuntimeMatrix
}

export default { watch: [MATRIX], load: runtimeMatrix }
