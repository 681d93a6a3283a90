import { createJobsAdapter } from '../examples/jobs/jobs-adapter.js'
import { type JobsEmulator, startJobsEmulator } from '../examples/jobs/jobs-emulator.js'
import { runAdapterContract } from '../src/vitest.js'

// The contract suite run against a small adapter built from public exports
// only, so the suite itself is exercised and shown to be usable from outside.
runAdapterContract<JobsEmulator>({
  name: 'jobs (self-test)',
  startEmulator: startJobsEmulator,
  createAdapter: (emulator) => createJobsAdapter({ baseUrl: emulator.baseUrl, token: () => emulator.token }),
})
