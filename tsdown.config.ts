// The build of every published package (each package's `build` script runs
// `tsdown -c ../../tsdown.config.ts` in its own folder). Each entry point its
// package.json names, in `exports` or `bin`, becomes one ESM file with one
// declaration file, both with source maps; dependencies stay imports, so a
// dynamic `import('ky')` stays lazy. Top-level calls are marked pure, so the
// one file tree-shakes like the modules it was made from (scripts/mark-pure.ts).
// Declarations come from isolated declarations (oxc, no type check): `tsc`
// checks types in the `typecheck` tasks.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'tsdown'
import { markTopLevelCallsPure } from './scripts/mark-pure.ts'

type Target = string | { default?: string }

interface Manifest {
  exports?: Record<string, Target>
  bin?: string | Record<string, string>
}

const DIST_FILE = /^\.\/dist\/(.+)\.js$/

/** `./dist/<name>.js` in package.json → `<name>: src/<name>.ts`. */
function entryPoints(manifest: Manifest): Record<string, string> {
  const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {})
  const targets = Object.values(manifest.exports ?? {}).map((target) =>
    typeof target === 'string' ? target : target.default,
  )
  const entries: Record<string, string> = {}
  for (const target of [...targets, ...bins]) {
    const name = target?.match(DIST_FILE)?.[1]
    if (name) entries[name] = `src/${name}.ts`
  }
  if (Object.keys(entries).length === 0) throw new Error('package.json names no ./dist/*.js entry point')
  return entries
}

const manifest: Manifest = JSON.parse(readFileSync('package.json', 'utf8'))

export default defineConfig({
  cwd: process.cwd(),
  entry: entryPoints(manifest),
  tsconfig: resolve('tsconfig.build.json'),
  format: 'esm',
  platform: 'node',
  target: 'es2023',
  fixedExtension: false,
  hash: false,
  sourcemap: true,
  dts: { generator: 'oxc', sourcemap: true },
  plugins: [markTopLevelCallsPure()],
  outputOptions: {
    // Code that entry points share (index and internal, testkit's three, the CLI's two) goes to one chunk, named as such.
    chunkFileNames: '[name]-shared.js',
    comments: { jsdoc: false, annotation: true, legal: true },
  },
  report: false,
  logLevel: 'warn',
})
