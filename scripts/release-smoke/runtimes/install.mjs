// The runtimes of the matrix, each installed from the npm registry into the
// test's temporary folder (nothing cached elsewhere): Node of the oldest
// version the packages declare, and the `bun`, `deno` and `workerd` packages,
// whose binaries come as optional platform packages. Install scripts are not
// run: the binaries are taken from the platform packages themselves.
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { env, PUBLISHED, root, run, upstreamRegistry } from '../registry.mjs'

/** The runtimes installed from the registry, at the versions the matrix shows. */
export const RUNTIME_PACKAGES = Object.freeze({
  bun: { version: '1.4.5', binary: 'bin/bun' },
  deno: { version: '2.9.6', binary: 'deno' },
  workerd: { version: '1.20261123.1', binary: 'bin/workerd' },
})

/** The oldest Node every published package accepts: the highest of their `engines.node` lower bounds. */
export function oldestDeclaredNode() {
  const bounds = PUBLISHED.map((dir) => {
    const range = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).engines?.node
    const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range ?? '')
    if (!match) throw new Error(`${dir}: engines.node must be ">=x.y.z", got ${JSON.stringify(range)}`)
    return match.slice(1, 4).map((part) => Number(part ?? 0))
  })
  const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
  return bounds.sort(compare).at(-1).join('.')
}

async function npmInstall(prefix, specs) {
  mkdirSync(prefix, { recursive: true })
  const args = ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--ignore-scripts']
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error', `--cache=${join(prefix, '.npm-cache')}`]
  await run('npm', [...args, '--registry', await upstreamRegistry(), ...quiet, ...specs], { env })
}

/** That Node version's bin folder, from the npm registry's platform package (as scripts/bootstrap.mjs gets the pinned one). */
export async function installNode(work, version) {
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch]
  const os = { linux: 'linux', darwin: 'darwin' }[process.platform]
  const prefix = join(work, `node-${version}`)
  await npmInstall(prefix, [`node-${os}-${arch}@${version}`])
  return join(prefix, 'node_modules', `node-${os}-${arch}`, 'bin')
}

/** The binary of `name` in whichever of its platform packages npm installed for this machine. */
function platformBinary(prefix, name) {
  const manifest = JSON.parse(readFileSync(join(prefix, 'node_modules', name, 'package.json'), 'utf8'))
  for (const platformPackage of Object.keys(manifest.optionalDependencies ?? {})) {
    const binary = join(prefix, 'node_modules', platformPackage, RUNTIME_PACKAGES[name].binary)
    if (existsSync(binary)) return binary
  }
  throw new Error(`npm installed no platform package of ${name} for ${process.platform}-${process.arch}`)
}

/**
 * Installs Bun, Deno and workerd in one npm run: `{ bun, deno, workerd }`,
 * each `{ binary }` or `{ error }` (a runtime that could not be installed
 * fails its row of the matrix, naming why).
 */
export async function installRuntimes(work) {
  const prefix = join(work, 'runtimes')
  const names = Object.keys(RUNTIME_PACKAGES)
  try {
    await npmInstall(
      prefix,
      names.map((name) => `${name}@${RUNTIME_PACKAGES[name].version}`),
    )
  } catch (error) {
    const reason = `npm install from the registry failed: ${error.stderr?.trim() || error.message}`
    return Object.fromEntries(names.map((name) => [name, { error: reason }]))
  }
  return Object.fromEntries(
    names.map((name) => {
      try {
        return [name, { binary: platformBinary(prefix, name) }]
      } catch (error) {
        return [name, { error: error.message }]
      }
    }),
  )
}
