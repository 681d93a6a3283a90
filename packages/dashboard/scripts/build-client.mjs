// Bundles the page's script and style (client/) with esbuild and writes them
// into src/generated/assets.ts, so the package serves them from memory: no
// files to find at run time, no CDN, and it works offline and on any runtime.
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = new URL('..', import.meta.url)
const common = { bundle: true, minify: true, write: false, legalComments: 'none', logLevel: 'warning' }

const [script, style] = await Promise.all([
  build({
    ...common,
    entryPoints: [new URL('client/main.ts', root).pathname],
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
  }),
  build({ ...common, entryPoints: [new URL('client/style.css', root).pathname], target: 'chrome110' }),
])
const scriptText = script.outputFiles[0].text
const styleText = style.outputFiles[0].text
const version = createHash('sha256').update(scriptText).update(styleText).digest('hex').slice(0, 12)
const gzipped = gzipSync(scriptText, { level: 9 }).length + gzipSync(styleText, { level: 9 }).length

const source = `// Written by scripts/build-client.mjs from client/: do not edit.
/** The page's built script and style. */
export const assets: { readonly script: string; readonly style: string; readonly version: string } = {
  script: ${JSON.stringify(scriptText)},
  style: ${JSON.stringify(styleText)},
  version: ${JSON.stringify(version)},
}
`
mkdirSync(new URL('src/generated/', root), { recursive: true })
writeFileSync(new URL('src/generated/assets.ts', root), source)
if (process.argv.includes('--size')) {
  console.log(`script ${scriptText.length} B, style ${styleText.length} B, ${gzipped} B gzipped (level 9)`)
}
