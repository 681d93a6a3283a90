// Fails when a declaration exported from a published package's types has no
// TSDoc comment: every public export is documented. Reads the built `.d.ts`
// files, so it runs after the build.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const EXPORTED = /^export (?:declare )?(?:abstract )?(?:const|function|class|interface|type) (\w+)/

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
    const lines = readFileSync(file, 'utf8').split('\n')
    lines.forEach((line, index) => {
      const match = EXPORTED.exec(line)
      if (!match) return
      let previous = index - 1
      while (previous >= 0 && lines[previous].trim() === '') previous--
      if (previous < 0 || !lines[previous].trim().endsWith('*/')) {
        undocumented.push(`${relative(root, file)}:${index + 1} ${match[1]}`)
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
