// After `changeset version` bumps package.json versions: writes each
// package's version into its src/version.ts (the User-Agent's version), so
// the constant never drifts. A test per adapter checks the two agree.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const packages = new URL('../packages/', import.meta.url)
for (const name of readdirSync(packages)) {
  const dir = new URL(`${name}/`, packages)
  let source
  try {
    source = readFileSync(new URL('src/version.ts', dir), 'utf8')
  } catch {
    continue
  }
  const { version } = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'))
  const updated = source.replace(/PACKAGE_VERSION = '[^']*'/, `PACKAGE_VERSION = '${version}'`)
  if (updated !== source) {
    writeFileSync(new URL('src/version.ts', dir), updated)
    console.log(`${join('packages', name, 'src/version.ts')}: ${version}`)
  }
}
