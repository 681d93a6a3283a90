// Installs every package, one adapter at a time, from the local registry
// that setup.mjs published them to, into fresh projects outside the workspace
// with plain npm, as users will, at the versions the workspace holds (the
// ones a release publishes); the repository is never touched. The packages are also
// installed and run on the oldest Node their `engines` fields allow, taken
// from the npm registry's Node package of that version.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { consumer, env, PUBLISHED, root } from './registry.mjs'

const run = promisify(execFile)
const smoke = inject('smoke')

async function node(dir, file, source, nodeEnv = env) {
  writeFileSync(join(dir, file), source)
  return (await run('node', [file], { cwd: dir, env: nodeEnv })).stdout.trim()
}

const seeds = {
  wexa: { parse: 'parseWexaTask', fixture: 'packages/wexa/test/fixtures/get-task-by-id.json', status: 'completed' },
  xpander: {
    parse: 'parseXpanderTask',
    fixture: 'packages/xpander/test/fixtures/completedMarkdown.json',
    status: 'completed',
  },
  orkes: { parse: 'parseOrkesTask', fixture: 'packages/orkes/test/fixtures/get-task-by-id.json', status: 'completed' },
  a2a: {
    parse: 'parseA2ATask',
    fixture: 'packages/a2a/test/fixtures/get-task-v1.json',
    status: 'completed',
  },
  mcp: { parse: 'parseMcpTask', fixture: 'packages/mcp/test/fixtures/get-task-2025.json', status: 'completed' },
}

/** The packages the project on the oldest declared Node installs together. */
const OLDEST_NODE_PACKAGES = ['wexa', 'xpander', 'orkes', 'a2a', 'mcp', 'cli'].map((name) => `@taskbridge/${name}`)
const oldestNodeEnv = { ...env, PATH: `${smoke.oldestNode.bin}:${process.env.PATH}`, NO_COLOR: '1' }

// npm installs wait on the registry more than on the machine: they all start
// at once, here, and each suite's beforeAll waits for its own. A failure is
// that suite's; the handler attached here only keeps it from counting as
// unhandled before its suite awaits it.
const installs = {
  ...Object.fromEntries(
    Object.keys(seeds).map((adapter) => [adapter, consumer(smoke, `consumer-${adapter}`, [`@taskbridge/${adapter}`])]),
  ),
  // npm itself runs on that Node here, and refuses any package (ours or a dependency) whose engines exclude it.
  oldestNode: consumer(smoke, 'consumer-oldest-node', OLDEST_NODE_PACKAGES, {
    ...oldestNodeEnv,
    npm_config_engine_strict: 'true',
  }),
  bullmq: consumer(smoke, 'consumer-bullmq', ['@taskbridge/bullmq']),
  cli: consumer(smoke, 'consumer-cli', ['@taskbridge/cli']),
}
for (const install of Object.values(installs)) install.catch(() => {})

it('builds after every published package: each is a devDependency of the smoke package', () => {
  const own = JSON.parse(readFileSync(join(root, 'scripts', 'release-smoke', 'package.json'), 'utf8'))
  const names = PUBLISHED.map((dir) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).name)
  expect(names.filter((name) => own.devDependencies?.[name] !== 'workspace:^')).toEqual([])
})

describe.each(Object.entries(seeds))('@taskbridge/%s installed alone from the registry', (adapter, seed) => {
  let project

  beforeAll(async () => {
    project = await installs[adapter]
    writeFileSync(join(project.dir, 'seed.json'), readFileSync(join(root, seed.fixture)))
    console.log(`@taskbridge/${adapter} installed: ${project.installed.join(', ')}`)
  }, 300_000)

  it('brings only itself, core, provider-utils and their declared dependencies', () => {
    expect(project.installed).toEqual(
      [
        `@taskbridge/${adapter}`,
        '@taskbridge/core',
        '@taskbridge/provider-utils',
        'eventsource-parser',
        'ky',
        'zod',
      ].sort(),
    )
  })

  it('installs the version the workspace holds, with core and provider-utils at theirs', () => {
    for (const name of [adapter, 'core', 'provider-utils']) {
      const installed = JSON.parse(
        readFileSync(join(project.dir, 'node_modules', '@taskbridge', name, 'package.json'), 'utf8'),
      )
      expect(installed.version, `@taskbridge/${name}`).toBe(
        JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).version,
      )
    }
  })

  it('imports from an .mjs file and parses the seed payload', async () => {
    const out = await node(
      project.dir,
      'check.mjs',
      `import { readFileSync } from 'node:fs'\nimport { ${seed.parse} } from '@taskbridge/${adapter}'\nconst task = ${seed.parse}(JSON.parse(readFileSync('seed.json', 'utf8')))\nconsole.log(JSON.stringify({ id: task.id, status: task.status, provider: task.provider }))\n`,
    )
    console.log(`import @taskbridge/${adapter}: ${out}`)
    expect(JSON.parse(out)).toMatchObject({ status: seed.status, provider: adapter })
  })

  it('loads with require() from a .cjs file', async () => {
    const out = await node(
      project.dir,
      'check.cjs',
      `const adapter = require('@taskbridge/${adapter}')\nconsole.log(typeof adapter.${seed.parse})\n`,
    )
    console.log(`require @taskbridge/${adapter}: ${seed.parse} is a ${out}`)
    expect(out).toBe('function')
  })

  it('type-checks a consumer against the installed types (module nodenext)', async () => {
    const factory = {
      wexa: 'createWexaAdapter',
      xpander: 'createXpanderAdapter',
      orkes: 'createOrkesTaskAdapter',
      a2a: 'createA2AAdapter',
      mcp: 'createMcpAdapter',
    }[adapter]
    writeFileSync(
      join(project.dir, 'consumer.ts'),
      `import type { Task } from '@taskbridge/core'\nimport { ${factory}, ${seed.parse} } from '@taskbridge/${adapter}'\nexport const adapter = ${factory}({ timeoutMs: 5000 })\nexport const task: Task = ${seed.parse}({})\nexport const status: 'completed' | 'failed' | string = task.status\n`,
    )
    writeFileSync(
      join(project.dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noEmit: true,
          types: [],
          lib: ['es2023', 'dom'],
        },
        files: ['consumer.ts'],
      }),
    )
    const tsc = join(root, 'node_modules', '.bin', 'tsc')
    const { stdout } = await run(tsc, ['-p', 'tsconfig.json'], { cwd: project.dir, env })
    console.log(`tsc --noEmit for @taskbridge/${adapter}: ok`)
    expect(stdout.trim()).toBe('')
  })
})

