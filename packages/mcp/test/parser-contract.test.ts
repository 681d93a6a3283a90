import { readFileSync } from 'node:fs'
import { propertyRuns } from '@taskbridge/test-support/property-runs'
import { runParserContract } from '@taskbridge/testkit/vitest'
import { parseMcpTask } from '../src/index.js'

const spec2025 = JSON.parse(readFileSync(new URL('./fixtures/get-task-2025.json', import.meta.url), 'utf8'))
// The extension's form: the task object itself, its result inlined.
const extension = { ...spec2025.task, result: spec2025.result }

runParserContract({
  name: 'parseMcpTask',
  parse: parseMcpTask,
  fixtures: [spec2025, extension],
  withStatus: (payload, status) => {
    const { task } = payload as { task?: object }
    return task ? { ...(payload as object), task: { ...task, status } } : { ...(payload as object), status }
  },
  runs: propertyRuns(),
})
