// The TypeScript snippets of the documentation site, as its pages show them.
//
// Every ```ts block on a page, and in the files a page includes with
// `<!--@include: …-->`, is a snippet. A block right after
// `<!-- snippet: NAME -->` joins the other blocks of that name in document
// order (so a page can build one program across several blocks); any other
// block is a program of its own. `<!-- snippet: NAME run -->` also marks the
// program to be run against the emulators (see test/snippets.test.ts).
//
// `node apps/docs/snippets.mjs [page.md …]` compiles the snippets of the given
// pages (all pages when none is given) and prints what tsc says.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const docsRoot = fileURLToPath(new URL('.', import.meta.url))
export const repositoryRoot = resolve(docsRoot, '../..')

// api/ is TypeDoc's output: its blocks are signatures and the TSDoc's own examples, not the pages' snippets.
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.vitepress', 'reports', 'test', 'public', '.snippets', 'api'])
const INCLUDE = /<!--@include: ([^\s]+?)-->/g
const BLOCK = /(?:<!-- snippet: ([\w-]+)( run)? -->\s*)?^```ts[^\n]*\n([\s\S]*?)^```/gm

/** The site's pages: every .md under apps/docs but the build, test and report folders. */
export function sitePages(directory = docsRoot) {
  const pages = []
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) pages.push(...sitePages(join(directory, entry.name)))
    } else if (entry.name.endsWith('.md')) pages.push(join(directory, entry.name))
  }
  return pages.sort()
}

/** A page's text with its includes expanded, as VitePress renders it. */
export function expandedText(file) {
  const text = readFileSync(file, 'utf8')
  return text.replace(INCLUDE, (_, target) => expandedText(resolve(dirname(file), target)))
}

function slug(file) {
  return relative(docsRoot, file)
    .replace(/\.md$/, '')
    .replace(/[^\w]+/g, '-')
}

/**
 * The snippets of `pages`: name → { code, run, sources }. Named snippets join
 * across pages; unnamed ones are called `<page>-<n>`.
 */
export function collectSnippets(pages = sitePages()) {
  const snippets = new Map()
  for (const page of pages) {
    let unnamed = 0
    for (const [, name, run, code] of expandedText(page).matchAll(BLOCK)) {
      const key = name ?? `${slug(page)}-${++unnamed}`
      const snippet = snippets.get(key) ?? { code: '', run: false, sources: new Set() }
      snippet.code += `${code}\n`
      snippet.run ||= Boolean(run)
      snippet.sources.add(relative(repositoryRoot, page))
      snippets.set(key, snippet)
    }
  }
  return snippets
}

/** The compiler options of a strict consumer: what the snippets must compile under. */
export const STRICT_COMPILER_OPTIONS = {
  target: 'es2023',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  types: ['node'],
  lib: ['es2023', 'dom'],
}

/**
 * Writes each snippet to `<work>/<name>.ts` (under apps/docs, so the
 * packages resolve from its node_modules) and compiles them all with tsc.
 */
export function compileSnippets(snippets, work = join(docsRoot, '.snippets')) {
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  for (const [name, { code }] of snippets) writeFileSync(join(work, `${name}.ts`), code)
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: STRICT_COMPILER_OPTIONS, include: ['*.ts'] }, null, 2),
  )
  const tsc = join(repositoryRoot, 'node_modules', '.bin', 'tsc')
  const result = spawnSync(tsc, ['-p', work], { cwd: work, encoding: 'utf8' })
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, work }
}

if (process.argv[1] && basename(process.argv[1]) === 'snippets.mjs') {
  const pages = process.argv.slice(2).map((file) => resolve(file))
  const snippets = collectSnippets(pages.length > 0 ? pages : sitePages())
  const { status, output } = compileSnippets(snippets)
  const runnable = [...snippets].filter(([, snippet]) => snippet.run).length
  process.stdout.write(output)
  console.log(`${snippets.size} snippets compiled (${runnable} marked to run): ${status === 0 ? 'ok' : 'errors above'}`)
  process.exitCode = status === 0 ? 0 : 1
}
