import { readFileSync } from 'node:fs'
import { propertyRuns } from '@taskbridge/test-support/property-runs'
import { runParserContract } from '@taskbridge/testkit/vitest'
import { parseOrkesTask, parseOrkesWorkflow } from '../src/index.js'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'))
const withStatus = (payload: unknown, status: string) => ({ ...(payload as object), status })

runParserContract({
  name: 'parseOrkesTask',
  parse: parseOrkesTask,
  fixtures: [fixture('get-task-by-id.json'), fixture('search-task-summary.json')],
  withStatus,
  runs: propertyRuns(),
})

runParserContract({
  name: 'parseOrkesWorkflow',
  parse: parseOrkesWorkflow,
  fixtures: [fixture('workflow.json')],
  withStatus,
  runs: propertyRuns(),
})