describe(`on the oldest Node the packages declare (${smoke.oldestNode.version})`, () => {
  const nodeVersion = smoke.oldestNode.version
  const oldEnv = oldestNodeEnv
  let project

  beforeAll(async () => {
    project = await installs.oldestNode
    for (const [adapter, seed] of Object.entries(seeds))
      writeFileSync(join(project.dir, `${adapter}-seed.json`), readFileSync(join(root, seed.fixture)))
  }, 300_000)

  it('runs that version', async () => {
    expect(await node(project.dir, 'version.mjs', 'console.log(process.version)\n', oldEnv)).toBe(`v${nodeVersion}`)
  })

  it.each(Object.entries(seeds))('imports and requires @taskbridge/%s and parses its seed', async (adapter, seed) => {
    const imported = await node(
      project.dir,
      `${adapter}.mjs`,
      `import { readFileSync } from 'node:fs'\nimport { ${seed.parse} } from '@taskbridge/${adapter}'\nconsole.log(${seed.parse}(JSON.parse(readFileSync('${adapter}-seed.json', 'utf8'))).status)\n`,
      oldEnv,
    )
    expect(imported).toBe(seed.status)
    const required = await node(
      project.dir,
      `${adapter}.cjs`,
      `console.log(typeof require('@taskbridge/${adapter}').${seed.parse})\n`,
      oldEnv,
    )
    expect(required).toBe('function')
  })

  it('runs taskbridge demo', async () => {
    const { stdout } = await run(join(project.dir, 'node_modules', '.bin', 'taskbridge'), ['demo'], {
      cwd: project.dir,
      env: oldEnv,
    })
    console.log(`taskbridge demo on Node ${nodeVersion}: ${stdout.trim().split('\n').at(-1)}`)
    expect(stdout).toContain('3. Asking an A2A agent')
    expect(stdout).toContain('4. Calling an MCP tool')
    expect(stdout).toContain('7. A typed error')
    expect(stdout).toMatch(/demo finished in/)
  })
})

describe('@taskbridge/bullmq installed alone from the registry', () => {
  let project

  beforeAll(async () => {
    project = await installs.bullmq
    console.log(`@taskbridge/bullmq installed: ${project.installed.join(', ')}`)
  }, 300_000)

  it('brings the watcher, core, BullMQ and ioredis', () => {
    expect(project.installed).toEqual(
      expect.arrayContaining(['@taskbridge/bullmq', '@taskbridge/core', '@taskbridge/watcher', 'bullmq', 'ioredis']),
    )
    expect(project.installed.filter((name) => name.startsWith('@taskbridge/')).sort()).toEqual([
      '@taskbridge/bullmq',
      '@taskbridge/core',
      '@taskbridge/watcher',
    ])
  })

  it('imports createDistributedWatcher, which checks its options before connecting', async () => {
    const out = await node(
      project.dir,
      'bullmq.mjs',
      "import { createDistributedWatcher } from '@taskbridge/bullmq'\ntry { createDistributedWatcher({ connection: 'redis://127.0.0.1:1', providers: [] }) } catch (error) { console.log(error.name, error.argument) }\n",
    )
    expect(out).toBe('InvalidArgumentError providers')
  })
})

describe('@taskbridge/cli installed from the registry', () => {
  let project

  beforeAll(async () => {
    project = await installs.cli
  }, 300_000)

  // npm ls names optional peers that are not installed too, so what is on disk is what counts.
  // Express is an optional peer of the A2A SDK, but a dependency of the MCP SDK 1.x, so it is on disk.
  it("brings the official A2A and MCP SDKs for testkit's emulators", () => {
    const onDisk = (name) => existsSync(join(project.dir, 'node_modules', name, 'package.json'))
    expect(onDisk('@a2a-js/sdk')).toBe(true)
    expect(onDisk('@modelcontextprotocol/sdk')).toBe(true)
  })

  it('runs taskbridge --help from the installed bin', async () => {
    const { stdout } = await run(join(project.dir, 'node_modules', '.bin', 'taskbridge'), ['--help'], {
      cwd: project.dir,
      env,
    })
    expect(stdout).toContain('Usage: taskbridge')
  })

  it('runs taskbridge demo from the installed bin', async () => {
    const { stdout } = await run(join(project.dir, 'node_modules', '.bin', 'taskbridge'), ['demo'], {
      cwd: project.dir,
      env: { ...env, NO_COLOR: '1' },
    })
    console.log(stdout.split('\n').slice(-2).join('\n'))
    expect(stdout).toMatch(/completed \(TASK_STATE_COMPLETED\)/)
    expect(stdout).toContain('4. Calling an MCP tool')
    expect(stdout).toContain('7. A typed error')
    expect(stdout).toMatch(/demo finished in/)
  })
})
