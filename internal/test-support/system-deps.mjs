#!/usr/bin/env node
// The system packages the test suites need (Chromium for the docs pages,
// redis-server for the distributed watcher), installed once with apt-get
// before any suite runs. The suites and the bench only check that the binary
// is there (`requireSystemBinary`), so no two apt-get runs ever race for the
// dpkg lock. Plain JavaScript for any Node: `node internal/test-support/system-deps.mjs`.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Each binary a suite runs, and the Debian package that brings it. */
export const SYSTEM_PACKAGES = Object.freeze({
  chromium: Object.freeze({
    binary: '/usr/bin/chromium',
    debian: 'chromium',
    usedBy: 'the docs pages test and the release smoke test',
  }),
  'redis-server': Object.freeze({
    binary: '/usr/bin/redis-server',
    debian: 'redis-server',
    usedBy: 'the distributed watcher test and benchmark 9',
  }),
})

/** The step that installs them, as a person would run it. */
export const INSTALL_STEP = 'node internal/test-support/system-deps.mjs'

/** How long apt-get waits for another apt-get or dpkg to let go of its lock. */
const LOCK_TIMEOUT_SECONDS = 900

/** The names whose binary is missing. */
export function missingPackages(names = Object.keys(SYSTEM_PACKAGES), exists = existsSync) {
  return names.filter((name) => !exists(SYSTEM_PACKAGES[name].binary))
}

/** The binary's path; throws an error naming the install step when it is missing. */
export function requireSystemBinary(name, exists = existsSync) {
  const entry = SYSTEM_PACKAGES[name]
  if (!entry) throw new Error(`unknown system package ${name}`)
  if (!exists(entry.binary)) {
    throw new Error(
      `${entry.binary} is missing: ${entry.usedBy} needs Debian's ${entry.debian} package. ` +
        `\`npm test\` installs it in its first step; alone, run \`${INSTALL_STEP}\` ` +
        `(or \`apt-get install ${entry.debian}\` as root).`,
    )
  }
  return entry.binary
}

/** Why apt-get cannot be used here, or undefined when it can. */
export function aptUnavailableReason(uid = process.getuid?.(), hasAptGet = existsSync('/usr/bin/apt-get')) {
  if (!hasAptGet) return 'this machine has no apt-get'
  if (uid !== 0) return 'installing needs root, and this process is not root'
  return undefined
}

function aptGet(args, log) {
  const options = ['-o', `DPkg::Lock::Timeout=${LOCK_TIMEOUT_SECONDS}`, '-qq']
  const result = spawnSync('apt-get', [...options, ...args], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (result.status !== 0) {
    log(result.stdout)
    log(result.stderr)
    throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status ?? result.error?.message})`)
  }
}

/**
 * Installs the missing packages with apt-get (update first), waiting for a dpkg lock another
 * apt-get holds instead of failing. Returns the names installed; throws with the packages to
 * install by hand when apt-get cannot be used.
 */
export function ensureSystemPackages(names = Object.keys(SYSTEM_PACKAGES), log = (text) => process.stderr.write(text)) {
  const missing = missingPackages(names)
  if (missing.length === 0) return []
  const debian = missing.map((name) => SYSTEM_PACKAGES[name].debian)
  const unavailable = aptUnavailableReason()
  if (unavailable) {
    throw new Error(
      `missing: ${missing.map((name) => SYSTEM_PACKAGES[name].binary).join(', ')}; ${unavailable}. ` +
        `Install Debian's ${debian.join(' and ')} package${debian.length > 1 ? 's' : ''} ` +
        `(\`sudo apt-get install ${debian.join(' ')}\`, or your system's equivalent).`,
    )
  }
  log(`system packages: installing ${debian.join(', ')} with apt-get (update first; waits for the dpkg lock)\n`)
  const started = Date.now()
  aptGet(['update'], log)
  aptGet(['install', '-y', '--no-install-recommends', ...debian], log)
  const still = missingPackages(missing)
  if (still.length > 0)
    throw new Error(`apt-get installed ${debian.join(', ')}, but ${still.join(', ')} is still missing`)
  log(`system packages: ${debian.join(', ')} installed in ${Math.round((Date.now() - started) / 1000)} s\n`)
  return missing
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2)
  try {
    const installed = ensureSystemPackages(names.length > 0 ? names : undefined)
    if (installed.length === 0) console.error('system packages: chromium and redis-server are installed')
  } catch (error) {
    console.error(`system packages: ${error.message}`)
    process.exit(1)
  }
}
