// Every published entry point's export list, pinned: adding, removing or
// deprecating a name fails here until the snapshot is updated on purpose
// (`pnpm exec vitest run test/export-surfaces.test.ts -u`, reviewed in the
// diff, with a changeset). Reads the packages' builds, like their users do.
import { describe, expect, it } from 'vitest'
import { listExports } from '../../../scripts/list-exports.mjs'

describe('published export lists', () => {
  it('are exactly the pinned ones', async () => {
    const lines = (await listExports()).flatMap(({ entry, runtime, types, deprecated }) => [
      `${entry}`,
      `  runtime: ${runtime.join(' ')}`,
      `  types: ${types.join(' ')}`,
      `  deprecated: ${deprecated.join(' ')}`,
    ])
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/export-surfaces.txt')
  })
})
