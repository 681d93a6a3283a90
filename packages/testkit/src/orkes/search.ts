// The subset of Conductor's search syntax the emulator understands:
// `start`, `size`, `sort=field:ASC|DESC` (repeatable), `freeText` (`*` = all,
// otherwise a case-insensitive substring of the summary) and `query`, made of
// `field = value` and `field IN (a,b)` clauses joined with AND (Conductor's
// query grammar has no OR in these endpoints).

import type { OrkesSearchResult } from './payloads.js'

type Summary = object

/** A page of summaries, or why the request was refused (a 400). */
export type SearchOutcome<Item> = { ok: true; page: OrkesSearchResult<Item> } | { ok: false; message: string }

type Clause = { field: string; values: string[] }

const unquote = (value: string): string => value.trim().replace(/^(['"])(.*)\1$/, '$2')

function parseClause(text: string): Clause | undefined {
  const inList = /^(\w+)\s+IN\s*\((.*)\)$/i.exec(text)
  if (inList?.[1] !== undefined && inList[2] !== undefined) {
    return { field: inList[1], values: inList[2].split(',').map(unquote) }
  }
  const equals = /^(\w+)\s*=\s*(.+)$/.exec(text)
  if (equals?.[1] !== undefined && equals[2] !== undefined) return { field: equals[1], values: [unquote(equals[2])] }
  return undefined
}

/** The query's clauses, or `undefined` when one of them is not understood. */
export function parseQuery(query: string): Clause[] | undefined {
  const trimmed = query.trim()
  if (trimmed === '') return []
  const clauses = trimmed.split(/\s+AND\s+/i).map((part) => parseClause(part.trim()))
  return clauses.every((clause) => clause !== undefined) ? (clauses as Clause[]) : undefined
}

const fieldOf = (item: Summary, field: string): unknown => (item as Record<string, unknown>)[field]

function matches(item: Summary, clauses: readonly Clause[], freeText: string): boolean {
  const byQuery = clauses.every(({ field, values }) => values.includes(String(fieldOf(item, field))))
  if (!byQuery) return false
  if (freeText === '' || freeText === '*') return true
  return JSON.stringify(item).toLowerCase().includes(freeText.toLowerCase())
}

function compareBy(sorts: readonly string[]): (a: Summary, b: Summary) => number {
  const keys = sorts
    .filter((sort) => sort.trim() !== '')
    .map((sort) => {
      const [field = '', direction = 'ASC'] = sort.split(':')
      return { field: field.trim(), sign: direction.trim().toUpperCase() === 'DESC' ? -1 : 1 }
    })
  return (a, b) => {
    for (const { field, sign } of keys) {
      const order = compareValues(fieldOf(a, field), fieldOf(b, field))
      if (order !== 0) return order * sign
    }
    return 0
  }
}

function compareValues(left: unknown, right: unknown): number {
  if (left === right) return 0
  if (left === undefined) return 1
  if (right === undefined) return -1
  if (typeof left === 'number' && typeof right === 'number') return left - right
  return String(left) < String(right) ? -1 : 1
}

function nonNegativeInteger(text: string | null, fallback: number): number | undefined {
  if (text === null || text === '') return fallback
  const value = Number(text)
  return Number.isInteger(value) && value >= 0 ? value : undefined
}

/**
 * Filters, sorts and slices summaries as `GET …/search` does. Without `sort`
 * the emulator keeps creation order (the real order comes from the search
 * index and is not documented).
 */
export function searchPage<Item extends Summary>(items: readonly Item[], params: URLSearchParams): SearchOutcome<Item> {
  const start = nonNegativeInteger(params.get('start'), 0)
  const size = nonNegativeInteger(params.get('size'), 100)
  if (start === undefined || size === undefined) return { ok: false, message: 'start and size must be integers ≥ 0' }
  const clauses = parseQuery(params.get('query') ?? '')
  if (!clauses) return { ok: false, message: `Invalid query: ${params.get('query')}` }
  const found = items
    .filter((item) => matches(item, clauses, params.get('freeText') ?? '*'))
    .sort(compareBy(params.getAll('sort')))
  return { ok: true, page: { totalHits: found.length, results: found.slice(start, start + size) } }
}
