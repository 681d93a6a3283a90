// The runtime matrix: one program (runtimes/program.mjs: get, list, wait,
// client and webhook against testkit's xpander emulator) run with the packages
// installed from the registry on each runtime, every runtime itself installed
// from the npm registry (Chromium from Debian's package). What it measured is
// written to reports/runtime-matrix.json and must equal the copy the docs
// page renders, so the page cannot drift from the run.
import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startXpanderEmulator, XPANDER_SEED_AGENT_IDS, XPANDER_SEED_TASK_IDS } from '@taskbridge/testkit'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { consumer, env } from './registry.mjs'
import { runInChromium } from './runtimes/browser.mjs'
import { installRuntimes } from './runtimes/install.mjs'
import {
  COMMITTED_MATRIX,
  formatMatrix,
  MEASURED_MATRIX,
  matrixRow,
  readCommittedMatrix,
  writeMeasuredMatrix,
} from './runtimes/matrix.mjs'
import { runInWorkerd } from './runtimes/workerd.mjs'

const run = promisify(execFile)
const here = dirname(fileURLToPath(import.meta.url))
const smoke = inject('smoke')
/** xpander's emulated time runs this much faster, so the wait step's task completes in a quarter second. */
const EMULATOR_SPEED = 20
const measured = []
let project
let runtimes
let config
let runtimeEnv

/** Runs main.mjs with `command` in the consumer project: the step results it printed. */
async function runMain(command, args) {
  const { stdout } = await run(command, [...args, 'main.mjs', JSON.stringify(config)], {
    cwd: project.dir,
    env: runtimeEnv,
    timeout: 120_000,
  })
  return JSON.parse(stdout)
}

/** The binary of a runtime installed from the npm registry; throws why it could not be installed. */
function installed(name) {
  const runtime = runtimes[name]
  if (runtime.error) throw new Error(`${name} could not be installed from the npm registry: ${runtime.error}`)
  return runtime.binary
}

async function versionOf(binary, args = ['--version']) {
  return (await run(binary, args, { env: runtimeEnv })).stdout.trim()
}

const RUNTIMES = [
  {
    runtime: `Node (oldest declared)`,
    loads: 'node_modules',
    async measure() {
      const node = join(smoke.oldestNode.bin, 'node')
      return { version: (await versionOf(node)).slice(1), results: await runMain(node, []) }
    },
  },
  {
    runtime: 'Node (pinned)',
    loads: 'node_modules',
    measure: async () => ({ version: process.versions.node, results: await runMain(process.execPath, []) }),
  },
  {
    runtime: 'Bun',
    loads: 'node_modules',
    async measure() {
      const bun = installed('bun')
      return { version: await versionOf(bun), results: await runMain(bun, []) }
    },
  },
  {
    runtime: 'Deno (package.json)',
    loads: 'node_modules',
    async measure() {
      const deno = installed('deno')
      const version = (await versionOf(deno)).split(/\s+/)[1]
      return { version, results: await runMain(deno, ['run', '--allow-net=127.0.0.1']) }
    },
  },
  {
    runtime: 'workerd (no nodejs_compat)',
    loads: 'bundle',
    async measure() {
      const workerd = installed('workerd')
      const version = (await versionOf(workerd)).split(/\s+/)[1]
      return { version, results: await runInWorkerd(workerd, project.dir, config, runtimeEnv) }
    },
  },
  {
    runtime: 'Chromium (page)',
    loads: 'bundle',
    async measure() {
      const { version, results } = await runInChromium(project.dir, config)
      return { version: version.split('.')[0], results }
    },
  },
]

describe('the runtime matrix: one program on every runtime', () => {
  let emulator

  beforeAll(async () => {
    emulator = await startXpanderEmulator({ cors: true, clock: { realTime: { speed: EMULATOR_SPEED } } })
    config = {
      baseUrl: emulator.baseUrl,
      eventsBaseUrl: emulator.url,
      apiKey: emulator.apiKey,
      taskId: XPANDER_SEED_TASK_IDS.completedMarkdown,
      agentId: XPANDER_SEED_AGENT_IDS.writer,
    }
    // The runtimes download while the packages install, and while the other test file runs.
    ;[runtimes, project] = await Promise.all([
      installRuntimes(smoke.work),
      consumer(smoke, 'consumer-runtimes', ['@taskbridge/core', '@taskbridge/xpander']),
    ])
    for (const file of ['program.mjs', 'main.mjs']) copyFileSync(join(here, 'runtimes', file), join(project.dir, file))
    // workerd and the page load the program bundled with the installed packages, as a bundler would ship it.
    await build({
      entryPoints: [join(project.dir, 'program.mjs')],
      outfile: join(project.dir, 'program.bundle.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      logLevel: 'silent',
    })
    // Every cache a runtime writes (Deno's, Bun's) stays in the test's temporary folder.
    const home = join(smoke.work, 'runtime-home')
    mkdirSync(home)
    runtimeEnv = {
      ...env,
      HOME: home,
      XDG_CACHE_HOME: join(home, '.cache'),
      DENO_DIR: join(home, 'deno'),
      DENO_NO_UPDATE_CHECK: '1',
      BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
      NO_COLOR: '1',
    }
  })

  afterAll(async () => {
    await emulator?.close()
  })

  it.each(RUNTIMES)('$runtime runs get, list, wait, client and webhook', async ({ runtime, loads, measure }) => {
    let outcome
    try {
      outcome = await measure()
    } catch (error) {
      measured.push(matrixRow(runtime, 'not run', loads, undefined))
      throw error
    }
    measured.push(matrixRow(runtime, outcome.version, loads, outcome.results))
    const failed = Object.entries(outcome.results).filter(([, result]) => !result.ok)
    expect(failed, `${runtime} ${outcome.version}`).toEqual([])
  })

  it(`matches ${COMMITTED_MATRIX}, which the docs page renders`, () => {
    const matrix = writeMeasuredMatrix(measured)
    console.log(`runtime matrix (${MEASURED_MATRIX}):\n${formatMatrix(matrix)}`)
    expect(
      readCommittedMatrix(),
      `this run measured another matrix than the docs show: if the change is meant, copy ${MEASURED_MATRIX} to ${COMMITTED_MATRIX}`,
    ).toEqual(matrix)
  })
})
