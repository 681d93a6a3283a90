// The site includes repository files (package READMEs, docs/, RELEASING.md…)
// whole; their links to those files, on GitHub or relative, must lead to the
// site's page for them instead, so readers stay on the site.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const docsRoot = fileURLToPath(new URL('..', import.meta.url))
const repositoryRoot = resolve(docsRoot, '../..')
const SKIPPED = new Set(['node_modules', '.vitepress', 'api', 'test', 'public', 'reports', '.snippets'])
const INCLUDE = /<!--@include: ([^\s{#]+?)-->/g
/** A link to a file of this repository on GitHub: `…/blob/main/docs/x.md#part` gives `docs/x.md`. */
export const GITHUB_FILE = /^https:\/\/github\.com\/taskbridge\/taskbridge\/(?:blob|tree)\/[^/]+\/([^#?]*)/

function pagesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : pagesUnder(join(directory, entry.name))
    return entry.name.endsWith('.md') ? [join(directory, entry.name)] : []
  })
}

function routeOf(page: string): string {
  const path = relative(docsRoot, page).split('\\').join('/').replace(/\.md$/, '')
  return `/${path.replace(/(^|\/)index$/, '$1')}`
}

/** The repository files a page includes, as repository paths (`packages/core/README.md`). */
function includesOf(page: string): string[] {
  return [...readFileSync(page, 'utf8').matchAll(INCLUDE)].map(([, target = '']) =>
    relative(repositoryRoot, resolve(dirname(page), target))
      .split('\\')
      .join('/'),
  )
}

/** Repository files whose text moved to a site page, leaving a pointer behind: links to them lead to the page. */
const MOVED_TO_SITE: Readonly<Record<string, string>> = { 'docs/writing-an-adapter.md': '/guide/writing-an-adapter' }

/** Repository path → the route of the site page that includes it (the first page, in path order), or took its text. */
export function includedFiles(): Map<string, string> {
  const included = new Map<string, string>(Object.entries(MOVED_TO_SITE))
  for (const page of pagesUnder(docsRoot).sort()) {
    for (const file of includesOf(page)) if (!included.has(file)) included.set(file, routeOf(page))
  }
  return included
}

/** The site route for a repository path, a folder standing for its README. */
function routeFor(included: Map<string, string>, path: string): string | undefined {
  const file = path.replace(/\/$/, '')
  return included.get(file) ?? included.get(`${file}/README.md`)
}

/**
 * The site link for `href` found in `page` (relative to apps/docs), or
 * undefined to keep it: a GitHub link to an included file, or a relative link
 * written in an included file (relative to that file, which VitePress cannot
 * know once the include is expanded).
 */
export function siteLinkFor(included: Map<string, string>, page: string, href: string): string | undefined {
  const [, fragment = ''] = href.split(/(?=#)/)
  const github = GITHUB_FILE.exec(href)
  if (github) {
    const route = routeFor(included, github[1] ?? '')
    return route && route + fragment
  }
  if (/^[a-z]+:|^\/|^#/i.test(href)) return undefined
  const target = href.replace(/#.*$/, '')
  const pageFile = join(docsRoot, page)
  // A page's own link to a file beside it: VitePress resolves that one.
  if (existsSync(resolve(dirname(pageFile), target))) return undefined
  for (const file of includesOf(pageFile)) {
    const found = routeFor(included, posix.normalize(posix.join(posix.dirname(file), target)))
    if (found) return found + fragment
  }
  const direct = routeFor(
    included,
    relative(repositoryRoot, resolve(dirname(pageFile), target))
      .split('\\')
      .join('/'),
  )
  return direct && direct + fragment
}

interface LinkToken {
  type: string
  children: LinkToken[] | null
  attrGet(name: string): string | null
  attrSet(name: string, value: string): void
}

/** markdown-it plugin: rewrites such links before VitePress checks and renders them. */
export function repositoryLinks(md: {
  core: {
    ruler: { push(name: string, rule: (state: { tokens: LinkToken[]; env: { relativePath?: string } }) => void): void }
  }
}): void {
  const included = includedFiles()
  md.core.ruler.push('repository-links', (state) => {
    const page = state.env.relativePath ?? ''
    for (const token of state.tokens) {
      for (const child of token.children ?? []) {
        if (child.type !== 'link_open') continue
        const href = child.attrGet('href')
        const link = href && siteLinkFor(included, page, href)
        if (link) child.attrSet('href', link)
      }
    }
  })
}
