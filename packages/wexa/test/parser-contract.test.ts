import { readFileSync } from 'node:fs'
import { propertyRuns } from '@taskbridge/test-support/property-runs'
import { runParserContract } from '@taskbridge/testkit/vitest'
import { parseWexaTask } from '../src/index.js'

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'))

runParserContract({
  name: 'parseWexaTask',
  parse: parseWexaTask,
  fixtures: [fixture('get-task-by-id.json'), fixture('stop-task.json')],
  withStatus: (task, status) => ({ ...(task as object), status }),
  runs: propertyRuns(),
})
