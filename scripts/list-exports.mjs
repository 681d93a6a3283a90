// Prints what each published package's entry points export, one line per
// entry point: the runtime names (read by importing the built module), then
// the type-only names (read from the built declarations). Run after a build;
// used to record a package surface before and after a change.
//   node scripts/list-exports.mjs [--json]
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const DECLARED =
  /^export (?:declare )?(?:abstract )?(?:const|let|var|function\*?|class|interface|type|enum|namespace) (\w+)/gm
const REEXPORT = /^export (type )?\{([^}]*)\}(?: from ['"]([^'"]+)['"])?;?/gm
const STAR = /^export \* (?:as (\w+) )?from ['"]([^'"]+)['"];?/gm

function declarationPath(from, specifier) {
  const base = resolve(dirname(from), specifier)
  for (const candidate of [base.replace(/\.m?js$/, '.d.ts'), `${base}.d.ts`, join(base, 'index.d.ts')]) {
    if (existsSync(candidate)) return candidate
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`)
}

/** Every name a declaration file exports, following re-exports. */
function declaredNames(file, seen = new Set()) {
  if (seen.has(file)) return new Set()
  seen.add(file)
  const text = readFileSync(file, 'utf8')
  const names = new Set()
  for (const [, name] of text.matchAll(DECLARED)) names.add(name)
  for (const [, , list] of text.matchAll(REEXPORT)) {
    for (const item of list.split(',')) {
      const entry = item.trim().replace(/^type /, '')
      if (entry === '') continue
      const alias = entry.split(/\s+as\s+/)
      names.add(alias[alias.length - 1])
    }
  }
  for (const [, namespace, specifier] of text.matchAll(STAR)) {
    if (namespace) names.add(namespace)
    else for (const name of declaredNames(declarationPath(file, specifier), seen)) names.add(name)
  }
  names.delete('default')
  return names
}

function publishedPackages() {
  const dirs = readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name))
  dirs.push(join(root, 'apps', 'cli'))
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
}

async function entryExports({ dir, manifest }) {
  const entries = []
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath === './package.json' || typeof target !== 'object') continue
    const module = await import(pathToFileURL(join(dir, target.default)).href)
    const runtime = Object.keys(module).sort()
    const types = [...declaredNames(join(dir, target.types))].filter((name) => !(name in module)).sort()
    entries.push({ entry: `${manifest.name}${subpath.slice(1)}`, runtime, types })
  }
  return entries
}

const all = []
for (const pkg of publishedPackages()) all.push(...(await entryExports(pkg)))
if (process.argv.includes('--json')) console.log(JSON.stringify(all, null, 2))
else {
  for (const { entry, runtime, types } of all) {
    console.log(
      `${entry} (${runtime.length} runtime, ${types.length} types): ${runtime.join(' ')} | types: ${types.join(' ')}`,
    )
  }
}
