// The local registry of the release smoke test: Verdaccio started on a free
// loopback port, and every published package copied (with its own version,
// without devDependencies) and published to it under the `smoke` tag. Verdaccio proxies other packages (zod, ky)
// from the npm registry, so npm talks to it alone.
import { execFile, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

export const run = promisify(execFile)
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
/** Every workspace package that is not private: what a release publishes. */
export const PUBLISHED = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group))
    .map((name) => `${group}/${name}`)
    .filter((dir) => {
      const manifest = join(root, dir, 'package.json')
      return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).private !== true
    }),
)
const nodeDir = dirname(process.execPath)
/** The pinned Node first on PATH, so npm and node are the ones this test runs on. */
export const env = { ...process.env, PATH: `${nodeDir}:${process.env.PATH}`, npm_config_update_notifier: 'false' }

export async function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** The registry npm uses outside this test: where the runtimes and Verdaccio's uplink come from. */
export async function upstreamRegistry() {
  return (await run('npm', ['config', 'get', 'registry'], { env })).stdout.trim()
}

// A loaded CI machine can take well over 20 s to start Verdaccio: wait up to
// two minutes, but stop at once (with its output) if it exits.
const REGISTRY_START_LIMIT_MS = 120_000

async function waitForRegistry(url, child, output) {
  const deadline = Date.now() + REGISTRY_START_LIMIT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Verdaccio exited (${child.exitCode ?? child.signalCode}) before it answered at ${url}:\n${output()}`,
      )
    }
    try {
      if ((await fetch(`${url}/-/ping`, { signal: AbortSignal.timeout(5_000) })).ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  child.kill()
  throw new Error(`Verdaccio did not answer at ${url} within ${REGISTRY_START_LIMIT_MS / 1000} s:\n${output()}`)
}

function verdaccioConfig(work, upstream) {
  return [
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
  ].join('\n')
}

/** Starts Verdaccio in `work` and signs a user up: `{ url, token, process }`. */
export async function startVerdaccio(work) {
  const port = await freePort()
  const config = join(work, 'verdaccio.yaml')
  writeFileSync(config, verdaccioConfig(work, await upstreamRegistry()))
  const bin = join(root, 'node_modules', 'verdaccio', 'bin', 'verdaccio')
  const child = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk) => {
    output = (output + chunk).slice(-4_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const url = `http://127.0.0.1:${port}`
  await waitForRegistry(url, child, () => output)
  const user = await fetch(`${url}/-/user/org.couchdb.user:smoke`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'smoke', password: 'smoke-password-1', type: 'user', roles: [] }),
  })
  return { url, token: (await user.json()).token, process: child }
}

/** A copy of the workspace's published packages at their own versions, published to the registry under the `smoke` tag. */
export async function publishAll(work, registry, token) {
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
    writeFileSync(join(target, 'package.json'), JSON.stringify(published, null, 2))
  }
  await run('pnpm', ['-r', 'publish', '--no-git-checks', '--tag', 'smoke', '--registry', `${registry}/`], {
    cwd: copy,
    env,
  })
}

/** A fresh project outside the workspace that installs `packages` from the local registry alone. */
export async function consumer(smoke, name, packages, installEnv = env) {
  const dir = join(smoke.work, name)
  mkdirSync(dir)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }))
  writeFileSync(
    join(dir, '.npmrc'),
    `registry=${smoke.registry}/\ncache=${join(smoke.work, 'npm-cache')}\naudit=false\nfund=false\n`,
  )
  // The registry is new for each run and keeps @taskbridge to itself, so the tag is this workspace's version.
  await run('npm', ['install', ...packages.map((pkg) => `${pkg}@smoke`)], { cwd: dir, env: installEnv })
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
