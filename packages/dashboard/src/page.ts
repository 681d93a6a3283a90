import { assets } from './generated/assets.js'
import { respond } from './http.js'

const escapeAttribute = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

/**
 * The page every view starts from: no inline script or style (the policy
 * allows neither); what the script needs to know is in `<meta>` tags.
 */
export function shell(basePath: string, csrfToken: string, readOnly: boolean): Response {
  const asset = (name: string) => escapeAttribute(`${basePath}/assets/${name}?v=${assets.version}`)
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="taskbridge-base" content="${escapeAttribute(basePath)}">
<meta name="taskbridge-csrf" content="${escapeAttribute(csrfToken)}">
<meta name="taskbridge-read-only" content="${readOnly}">
<title>Tasks · taskbridge</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset('app.css')}">
<script type="module" src="${asset('app.js')}"></script>
</head>
<body>
<noscript>This dashboard needs JavaScript.</noscript>
<div id="app"></div>
</body>
</html>
`
  return respond(200, html, { 'content-type': 'text/html; charset=utf-8' })
}

const TYPES: Readonly<Record<string, string>> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
}

/** A built asset, or `undefined` for another name. Cached, since its URL changes with its content. */
export function asset(name: string): Response | undefined {
  const body = name === 'app.js' ? assets.script : name === 'app.css' ? assets.style : undefined
  const type = TYPES[name]
  if (body === undefined || type === undefined) return undefined
  return respond(200, body, { 'content-type': type, 'cache-control': 'private, max-age=31536000, immutable' })
}
