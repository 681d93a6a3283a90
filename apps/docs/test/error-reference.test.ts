// The error reference (guide/troubleshooting.md) has one heading per error
// code, so a code added to core cannot go without its entry.
import { readFileSync } from 'node:fs'
import { TASKBRIDGE_ERROR_CODES } from '@taskbridge/core'
import { describe, expect, it } from 'vitest'

const page = readFileSync(new URL('../guide/troubleshooting.md', import.meta.url), 'utf8')
const headings = new Set([...page.matchAll(/^### (ERR_\w+)$/gm)].map((match) => match[1]))

describe('the error reference', () => {
  it.for(Object.entries(TASKBRIDGE_ERROR_CODES))('has a heading for %s (%s)', ([name, code], { expect }) => {
    expect(headings.has(code), `guide/troubleshooting.md needs "### ${code}" (${name})`).toBe(true)
  })

  it('has no heading for a code core does not have', () => {
    expect([...headings].filter((code) => !Object.values(TASKBRIDGE_ERROR_CODES).includes(code as never))).toEqual([])
  })
})
