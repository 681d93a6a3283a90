// The README's example, the adapter guide's adapter and the guides' examples, compiled as a strict
// codebase would compile them: `strict`, `exactOptionalPropertyTypes` and
// `noUncheckedIndexedAccess` on, against the built packages' declarations.
// A snippet is a ```ts block right after `<!-- snippet: NAME -->`; blocks of
// one name are joined in document order into NAME.ts.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const work = fileURLToPath(new URL('../.strict-consumer/', import.meta.url))
const tsc = join(root, 'node_modules', '.bin', 'tsc')
const documents = [
  'README.md',
  'docs/writing-an-adapter.md',
  'apps/docs/guide/following-tasks.md',
  'apps/docs/guide/webhooks.md',
]
const SNIPPET = /<!-- snippet: ([\w-]+) -->\s*```ts\n([\s\S]*?)```/g

function snippetsOf(documents: readonly string[]): Map<string, string> {
  const snippets = new Map<string, string>()
  for (const document of documents) {
    const text = readFileSync(join(root, document), 'utf8')
    for (const [, name = '', code = ''] of text.matchAll(SNIPPET)) {
      snippets.set(name, `${snippets.get(name) ?? ''}${code}\n`)
    }
  }
  return snippets
}

describe('the documents’ examples in a strict consumer', () => {
  const snippets = snippetsOf(documents)

  it('finds the README example, the guide’s adapter and the guides’ examples', () => {
    expect([...snippets.keys()].sort()).toEqual([
      'guide-adapter',
      'guide-following',
      'guide-webhooks-frameworks',
      'guide-webhooks-node',
      'readme-client',
    ])
  })

  it('compiles them with strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess', () => {
    rmSync(work, { recursive: true, force: true })
    mkdirSync(work, { recursive: true })
    for (const [name, code] of snippets) writeFileSync(join(work, `${name}.ts`), code)
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2023',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          types: ['node'],
          lib: ['es2023', 'dom'],
        },
        include: ['*.ts'],
      }),
    )
    const result = spawnSync(tsc, ['-p', work], { cwd: work, encoding: 'utf8' })
    expect(result.stdout + result.stderr).toBe('')
    expect(result.status).toBe(0)
  })
})
