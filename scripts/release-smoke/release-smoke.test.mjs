// Publishes every package to a real local registry (Verdaccio) and installs
// them, one adapter at a time, into fresh projects outside the workspace with
// plain npm, as users will. Versions are set to a throwaway prerelease in a
// temporary copy; the repository is never touched. Verdaccio proxies other
// packages (zod, ky) from the npm registry, so npm talks to it alone.
import { execFile, spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const PUBLISHED = [
  'packages/core',
  'packages/provider-utils',
  'packages/testkit',
  'packages/wexa',
  'packages/xpander',
  'packages/orkes',
  'apps/cli',
]
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
  cpSync(join(root, 'package.json'), join(copy, 'package.json'))
  writeFileSync(join(copy, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n  - apps/*\n')
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
    writeFileSync(join(target, 'package.json'), JSON.stringify({ ...manifest, version }, null, 2))
  }
  await run('pnpm', ['-r', 'publish', '--no-git-checks', '--tag', 'smoke', '--registry', `${registry}/`], {
    cwd: copy,
    env,
  })
}

/** A fresh project outside the workspace that installs `packages` from the local registry alone. */
async function consumer(name, packages) {
  const dir = join(work, name)
  mkdirSync(dir)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }))
  writeFileSync(
    join(dir, '.npmrc'),
    `registry=${registry}/\ncache=${join(work, 'npm-cache')}\naudit=false\nfund=false\n`,
  )
  await run('npm', ['install', ...packages.map((pkg) => `${pkg}@${version}`)], { cwd: dir, env })
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

async function node(dir, file, source) {
  writeFileSync(join(dir, file), source)
  return (await run(process.execPath, [file], { cwd: dir, env })).stdout.trim()
}

const seeds = {
  wexa: { parse: 'parseWexaTask', fixture: 'packages/wexa/test/fixtures/get-task-by-id.json', status: 'completed' },
  xpander: {
    parse: 'parseXpanderTask',
    fixture: 'packages/xpander/test/fixtures/completedMarkdown.json',
    status: 'completed',
  },
  orkes: { parse: 'parseOrkesTask', fixture: 'packages/orkes/test/fixtures/get-task-by-id.json', status: 'completed' },
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

describe.each(Object.entries(seeds))('@taskbridge/%s installed alone from the registry', (adapter, seed) => {
  let project

  beforeAll(async () => {
    project = await consumer(`consumer-${adapter}`, [`@taskbridge/${adapter}`])
    writeFileSync(join(project.dir, 'seed.json'), readFileSync(join(root, seed.fixture)))
    console.log(`@taskbridge/${adapter} installed: ${project.installed.join(', ')}`)
  }, 300_000)

  it('brings only itself, core, provider-utils and their declared dependencies', () => {
    expect(project.installed).toEqual(
      [`@taskbridge/${adapter}`, '@taskbridge/core', '@taskbridge/provider-utils', 'ky', 'zod'].sort(),
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
    const factory = { wexa: 'createWexaAdapter', xpander: 'createXpanderAdapter', orkes: 'createOrkesAdapter' }[adapter]
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

describe('@taskbridge/cli installed from the registry', () => {
  let project

  beforeAll(async () => {
    project = await consumer('consumer-cli', ['@taskbridge/cli'])
  }, 300_000)

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
    expect(stdout).toContain('5. A typed error')
    expect(stdout).toMatch(/demo finished in/)
  })
})
