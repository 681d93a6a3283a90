// Target 4: each adapter bundled with all its runtime dependencies (esbuild,
// minified ESM, gzip -9) must stay within 24 KB; the floor is ky and zod
// alone, about 15.4 KB. The floors the issue names (ky alone, a small zod
// schema through zod/mini and classic zod) are bundled the same way in the
// same run, and each part's gzipped cost in place says where the rest goes.
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Metafile, type Plugin } from 'esbuild'
import { kb } from './measure.ts'
import type { Benchmark, BenchResult } from './types.ts'

const LIMIT_BYTES = 24 * 1024
const ADAPTERS = [
  ['wexa', 'createWexaAdapter'],
  ['xpander', 'createXpanderAdapter'],
  ['orkes', 'createOrkesWorkflowAdapter'],
  ['a2a', 'createA2AAdapter'],
  ['mcp', 'createMcpAdapter'],
] as const

// The adapters resolve from the bench package; ky and zod are not bench
// dependencies, so the floors resolve them from where provider-utils does.
const benchDir = fileURLToPath(new URL('..', import.meta.url))
const dependencyDir = dirname(fileURLToPath(import.meta.resolve('@taskbridge/provider-utils')))

const SMALL_SCHEMA = 'z.object({ id: z.string(), status: z.string(), createdAt: z.number() })'

interface Bundle {
  minified: number
  gzipped: number
  inputs: Metafile['outputs'][string]['inputs']
}

// Platform 'neutral': the libraries use only web globals (fetch, URL,
// AbortSignal, TextDecoder) and import no `node:` module (a neutral build
// would fail to resolve one), so neither the browser nor the node export
// conditions and shims should decide what gets bundled.
async function bundle(contents: string, resolveDir: string, plugins: Plugin[] = []): Promise<Bundle> {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins,
  })
  const [output] = result.outputFiles
  const [meta] = Object.values(result.metafile.outputs)
  if (!output || !meta) throw new Error('esbuild wrote no output')
  return {
    minified: output.contents.byteLength,
    gzipped: gzipSync(output.contents, { level: 9 }).byteLength,
    inputs: meta.inputs,
  }
}

// Swaps a dependency for an empty module: the bundle shrinks by what that
// dependency costs in place, gzipped along with everything else.
function withoutPackage(name: string): Plugin {
  return {
    name: `without-${name}`,
    setup(plugin) {
      plugin.onResolve({ filter: new RegExp(`^${name}(/|$)`) }, (args) => ({ path: args.path, namespace: 'empty' }))
      plugin.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {}', loader: 'js' }))
    },
  }
}

function part(input: string, adapter: string): string {
  if (input.includes('node_modules/zod/')) return 'zod'
  if (input.includes('node_modules/ky/')) return 'ky'
  if (input.includes('node_modules/eventsource-parser/')) return 'eventsource-parser'
  if (input.includes('packages/core/')) return 'core'
  if (input.includes('packages/provider-utils/')) return 'provider-utils'
  if (input.includes(`packages/${adapter}/`)) return adapter
  return input
}

/** Each part's share of the minified output (before gzip), largest first. */
function shares(result: Bundle, adapter: string): string {
  const bytes = new Map<string, number>()
  for (const [input, { bytesInOutput }] of Object.entries(result.inputs)) {
    const name = part(input, adapter)
    bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput)
  }
  return [...bytes]
    .filter(([, size]) => size > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, size]) => `${name} ${((size / result.minified) * 100).toFixed(0)} %`)
    .join(', ')
}

// What each part above the floor buys, for the notes of a missed target.
const BUYS: Record<string, string> = {
  'provider-utils':
    'the HTTP client (auth, retries that honour Retry-After, time limits, response size caps, the redirect and credential-target policies, redaction of secrets, typed error mapping, server-sent events)',
  core: 'the adapter contract and its checks of every call, the typed errors, the task model, waiting and following',
  'eventsource-parser': 'the parser of server-sent events',
}

/** Gzipped cost in place of each part: the bundle minus the same bundle with the part an empty module. */
async function costsInPlace(whole: string, full: Bundle): Promise<Map<string, number>> {
  const costs = new Map<string, number>()
  for (const [name, specifier] of [
    ['ky', 'ky'],
    ['zod', 'zod'],
    ['eventsource-parser', 'eventsource-parser'],
    ['core', '@taskbridge/core'],
    ['provider-utils', '@taskbridge/provider-utils'],
  ] as const) {
    const without = await bundle(whole, benchDir, [withoutPackage(specifier)])
    costs.set(name, full.gzipped - without.gzipped)
  }
  return costs
}

function notes(full: Bundle, adapter: string, costs: Map<string, number>): string {
  const cost = (name: string): number => costs.get(name) ?? 0
  // Emptying provider-utils drops ky and eventsource-parser too: only it imports them.
  costs.set('provider-utils', cost('provider-utils') - cost('ky') - cost('eventsource-parser'))
  const inPlace = [...costs].map(([name, bytes]) => `${name} ${kb(bytes)}`).join(', ')
  const floor = cost('ky') + cost('zod')
  const rest = full.gzipped - floor
  const bought = Object.entries(BUYS)
    .map(([name, what]) => `${name} ${kb(cost(name))}: ${what}`)
    .join('; ')
  const missed =
    full.gzipped > LIMIT_BYTES
      ? ` Above ky and zod (${kb(floor)} in place), the remaining ${kb(rest)} buys: ${bought}; the adapter's own schemas, status table and mapping, the rest.`
      : ''
  return (
    `shares of the ${kb(full.minified)} minified output (before gzip): ${shares(full, adapter)}. ` +
    `Gzipped cost in place (the bundle minus the same bundle with the package replaced by an empty module; provider-utils without ky and eventsource-parser): ${inPlace}.${missed}`
  )
}

export const benchSize: Benchmark = async () => {
  const ky = await bundle(`export { default } from 'ky'`, dependencyDir)
  const zodMini = await bundle(`import * as z from 'zod/mini'; export default ${SMALL_SCHEMA}`, dependencyDir)
  const zodClassic = await bundle(`import * as z from 'zod'; export default ${SMALL_SCHEMA}`, dependencyDir)
  const baselineValue = `ky alone ${kb(ky.gzipped)}; a 3-field object schema via zod/mini ${kb(zodMini.gzipped)}, via classic zod ${kb(zodClassic.gzipped)}`

  const results: BenchResult[] = []
  for (const [adapter, factory] of ADAPTERS) {
    const specifier = `@taskbridge/${adapter}`
    // `export *` keeps every export: the whole package is what the target judges.
    const whole = `export * from '${specifier}'`
    const full = await bundle(whole, benchDir)
    const realistic = await bundle(`import { ${factory} } from '${specifier}'; export default ${factory}`, benchDir)
    results.push({
      id: 4,
      title: `size: ${specifier}`,
      subject: `\`export * from '${specifier}'\` bundled with its dependencies (esbuild minified ESM, platform neutral, gzip -9)`,
      baseline: 'the 24 KB limit; floors bundled the same way',
      subjectValue: `${kb(full.gzipped)} gzipped (${kb(full.minified)} minified); \`${factory}\` alone ${kb(realistic.gzipped)}`,
      baselineValue,
      figure: `${kb(full.gzipped)} (${(full.gzipped / LIMIT_BYTES).toFixed(2)}× the limit)`,
      target: '≤ 24 KB gzipped',
      met: full.gzipped <= LIMIT_BYTES,
      notes: notes(full, adapter, await costsInPlace(whole, full)),
    })
  }
  return results
}
