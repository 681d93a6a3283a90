// The links the site rewrites in the repository files it includes: to GitHub
// for a file the site shows, and relative to the included file.
import { describe, expect, it } from 'vitest'
import { includedFiles, siteLinkFor } from '../.vitepress/repository-links.mts'

const included = includedFiles()

describe('links in the included repository files', () => {
  it('knows which page shows each included file', () => {
    expect(included.get('packages/core/README.md')).toBe('/reference/core')
    expect(included.get('packages/orkes/README.md')).toBe('/adapters/orkes')
    expect(included.get('docs/writing-an-adapter.md')).toBe('/guide/writing-an-adapter')
    expect(included.get('RELEASING.md')).toBe('/contributing/releasing')
  })

  it('turns a GitHub link to a file the site shows into a link to its page, fragment kept', () => {
    const href = 'https://github.com/taskbridge/taskbridge/blob/main/docs/writing-an-adapter.md#5-errors'
    expect(siteLinkFor(included, 'reference/provider-utils.md', href)).toBe('/guide/writing-an-adapter#5-errors')
    expect(
      siteLinkFor(included, 'reference/core.md', 'https://github.com/taskbridge/taskbridge/tree/main/packages/wexa'),
    ).toBe('/adapters/wexa')
  })

  it('keeps GitHub links to files the site does not show', () => {
    const href = 'https://github.com/taskbridge/taskbridge/tree/main/examples/custom-adapter'
    expect(siteLinkFor(included, 'guide/writing-an-adapter.md', href)).toBeUndefined()
  })

  it('resolves a relative link against the included file it was written in', () => {
    expect(siteLinkFor(included, 'reference/provider-utils.md', '../core/README.md#errors')).toBe(
      '/reference/core#errors',
    )
    expect(siteLinkFor(included, 'adapters/wexa.md', '../testkit/')).toBe('/reference/testkit')
    expect(siteLinkFor(included, 'reference/core.md', '../../docs/writing-an-adapter.md')).toBe(
      '/guide/writing-an-adapter',
    )
  })

  it('leaves the pages’ own links and other URLs to VitePress', () => {
    expect(siteLinkFor(included, 'concepts/statuses.md', './statuses.md')).toBeUndefined()
    expect(siteLinkFor(included, 'concepts/statuses.md', '/guide/following-tasks')).toBeUndefined()
    expect(siteLinkFor(included, 'concepts/statuses.md', 'https://wexa.ai')).toBeUndefined()
    expect(siteLinkFor(included, 'concepts/statuses.md', '#reasons')).toBeUndefined()
  })
})
