// Publishes every package to a real local registry (Verdaccio) and installs
// them, one adapter at a time, into fresh projects outside the workspace with
// plain npm, as users will. Versions are set to a throwaway prerelease in a
// temporary copy; the repository is never touched. Verdaccio proxies other
// packages (zod, ky) from the npm registry, so npm talks to it alone. The
// packages are also installed and run on the oldest Node their `engines`
// fields allow, taken from the npm registry's Node package of that version.
import { execFile, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
/** Every workspace package that is not private: what a release publishes. */
const PUBLISHED = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group))
    .map((name) => `${group}/${name}`)
    .filter((dir) => {
      const manifest = join(root, dir, 'package.json')
      return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).private !== true
    }),
)
const version = `0.0.0-smoke.${Date.now()}`
const nodeDir = dirname(process.execPath)
const env = { ...process.env, PATH: `${nodeDir}:${process.env.PATH}`, npm_config_update_notifier: 'false' }

let work
let registry
let verdaccio

async function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function waitForRegistry(url) {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`${url}/-/ping`)).ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`Verdaccio did not start at ${url}`)
}

async function startVerdaccio() {
  const port = await freePort()
  const upstream = (await run('npm', ['config', 'get', 'registry'], { env })).stdout.trim()
  const config = join(work, 'verdaccio.yaml')
  writeFileSync(
    config,
    [
      `storage: ${join(work, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(work, 'htpasswd')}`,
      '    max_users: 10',
      'uplinks:',
      '  upstream:',
      `    url: ${upstream}`,
      'packages:',
      "  '@taskbridge/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    proxy: upstream',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  )
  const bin = join(root, 'node_modules', 'verdaccio', 'bin', 'verdaccio')
  verdaccio = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    env,
    stdio: 'ignore',
  })
  registry = `http://127.0.0.1:${port}`
  await waitForRegistry(registry)
  const user = await fetch(`${registry}/-/user/org.couchdb.user:smoke`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'smoke', password: 'smoke-password-1', type: 'user', roles: [] }),
  })
  return (await user.json()).token
}

/** A copy of the workspace's published packages with the throwaway version, published to the registry. */
async function publishAll(token) {
  const copy = join(work, 'workspace')
  mkdirSync(copy)
  // No packageManager field and pmOnFail off: otherwise pnpm resolves its own
  // platform packages through the registry before publishing, one more
  // network round trip that can fail.
  writeFileSync(join(copy, 'package.json'), JSON.stringify({ name: 'taskbridge-release-copy', private: true }))
  writeFileSync(join(copy, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n  - apps/*\npmOnFail: ignore\n')
  writeFileSync(
    join(copy, '.npmrc'),
    `registry=${registry}/\n//127.0.0.1:${new URL(registry).port}/:_authToken=${token}\n`,
  )
  for (const dir of PUBLISHED) {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'))
    const target = join(copy, dir)
    mkdirSync(target, { recursive: true })
    for (const entry of ['dist', 'src', 'README.md'])
      cpSync(join(root, dir, entry), join(target, entry), { recursive: true })
    // Installs never read devDependencies, and some name the repository's private test support.
    const { devDependencies: _, ...published } = manifest
    writeFileSync(join(target, 'package.json'), JSON.stringify({ ...published, version }, null, 2))
  }
  await run('pnpm', ['-r', 'publish', '--no-git-checks', '--tag', 'smoke', '--registry', `${registry}/`], {
    cwd: copy,
    env,
  })
}

/** A fresh project outside the workspace that installs `packages` from the local registry alone. */
async function consumer(name, packages, installEnv = env) {
  const dir = join(work, name)
  mkdirSync(dir)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }))
  writeFileSync(
    join(dir, '.npmrc'),
    `registry=${registry}/\ncache=${join(work, 'npm-cache')}\naudit=false\nfund=false\n`,
  )
  await run('npm', ['install', ...packages.map((pkg) => `${pkg}@${version}`)], { cwd: dir, env: installEnv })
  const tree = JSON.parse((await run('npm', ['ls', '--all', '--json'], { cwd: dir, env })).stdout)
  const names = new Set()
  const walk = (deps = {}) => {
    for (const [dep, info] of Object.entries(deps)) {
      names.add(dep)
      walk(info.dependencies)
    }
  }
  walk(tree.dependencies)
  return { dir, installed: [...names].sort() }
}

