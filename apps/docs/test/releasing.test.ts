// RELEASING.md's table of packages names every published package (and no
// other), so a new package cannot ship without a line that says what its
// version promises. No build, no browser.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repositoryRoot } from '../snippets.mjs'

/** The names of every workspace package under packages/ and apps/ that is not private. */
function publishedNames(): string[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(repositoryRoot, group)).flatMap((name) => {
      try {
        const manifest = JSON.parse(readFileSync(join(repositoryRoot, group, name, 'package.json'), 'utf8'))
        return manifest.private === true ? [] : [manifest.name as string]
      } catch {
        return []
      }
    }),
  )
}

describe('RELEASING.md', () => {
  it('has one row per published package in its table of packages', () => {
    const text = readFileSync(join(repositoryRoot, 'RELEASING.md'), 'utf8')
    const section = text.slice(text.indexOf('## The packages'), text.indexOf('## Recording a change'))
    const rows = [...section.matchAll(/^\| `(@taskbridge\/[\w-]+)` \|/gm)].map((match) => match[1])
    expect(rows.sort()).toEqual(publishedNames().sort())
  })
})
