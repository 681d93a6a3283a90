// Prints what each published package's entry points export, one line per
// entry point: the runtime names (read by importing the built module), then
// the type-only names (read from the built declarations), then which of them
// are deprecated (a TSDoc `@deprecated` on the declaration). Run after a
// build; used to record a package surface before and after a change.
//   node scripts/list-exports.mjs [--json]
// apps/docs/test/export-surfaces.test.ts pins the result, so a surface change is deliberate.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const DECLARED =
  /^export (?:declare )?(?:abstract )?(?:const|let|var|function\*?|class|interface|type|enum|namespace) (\w+)/gm
const REEXPORT = /^export (type )?\{([^}]*)\}(?: from ['"]([^'"]+)['"])?;?/gm
const STAR = /^export \* (?:as (\w+) )?from ['"]([^'"]+)['"];?/gm
const IMPORT = /^import (?:type )?\{([^}]*)\} from ['"](\.[^'"]+)['"];?/gm

/** Where a bundled declaration file declares `name` itself (it may export it in a list at its end). */
function localDeclaration(text, name) {
  const declaration = new RegExp(
    `^(?:export )?(?:declare )?(?:abstract )?(?:const|let|var|function\\*?|class|interface|type|enum|namespace) ${name}\\b`,
    'm',
  )
  return declaration.exec(text)?.index
}

/** Local names a file imports from its own package's files (bundled chunks): local name → [file, exported name]. */
function localImports(file, text) {
  const imports = new Map()
  for (const [, list, specifier] of text.matchAll(IMPORT)) {
    for (const item of list.split(',')) {
      const entry = item.trim().replace(/^type /, '')
      if (entry === '') continue
      const [name, local = name] = entry.split(/\s+as\s+/)
      imports.set(local, [declarationPath(file, specifier), name])
    }
  }
  return imports
}

function declarationPath(from, specifier) {
  const base = resolve(dirname(from), specifier)
  for (const candidate of [base.replace(/\.m?js$/, '.d.ts'), `${base}.d.ts`, join(base, 'index.d.ts')]) {
    if (existsSync(candidate)) return candidate
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`)
}

/** Whether the TSDoc comment right before `index` says `@deprecated`. */
function isDeprecatedAt(text, index) {
  const before = text.slice(0, index).trimEnd()
  if (!before.endsWith('*/')) return false
  return before.slice(before.lastIndexOf('/**')).includes('@deprecated')
}

const surfaces = new Map()

/**
 * Every name a declaration file exports, following re-exports (a package's
 * `.js` specifiers resolve to its `.d.ts` files; other packages' are not
 * followed), and which of them are deprecated.
 */
function declaredSurface(file) {
  if (surfaces.has(file)) return surfaces.get(file)
  const surface = { names: new Set(), deprecated: new Set() }
  surfaces.set(file, surface)
  const text = readFileSync(file, 'utf8')
  for (const match of text.matchAll(DECLARED)) {
    surface.names.add(match[1])
    if (isDeprecatedAt(text, match.index)) surface.deprecated.add(match[1])
  }
  const imports = localImports(file, text)
  // A list without `from` exports the file's own names: declared in it, or imported from a chunk.
  const isDeprecatedLocal = (name) => {
    const index = localDeclaration(text, name)
    if (index !== undefined) return isDeprecatedAt(text, index)
    const imported = imports.get(name)
    return imported !== undefined && declaredSurface(imported[0]).deprecated.has(imported[1])
  }
  for (const [, , list, specifier] of text.matchAll(REEXPORT)) {
    const source = specifier?.startsWith('.') ? declaredSurface(declarationPath(file, specifier)) : undefined
    for (const item of list.split(',')) {
      const entry = item.trim().replace(/^type /, '')
      if (entry === '') continue
      const [name, alias = name] = entry.split(/\s+as\s+/)
      surface.names.add(alias)
      if (specifier === undefined ? isDeprecatedLocal(name) : source?.deprecated.has(name))
        surface.deprecated.add(alias)
    }
  }
  for (const [, namespace, specifier] of text.matchAll(STAR)) {
    if (namespace) surface.names.add(namespace)
    else if (specifier.startsWith('.')) {
      const source = declaredSurface(declarationPath(file, specifier))
      for (const name of source.names) surface.names.add(name)
      for (const name of source.deprecated) surface.deprecated.add(name)
    }
  }
  surface.names.delete('default')
  return surface
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
    const { names, deprecated } = declaredSurface(join(dir, target.types))
    const types = [...names].filter((name) => !(name in module)).sort()
    entries.push({ entry: `${manifest.name}${subpath.slice(1)}`, runtime, types, deprecated: [...deprecated].sort() })
  }
  return entries
}

/** Each published entry point's runtime names, type-only names and deprecated names, sorted. */
export async function listExports() {
  const all = []
  for (const pkg of publishedPackages()) all.push(...(await entryExports(pkg)))
  return all
}

function print(all) {
  for (const { entry, runtime, types, deprecated } of all) {
    const current = (names) => names.filter((name) => !deprecated.includes(name))
    const [values, typeNames] = [current(runtime), current(types)]
    console.log(
      `${entry}: runtime (${values.length}): ${values.join(' ')} | types (${typeNames.length}): ${typeNames.join(' ')} | deprecated (${deprecated.length}): ${deprecated.join(' ')}`,
    )
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const all = await listExports()
  if (process.argv.includes('--json')) console.log(JSON.stringify(all, null, 2))
  else print(all)
}
