// Every TypeScript snippet of the site (pages and the files they include) and
// of the repository README, compiled as a strict consumer compiles them
// against the built packages; the snippets marked `<!-- snippet: NAME run -->`
// are also run with this Node (which strips types) against the emulators
// `taskbridge emulate` runs, started here in real time by the CLI's own code.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMULATED_PROVIDERS, type RunningEmulators, startEmulators } from '../../cli/src/emulators.js'
import { collectSnippets, compileSnippets, repositoryRoot, sitePages } from '../snippets.mjs'

// Emulated time runs this many times faster: a started task ends within a few
// seconds, and one that is paused at once is still running when asked, even on
// a loaded machine (an emulated Wexa task ends 5 s after it starts: 1.25 s here).
const SPEED = 4
const PROGRAM_LIMIT_MS = 60_000

interface Snippet {
  code: string
  run: boolean
  sources: Set<string>
}

const snippets: Map<string, Snippet> = collectSnippets([...sitePages(), join(repositoryRoot, 'README.md')])
const runnable = [...snippets].filter(([, snippet]) => snippet.run).map(([name]) => name)
console.log(`snippets: ${snippets.size} type-checked, ${runnable.length} executed`)

let compiled: { status: number | null; output: string; work: string }
let emulators: RunningEmulators | undefined
let env: Record<string, string>

beforeAll(async () => {
  compiled = compileSnippets(snippets)
  emulators = await startEmulators(EMULATED_PROVIDERS, { speed: SPEED, ports: {} })
  // Exactly the variables `taskbridge emulate` prints, and nothing else.
  env = Object.assign({}, ...emulators.emulators.map((emulator) => emulator.env))
})

afterAll(async () => {
  await emulators?.close()
})

/** Runs a compiled snippet; a program still running after the limit is killed and reported. */
function run(name: string): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(compiled.work, `${name}.ts`)], { cwd: compiled.work, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const limit = setTimeout(() => child.kill('SIGKILL'), PROGRAM_LIMIT_MS)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(limit)
      resolve({ code, signal, stdout, stderr })
    })
  })
}

describe('the site’s TypeScript snippets', () => {
  it(`compiles all ${snippets.size} snippets with strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess`, () => {
    expect(compiled.output).toBe('')
    expect(compiled.status).toBe(0)
  })

  it('has at least one snippet that runs', () => {
    expect(runnable.length).toBeGreaterThan(0)
  })

  // Most of a program's time is waiting for emulated time to pass: a few run at once.
  it.concurrent.for(runnable)(
    'runs %s against the emulators and exits 0',
    async (name, { expect }) => {
      const result = await run(name)
      const sources = [...(snippets.get(name)?.sources ?? [])].join(', ')
      expect(
        { code: result.code, signal: result.signal },
        `${name} (from ${sources}) ended badly; stderr:\n${result.stderr}\nstdout:\n${result.stdout}`,
      ).toEqual({ code: 0, signal: null })
    },
    PROGRAM_LIMIT_MS + 60_000,
  )
})
