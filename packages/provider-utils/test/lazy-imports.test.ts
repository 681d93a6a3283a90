// Importing an adapter should cost what it needs at once: ky (and with it
// undici) and eventsource-parser load with the first request or stream, not
// with the package. Checked on the built file in a fresh process, recording
// every specifier the package resolves.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const built = fileURLToPath(new URL('../dist/index.js', import.meta.url))

const recordImports = `
import { registerHooks } from 'node:module'
const resolved = []
registerHooks({ resolve: (specifier, context, next) => (resolved.push(specifier), next(specifier, context)) })
await import(process.argv[1])
console.log(JSON.stringify(resolved))
`

describe('importing @taskbridge/provider-utils', () => {
  it('loads neither ky nor eventsource-parser until a request or a stream needs them', () => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', recordImports, built], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(child.stderr).toBe('')
    const resolved: string[] = JSON.parse(child.stdout)
    expect(resolved).toContain('@taskbridge/core')
    expect(resolved).not.toContain('ky')
    expect(resolved).not.toContain('eventsource-parser')
  })
})