async function node(dir, file, source, nodeEnv = env) {
  writeFileSync(join(dir, file), source)
  return (await run('node', [file], { cwd: dir, env: nodeEnv })).stdout.trim()
}

/** The oldest Node every published package accepts: the highest of their `engines.node` lower bounds. */
function oldestDeclaredNode() {
  const bounds = PUBLISHED.map((dir) => {
    const range = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).engines?.node
    const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range ?? '')
    if (!match) throw new Error(`${dir}: engines.node must be ">=x.y.z", got ${JSON.stringify(range)}`)
    return match.slice(1, 4).map((part) => Number(part ?? 0))
  })
  const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
  return bounds.sort(compare).at(-1).join('.')
}

/** That Node version's binary, from the npm registry's platform package (as scripts/bootstrap.mjs gets the pinned one). */
async function installNode(version) {
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch]
  const os = { linux: 'linux', darwin: 'darwin' }[process.platform]
  const prefix = join(work, `node-${version}`)
  mkdirSync(prefix)
  const upstream = (await run('npm', ['config', 'get', 'registry'], { env })).stdout.trim()
  await run(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--ignore-scripts',
      '--registry',
      upstream,
    ].concat(['--no-audit', '--no-fund', '--loglevel=error', `node-${os}-${arch}@${version}`]),
    { env },
  )
  return join(prefix, 'node_modules', `node-${os}-${arch}`, 'bin')
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

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'taskbridge-release-'))
  const token = await startVerdaccio()
  await publishAll(token)
}, 300_000)

afterAll(async () => {
  if (verdaccio && verdaccio.exitCode === null) {
    const exited = new Promise((resolve) => verdaccio.once('exit', resolve))
    verdaccio.kill('SIGTERM')
    await exited
  }
  if (work) rmSync(work, { recursive: true, force: true })
})

it('builds after every published package: each is a devDependency of the smoke package', () => {
  const own = JSON.parse(readFileSync(join(root, 'scripts', 'release-smoke', 'package.json'), 'utf8'))
  const names = PUBLISHED.map((dir) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).name)
  expect(names.filter((name) => own.devDependencies?.[name] !== 'workspace:^')).toEqual([])
})

describe.each(Object.entries(seeds))('@taskbridge/%s installed alone from the registry', (adapter, seed) => {
  let project

  beforeAll(async () => {
    project = await consumer(`consumer-${adapter}`, [`@taskbridge/${adapter}`])
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
      orkes: 'createOrkesAdapter',
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

describe(`on the oldest Node the packages declare (${oldestDeclaredNode()})`, () => {
  const nodeVersion = oldestDeclaredNode()
  let oldEnv
  let project

  beforeAll(async () => {
    const bin = await installNode(nodeVersion)
    oldEnv = { ...env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' }
    // npm itself runs on that Node here, and refuses any package (ours or a dependency) whose engines exclude it.
    const packages = [
      '@taskbridge/wexa',
      '@taskbridge/xpander',
      '@taskbridge/orkes',
      '@taskbridge/a2a',
      '@taskbridge/mcp',
      '@taskbridge/cli',
    ]
    project = await consumer('consumer-oldest-node', packages, { ...oldEnv, npm_config_engine_strict: 'true' })
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
    project = await consumer('consumer-bullmq', ['@taskbridge/bullmq'])
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
    project = await consumer('consumer-cli', ['@taskbridge/cli'])
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
