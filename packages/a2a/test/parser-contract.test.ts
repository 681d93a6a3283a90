import { readFileSync } from 'node:fs'
import { propertyRuns } from '@taskbridge/test-support/property-runs'
import { runParserContract } from '@taskbridge/testkit/vitest'
import { parseA2ATask } from '../src/index.js'

const v1 = JSON.parse(readFileSync(new URL('./fixtures/get-task-v1.json', import.meta.url), 'utf8'))
// The same task in v0.3's form: lower-case states and a `kind`.
const v03 = { ...v1, kind: 'task', status: { ...v1.status, state: 'completed' } }

runParserContract({
  name: 'parseA2ATask',
  parse: parseA2ATask,
  fixtures: [v1, v03],
  withStatus: (task, state) => {
    const { status } = task as { status: object }
    return { ...(task as object), status: { ...status, state } }
  },
  runs: propertyRuns(),
})
