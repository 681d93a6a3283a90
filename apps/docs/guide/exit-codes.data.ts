// The CLI's exit codes with the comment each has in apps/cli/src/exit-codes.ts,
// and core's error codes, read when the site is built: both are public API.
import { readFileSync } from 'node:fs'
import { TASKBRIDGE_ERROR_CODES } from '@taskbridge/core'
import { ExitCode } from '../../cli/src/exit-codes.js'
import { codeSpans } from './code-spans.ts'

export interface ExitCodeRow {
  code: number
  name: string
  /** Its comment in the code, as HTML. */
  meaning: string
}

export interface CodesData {
  exitCodes: ExitCodeRow[]
  /** Error class name and its `code`. */
  errorCodes: [name: string, code: string][]
}

function exitCodes(): ExitCodeRow[] {
  const source = readFileSync(new URL('../../cli/src/exit-codes.ts', import.meta.url), 'utf8')
  const rows = [...source.matchAll(/\/\*\* ([^*]+?) \*\/\s+(\w+): (\d+),/g)].map((match) => ({
    code: Number(match[3]),
    name: match[2] as string,
    meaning: codeSpans(match[1] as string),
  }))
  // Every code the CLI has, each with a one-line comment, or the build fails.
  const codes = Object.values(ExitCode).sort((a, b) => a - b)
  if (rows.map((row) => row.code).join() !== codes.join()) {
    throw new Error(
      `apps/cli/src/exit-codes.ts: read ${rows.map((row) => row.code)} of ${codes}; update guide/exit-codes.data.ts`,
    )
  }
  return rows
}

export function codesData(): CodesData {
  return { exitCodes: exitCodes(), errorCodes: Object.entries(TASKBRIDGE_ERROR_CODES) }
}

export default { load: codesData }
