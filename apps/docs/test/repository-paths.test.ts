// Every repository path a page names (`packages/core/src/watch.ts`,
// `apps/cli/`, a GitHub link into this repository) must exist, so a renamed
// or deleted file cannot stay in the docs. Reads the pages' text as VitePress
// renders it (includes expanded); no build, no browser.
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { expandedText, repositoryRoot, sitePages } from '../snippets.mjs'

// A path starts a word (not inside another site's URL) or follows this repository's GitHub address.
const BARE_PATH = /(?<![\w/.@-])((?:packages|apps)\/[\w.@-]+(?:\/[\w.@-]+)*\/?)/g
const GITHUB_PATH = /github\.com\/taskbridge\/taskbridge\/(?:blob|tree)\/main\/([\w.@/-]+)/g
// Placeholders and globs (`packages/<name>/`, `packages/*/src`) name no one file.
const PLACEHOLDER = /[<>*{}]|\/x\b/

/** The repository paths a page's text names, trailing punctuation removed. */
function repositoryPaths(text: string): string[] {
  const found = [...text.matchAll(BARE_PATH), ...text.matchAll(GITHUB_PATH)].map((match) =>
    (match[1] as string).replace(/[.,:;)]+$/, ''),
  )
  return [...new Set(found)].filter((path) => !PLACEHOLDER.test(path))
}

describe('repository paths named by the pages', () => {
  it('finds the paths a sentence, a code span and a GitHub link name, and skips other sites and placeholders', () => {
    const text = [
      'see `packages/core/src/watch.ts`, and apps/cli/.',
      'https://github.com/taskbridge/taskbridge/tree/main/examples/custom-adapter',
      'https://github.com/someone/else/tree/main/packages/sdk',
      'each `packages/<name>/README.md`',
    ].join('\n')
    expect(repositoryPaths(text)).toEqual(['packages/core/src/watch.ts', 'apps/cli/', 'examples/custom-adapter'])
  })

  it.for(sitePages().map((page) => relative(join(repositoryRoot, 'apps/docs'), page)))(
    '%s names only paths that exist',
    (page, { expect }) => {
      const missing = repositoryPaths(expandedText(join(repositoryRoot, 'apps/docs', page))).filter(
        (path) => !existsSync(join(repositoryRoot, path)),
      )
      expect(missing, `${page} names paths the repository does not have`).toEqual([])
    },
  )
})
