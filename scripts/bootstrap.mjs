#!/usr/bin/env node
// Runs pnpm with the repository's pinned toolchain, installing that toolchain
// first when the machine's own is missing or too old.
//
//   node scripts/bootstrap.mjs <pnpm arguments…>
//
// Plain JavaScript with no dependencies on purpose: it must run on the oldest
// Node a contributor may have (the system Node 20), before anything else is
// installed. The pinned Node comes from the npm registry's platform package
// (node-<os>-<arch>, which holds the binary and needs no install script) and
// pnpm from its npm package (whose native binary is an optional dependency),
// so the only network the bootstrap needs is the npm registry. Corepack is not
// used: it fails signature verification on machines like ours.
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const toolchainDir = join(root, '.toolchain')
const binDir = join(toolchainDir, 'bin')

const pinnedNode = readFileSync(join(root, '.node-version'), 'utf8').trim()
const packageManager = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager
const pinnedPnpm = /^pnpm@(\d+\.\d+\.\d+)$/.exec(packageManager)?.[1]
if (!pinnedPnpm) fail(`package.json "packageManager" must be pnpm@x.y.z, got ${packageManager}`)

function log(message) {
  process.stderr.write(`[bootstrap] ${message}\n`)
}

function fail(message) {
  log(`error: ${message}`)
  process.exit(1)
}

function parseVersion(text) {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(text ?? '')
  return match ? match.slice(1, 4).map(Number) : undefined
}

function compareVersions(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}

/** The same major line as the pin and not older than it. */
function nodeIsUsable(version) {
  const have = parseVersion(version)
  const want = parseVersion(pinnedNode)
  return have !== undefined && have[0] === want[0] && compareVersions(have, want) >= 0
}

function commandVersion(command) {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}

function platformTriple() {
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch]
  const os = { linux: 'linux', darwin: 'darwin' }[process.platform]
  if (!arch || !os)
    fail(
      `no pinned toolchain for ${process.platform}-${process.arch}; install Node ${pinnedNode} and pnpm ${pinnedPnpm} yourself`,
    )
  return { os, arch }
}

function readMarker() {
  try {
    return JSON.parse(readFileSync(join(toolchainDir, 'versions.json'), 'utf8'))
  } catch {
    return undefined
  }
}

/** Installs the pinned Node and pnpm into .toolchain/ unless it already holds them. */
function ensureToolchain(needNode, needPnpm) {
  const { os, arch } = platformTriple()
  const marker = readMarker()
  const wanted = { node: needNode ? pinnedNode : null, pnpm: needPnpm ? pinnedPnpm : null, os, arch }
  if (marker && JSON.stringify(marker) === JSON.stringify(wanted)) return
  rmSync(toolchainDir, { recursive: true, force: true })
  mkdirSync(binDir, { recursive: true })
  const specs = []
  if (needNode) specs.push(`node-${os}-${arch}@${pinnedNode}`)
  if (needPnpm) specs.push(`pnpm@${pinnedPnpm}`)
  log(`installing ${specs.join(' and ')} from the npm registry into .toolchain/ (first run only)`)
  log('a cold download of Node can take a few minutes; later runs reuse the folder')
  const started = Date.now()
  const ticker = setInterval(() => log(`still downloading… ${Math.round((Date.now() - started) / 1000)} s`), 15_000)
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      toolchainDir,
      '--no-save',
      '--no-package-lock',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...specs,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  clearInterval(ticker)
  if (result.status !== 0) fail('npm could not install the toolchain (see the npm output above)')
  const modules = join(toolchainDir, 'node_modules')
  if (needNode) symlinkSync(join(modules, `node-${os}-${arch}`, 'bin', 'node'), join(binDir, 'node'))
  if (needPnpm) {
    // pnpm's npm package ships its native binary as an optional dependency;
    // link that binary so pnpm starts without going through Node.
    const native = join(modules, '@pnpm', `exe.${os}-${arch}`, 'pnpm')
    if (!existsSync(native)) fail(`pnpm's native binary is missing at ${native}`)
    symlinkSync(native, join(binDir, 'pnpm'))
  }
  writeFileSync(join(toolchainDir, 'versions.json'), JSON.stringify(wanted))
  log(`toolchain ready in ${Math.round((Date.now() - started) / 1000)} s`)
}

function lockfileHash() {
  const lockfile = join(root, 'pnpm-lock.yaml')
  const text = existsSync(lockfile) ? readFileSync(lockfile) : ''
  return createHash('sha256').update(text).update(pinnedNode).update(pinnedPnpm).digest('hex')
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
function ensureDependencies(env) {
  const stamp = join(root, 'node_modules', '.taskbridge-install')
  const hash = lockfileHash()
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return
  log('installing dependencies (pnpm install --frozen-lockfile)')
  const started = Date.now()
  // pnpm's own report is shown only when the install fails: a first `npm run
  // demo` should print the bootstrap's progress and then the demo.
  const result = spawnSync('pnpm', ['install', '--frozen-lockfile'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`)
    fail(`pnpm install failed${result.error ? `: ${result.error.message}` : ''}`)
  }
  writeFileSync(stamp, hash)
  log(`dependencies ready in ${Math.round((Date.now() - started) / 1000)} s`)
}

const needNode = !nodeIsUsable(process.versions.node)
const needPnpm = commandVersion('pnpm') !== pinnedPnpm
if (needNode || needPnpm) ensureToolchain(needNode, needPnpm)
const env = {
  ...process.env,
  PATH: needNode || needPnpm ? `${binDir}:${process.env.PATH}` : process.env.PATH,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
}
const nodeVersion = commandVersion(needNode ? join(binDir, 'node') : process.execPath)
log(`node ${nodeVersion}, pnpm ${pinnedPnpm}${needNode || needPnpm ? ' (from .toolchain/)' : ' (from the system)'}`)
const args = process.argv.slice(2)
// Commands that change dependencies install them themselves.
if (!['install', 'i', 'add', 'remove', 'update', 'up'].includes(args[0])) ensureDependencies(env)
if (args.length === 0) process.exit(0)
const child = spawn('pnpm', args, { cwd: root, env, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
