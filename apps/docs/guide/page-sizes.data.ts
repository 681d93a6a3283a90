// Each adapter's default and largest page size, read from the constants its
// listing code clamps with when the site is built. The adapters do not export
// them, so this reads their sources, and fails the build when a constant moves.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface PageSizeRow {
  adapter: string
  package: string
  defaultSize: number
  maxSize: number
}

const ADAPTERS: [adapter: string, folder: string][] = [
  ['Wexa', 'wexa'],
  ['xpander.ai', 'xpander'],
  ['Orkes (tasks or workflows)', 'orkes'],
  ['Agent2Agent', 'a2a'],
]

function constant(folder: string, name: string): number {
  const source = fileURLToPath(new URL(`../../../packages/${folder}/src/`, import.meta.url))
  for (const file of readdirSync(source).filter((entry) => entry.endsWith('.ts'))) {
    const found = new RegExp(`^const ${name} = (\\d+)$`, 'm').exec(readFileSync(join(source, file), 'utf8'))
    if (found) return Number(found[1])
  }
  throw new Error(`packages/${folder}/src has no "const ${name} = <number>": update guide/page-sizes.data.ts`)
}

export function pageSizeRows(): PageSizeRow[] {
  return ADAPTERS.map(([adapter, folder]) => ({
    adapter,
    package: `@taskbridge/${folder}`,
    defaultSize: constant(folder, 'DEFAULT_PAGE_SIZE'),
    maxSize: constant(folder, 'MAX_PAGE_SIZE'),
  }))
}

export default { load: pageSizeRows }
