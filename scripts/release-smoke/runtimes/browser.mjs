// Runs the program in Chromium from a page: a tiny loopback server serves a
// page whose module script imports the bundled program, and the page calls
// the emulator, on another port, so every call is cross-origin (the emulator
// is started with `cors: true`).
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { launchChromium } from '@taskbridge/test-support/chromium'

const PAGE = `<!doctype html>
<title>taskbridge runtime matrix</title>
<script type="module">
  import { runProgram } from '/program.bundle.mjs'
  window.runProgram = runProgram
</script>
`

function servePage(dir) {
  const server = createServer((request, response) => {
    if (request.url === '/program.bundle.mjs') {
      response.writeHead(200, { 'content-type': 'text/javascript' })
      return response.end(readFileSync(join(dir, 'program.bundle.mjs')))
    }
    response.writeHead(200, { 'content-type': 'text/html' })
    response.end(PAGE)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

/** Chromium's version and the step results of the program run from a page. */
export async function runInChromium(dir, config) {
  const server = await servePage(dir)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    const pageErrors = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(`http://127.0.0.1:${server.address().port}/`)
    await page
      .waitForFunction(() => typeof window.runProgram === 'function')
      .catch((error) => {
        throw new Error(`the page did not load the program: ${pageErrors.join('; ') || error.message}`)
      })
    const results = await page.evaluate((settings) => window.runProgram(settings), config)
    return { version: browser.version(), results }
  } finally {
    await browser.close()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
}
