// Fails when a declaration exported from a published package's types has no
// TSDoc comment: every public export is documented. Reads the built `.d.ts`
// files, so it runs after the build. A bundled declaration file exports some
// declarations where they stand (`export declare function f`) and others in a
// list at its end (`export { type A, b as c }`): both count.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const DECLARATION = /^(export )?(?:declare )?(?:abstract )?(?:const|function|class|interface|type|enum) (\w+)/
const EXPORT_LIST = /^export (?:type )?\{([^}]*)\}(?! from)/gm

/** The local names a file's `export { … }` lists export (`type A` → A, `b as c` → b). */
function listedExports(text) {
  const names = new Set()
  for (const [, list] of text.matchAll(EXPORT_LIST)) {
    for (const item of list.split(',')) {
      const local = item
        .trim()
        .replace(/^type /, '')
        .split(' as ')[0]
      if (local) names.add(local)
    }
  }
  return names
}

function declarationFiles(dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return declarationFiles(path)
    return entry.name.endsWith('.d.ts') ? [path] : []
  })
}

const undocumented = []
for (const name of readdirSync(join(root, 'packages'))) {
  const manifest = join(root, 'packages', name, 'package.json')
  if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).private) continue
  for (const file of declarationFiles(join(root, 'packages', name, 'dist'))) {
    const text = readFileSync(file, 'utf8')
    const listed = listedExports(text)
    const lines = text.split('\n')
    lines.forEach((line, index) => {
      const match = DECLARATION.exec(line)
      if (!match || !(match[1] || listed.has(match[2]))) return
      let previous = index - 1
      while (previous >= 0 && lines[previous].trim() === '') previous--
      if (previous < 0 || !lines[previous].trim().endsWith('*/')) {
        undocumented.push(`${relative(root, file)}:${index + 1} ${match[2]}`)
      }
    })
  }
}

if (undocumented.length > 0) {
  console.error('These exports have no TSDoc comment:')
  for (const entry of undocumented) console.error(`  ${entry}`)
  process.exit(1)
}
console.log('docs: every exported declaration has TSDoc')
