// Fails when a published package changed since its last release and no
// pending changeset names it. `changeset status` does not catch this: it
// gives such a package a dependent patch bump and passes.
//
// "Changed" means any file of the package except its tests and fixtures
// (the README counts: it ships to npm). The last release of a package is its
// newest `<name>@<version>` tag, as `changeset publish` writes them, or else
// the commit that last set its version (`changeset version`, which in
// pre-release mode moves the changesets it used to .changeset/pre/); before
// the first version every file counts.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904'
const IGNORED = [/(^|\/)test\//, /\.test\.ts$/, /(^|\/)__fixtures__\//, /(^|\/)CHANGELOG\.md$/]

function git(...args) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
}

function publishedPackages() {
  const found = []
  for (const group of ['packages', 'apps']) {
    const dir = join(root, group)
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir)) {
      const manifest = join(dir, name, 'package.json')
      if (!existsSync(manifest)) continue
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'))
      if (!pkg.private) found.push({ name: pkg.name, dir: `${group}/${name}` })
    }
  }
  return found
}

/** Package names named in the frontmatter of pending changesets. */
function namedInChangesets() {
  const dir = join(root, '.changeset')
  const names = new Set()
  for (const file of readdirSync(dir).filter((entry) => entry.endsWith('.md') && entry !== 'README.md')) {
    const frontmatter = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, file), 'utf8'))?.[1] ?? ''
    for (const match of frontmatter.matchAll(/^["']?([^"':]+)["']?\s*:/gm)) names.add(match[1].trim())
  }
  return names
}

/** The commit that last changed the package's version, when it has one other than 0.0.0. */
function lastVersioned(dir) {
  const manifest = join(root, dir, 'package.json')
  if (JSON.parse(readFileSync(manifest, 'utf8')).version === '0.0.0') return undefined
  return git('log', '-1', '--format=%H', '-G', '"version":', '--', `${dir}/package.json`) || undefined
}

function lastRelease(name, dir) {
  const tag = git('tag', '--list', `${name}@*`, '--sort=-creatordate').split('\n').filter(Boolean)[0]
  return tag ?? lastVersioned(dir) ?? EMPTY_TREE
}

const named = namedInChangesets()
const missing = []
for (const { name, dir } of publishedPackages()) {
  if (named.has(name)) continue
  const changed = git('diff', '--name-only', lastRelease(name, dir), '--', dir)
    .split('\n')
    .filter((file) => file && !IGNORED.some((pattern) => pattern.test(file.slice(dir.length + 1))))
  if (changed.length > 0) missing.push({ name, changed })
}

if (missing.length > 0) {
  console.error('These packages changed since their last release, but no changeset names them:')
  for (const { name, changed } of missing) {
    console.error(
      `  ${name}: ${changed.slice(0, 3).join(', ')}${changed.length > 3 ? `, and ${changed.length - 3} more` : ''}`,
    )
  }
  console.error('Add one with `node scripts/bootstrap.mjs changeset` (see RELEASING.md).')
  process.exit(1)
}
console.log(`changesets: every changed package has one (${named.size} named)`)
