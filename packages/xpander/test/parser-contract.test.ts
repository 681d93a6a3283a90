import { readdirSync, readFileSync } from 'node:fs'
import { propertyRuns } from '@taskbridge/test-support/property-runs'
import { runParserContract } from '@taskbridge/testkit/vitest'
import { parseXpanderTask, parseXpanderTaskListItem } from '../src/index.js'

const fixtures = new URL('./fixtures/', import.meta.url)
const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'))
const fullRecords = readdirSync(fixtures)
  .filter((name) => name.endsWith('.json') && name !== 'list-page.json')
  .map(read)
const withStatus = (task: unknown, status: string) => ({ ...(task as object), status })

runParserContract({
  name: 'parseXpanderTask',
  parse: parseXpanderTask,
  fixtures: fullRecords,
  withStatus,
  runs: propertyRuns(),
})

// The same schema and mapping as the full record, only marked as a summary: a fifth of the cases.
runParserContract({
  name: 'parseXpanderTaskListItem',
  parse: parseXpanderTaskListItem,
  fixtures: (read('list-page.json') as { items: unknown[] }).items,
  withStatus,
  runs: propertyRuns({ fraction: 0.2 }),
})
