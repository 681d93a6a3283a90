// The ```ts blocks of the distributed-watcher guide and of this package's
// README, each compiled as a standalone ES module of a strict consumer
// (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess) against the
// built packages' declarations.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const work = fileURLToPath(new URL('../.docs-examples/', import.meta.url))
const tsc = join(root, 'node_modules', '.bin', 'tsc')
const documents = ['apps/docs/guide/distributed-watcher.md', 'packages/bullmq/README.md']
const BLOCK = /```ts\n([\s\S]*?)```/g

it('compiles every ts block of the guide and the README in a strict consumer', () => {
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  let count = 0
  for (const document of documents) {
    for (const [, code = ''] of readFileSync(join(root, document), 'utf8').matchAll(BLOCK)) {
      count += 1
      writeFileSync(join(work, `example-${count}.ts`), code)
    }
  }
  expect(count).toBeGreaterThanOrEqual(5)
  writeFileSync(join(work, 'package.json'), JSON.stringify({ type: 'module', private: true }))
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
        lib: ['es2023', 'dom', 'esnext.disposable'],
        // This package as a consumer installs it: its built declarations.
        paths: { '@taskbridge/bullmq': ['../dist/index.d.ts'] },
      },
      include: ['*.ts'],
    }),
  )
  const result = spawnSync(tsc, ['-p', work], { cwd: work, encoding: 'utf8' })
  expect(result.stdout + result.stderr).toBe('')
  expect(result.status).toBe(0)
})
