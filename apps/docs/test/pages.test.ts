// Every page of the built site, opened in a real headless Chromium (Debian's,
// driven by playwright-core): it renders its heading, logs no errors, loads
// every asset, fits a phone's width, every link within the site leads to a
// page and heading that exist, and none leads to GitHub for a file the site shows.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchChromium } from '@taskbridge/test-support/chromium'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, type ExpectStatic, it } from 'vitest'
import { GITHUB_FILE, includedFiles } from '../.vitepress/repository-links.mts'
import { sidebarLinks } from '../.vitepress/sidebar.mts'
import { statusData } from '../concepts/statuses.data.ts'
import { runtimeMatrix } from '../guide/runtimes.data.ts'

const site = fileURLToPath(new URL('../.vitepress/dist', import.meta.url))
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
}

/** A site link as the static host serves it: `/guide/x` is `/guide/x.html`, `/api/core/` its index.html. */
const served = (link: string) => (link.endsWith('/') ? link : `${link}.html`)

// Every page the sidebar links to (the site map: a planned page that is
// missing fails), the home page, and a sample of the generated API pages
// beyond the package indexes the sidebar has (there are hundreds).
const pages: string[] = [
  '/',
  ...sidebarLinks().map(served),
  '/api/core/functions/waitForTask.html',
  '/api/core/classes/RateLimitError.html',
  '/api/core/interfaces/WaitForTaskOptions.html',
  '/api/orkes/variables/ORKES_TASK_STATUS_TABLE.html',
]
const included = includedFiles()
const PHONE = { width: 390, height: 844 }

/**
 * Serves the built site as a static host would: a path resolves to the file,
 * or to its index.html, and the content-hashed files under /assets/ may be
 * cached for good. So the browser fetches and compiles the site's scripts
 * once, not once per page: most of a page check's CPU was that. A file that
 * is missing is never cached, so each page that asks for one still fails.
 */
function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://docs').pathname))
    let file = join(site, path)
    if (!file.startsWith(site)) file = join(site, '404.html')
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
    const found = existsSync(file)
    const headers: Record<string, string> = { 'content-type': types[extname(file)] ?? 'application/octet-stream' }
    if (found && path.startsWith('/assets/')) headers['cache-control'] = 'public, max-age=31536000, immutable'
    response.writeHead(found ? 200 : 404, headers)
    response.end(readFileSync(found ? file : join(site, '404.html')))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

let server: Server
let browser: Browser
// One browser context for every page: each page still gets a tab (and a document) of its own.
let context: BrowserContext
let origin: string

beforeAll(async () => {
  // Without a build every page would wait for an answer the server cannot give: say so at once.
  for (const file of ['index.html', '404.html']) {
    if (!existsSync(join(site, file)))
      throw new Error(`${join(site, file)} is missing: the docs build failed or did not run`)
  }
  server = await serve()
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await launchChromium()
  context = await browser.newContext()
})

afterAll(async () => {
  await browser?.close()
  // Undefined when the setup failed first: then there is nothing to wait for.
  if (server) await new Promise((resolve) => server.close(resolve))
})

/** Opens a page, recording console errors, page errors and requests to this site that failed. */
async function open(path: string, expect: ExpectStatic): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`))
  page.on('response', (response) => {
    if (response.url().startsWith(origin) && response.status() >= 400)
      problems.push(`${response.status()}: ${response.url()}`)
  })
  const response = await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' })
  expect(response?.status(), path).toBe(200)
  return { page, problems }
}

/** Each link target's status and HTML, fetched once for all the pages that link to it. */
const targets = new Map<string, Promise<{ status: number; html: string }>>()
function fetchTarget(target: string): Promise<{ status: number; html: string }> {
  let found = targets.get(target)
  if (!found) {
    found = fetch(target).then(async (response) => ({ status: response.status, html: await response.text() }))
    targets.set(target, found)
  }
  return found
}

// Pages are checked a few at a time: most of a check is waiting for the
// network to go idle, which overlaps well even on two cores.
describe.concurrent('the documentation site in Chromium', () => {
  for (const path of pages)
    it(`${path} renders its heading, fits 390 px, with no errors and no broken links`, async ({ expect }) => {
      const { page, problems } = await open(path, expect)
      try {
        const h1 = (await page.locator('h1').first().textContent({ timeout: 60_000 })) ?? ''
        expect(h1.trim(), `${path} has an h1`).not.toBe('')
        expect(await page.title()).toContain('taskbridge')
        const hrefs = await page.$$eval('a[href]', (links) => links.map((link) => (link as HTMLAnchorElement).href))
        // The site has these files as pages: a link to GitHub for one takes the reader off the site.
        const toGitHub = hrefs.filter((href) => {
          const file = GITHUB_FILE.exec(href)?.[1]?.replace(/\/$/, '')
          return file !== undefined && (included.has(file) || included.has(`${file}/README.md`))
        })
        expect(toGitHub, `${path} links to GitHub for pages of the site`).toEqual([])
        const internal = new Set(hrefs.filter((href) => href.startsWith(origin)))
        const fragmentsByPage = new Map<string, Set<string>>()
        for (const href of internal) {
          const [target = href, fragment] = href.split('#')
          const fragments = fragmentsByPage.get(target) ?? new Set<string>()
          if (fragment) fragments.add(decodeURIComponent(fragment))
          fragmentsByPage.set(target, fragments)
        }
        for (const [target, fragments] of fragmentsByPage) {
          const { status, html } = await fetchTarget(target)
          expect(status, `${path} links to ${target}`).toBe(200)
          // A link to a heading that was renamed still loads its page: the id must be there too.
          for (const fragment of fragments) {
            expect(html.includes(`id="${fragment}"`), `${path} links to ${target}#${fragment}`).toBe(true)
          }
        }
        // Wide tables and code scroll inside themselves; the page itself must not.
        await page.setViewportSize(PHONE)
        const width = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          viewport: window.innerWidth,
          widest: [...document.querySelectorAll('.VPContent *')]
            .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 3)
            .map(
              (element) =>
                `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 60)}`,
            ),
        }))
        expect(width.scroll, `${path} overflows at ${PHONE.width} px: ${width.widest.join(' | ')}`).toBeLessThanOrEqual(
          width.viewport,
        )
        expect(problems).toEqual([])
      } finally {
        await page.close()
      }
    })

  it('shows the statuses page’s mapping table as the adapters’ tables map', async ({ expect }) => {
    const { columns, rows } = statusData()
    const { page, problems } = await open('/concepts/statuses.html', expect)
    // Each cell as the provider statuses it lists; the first also says whether the status is terminal.
    const table = await page.$$eval('table.status-mapping tr', (trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('th, td')].map((cell) =>
          cell.tagName === 'TH'
            ? [cell.textContent?.trim() ?? '']
            : [...cell.querySelectorAll('code, .status-kind')].map((part) => part.textContent?.trim() ?? ''),
        ),
      ),
    )
    expect(table[0]).toEqual([['status'], ...columns.map((column) => [column])])
    for (const [index, row] of rows.entries()) {
      const [first, ...cells] = table[index + 1] ?? []
      expect(first, row.status).toEqual([row.status, `${row.kind}${row.successful ? ', successful' : ''}`])
      expect(cells, row.status).toEqual(row.providerStatuses)
    }
    expect(table.find((cells) => cells[0]?.[0] === 'cancelled')?.[4]).toContain('TERMINATED')
    expect(problems).toEqual([])
    await page.close()
  })

  it('shows the runtime matrix the release smoke test measured', async ({ expect }) => {
    const { steps, runtimes } = runtimeMatrix()
    const { page, problems } = await open('/guide/runtimes.html', expect)
    const table = await page.$$eval('table.runtime-matrix tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
    )
    const loads = { node_modules: 'node_modules', bundle: 'bundled' }
    expect(table).toEqual([
      ['runtime', 'version', 'loads', ...steps],
      ...runtimes.map((row) => [
        row.runtime,
        row.version,
        loads[row.loads],
        ...steps.map((step) => (row.steps[step] === 'pass' ? '✔' : '✘ fail')),
      ]),
    ])
    expect(problems).toEqual([])
    await page.close()
  })

  it('draws the polling chart on the following guide', async ({ expect }) => {
    const { page, problems } = await open('/guide/following-tasks.html', expect)
    const reads = await page.locator('svg.poll-chart circle').count()
    expect(reads).toBeGreaterThan(10)
    expect(await page.locator('svg.poll-chart title').textContent()).toContain('waitForTask')
    expect(problems).toEqual([])
    await page.close()
  })

  it.for<[string, string[]]>([
    ['Retry-After', ['/guide/retries.html', '/guide/following-tasks.html']],
    ['terminal statuses', ['/concepts/statuses.html']],
    ['changeset', ['/contributing/releasing.html']],
  ])('finds the page for “%s” with the local search', async ([query, expected], { expect }) => {
    const { page, problems } = await open('/', expect)
    await page.locator('.VPNavBarSearch button').click()
    await page.locator('#localsearch-input').fill(query)
    const first = page.locator('#localsearch-list .result').first()
    await first.waitFor({ timeout: 60_000 })
    const hrefs = await page.$$eval('#localsearch-list .result', (links) =>
      links.slice(0, 3).map((link) => new URL((link as HTMLAnchorElement).href).pathname),
    )
    expect(
      hrefs.some((href) => expected.includes(href)),
      `“${query}”: the first results are ${hrefs.join(', ')}`,
    ).toBe(true)
    expect(problems).toEqual([])
    await page.close()
  })

  it('shows each adapter’s status table', async ({ expect }) => {
    for (const [path, row] of [
      ['/adapters/wexa.html', ['cancelled', 'cancelled']],
      ['/adapters/xpander.html', ['stopped', 'cancelled']],
      ['/adapters/orkes.html', ['TERMINATED', 'cancelled']],
      ['/adapters/a2a.html', ['TASK_STATE_REJECTED', 'failed']],
      ['/adapters/mcp.html', ['input_required', 'waiting_for_input']],
    ] as const) {
      const { page } = await open(path, expect)
      const cells = await page.$$eval('table td', (tds) => tds.map((td) => td.textContent?.trim() ?? ''))
      const index = cells.findIndex((cell, position) => cell.includes(row[0]) && cells[position + 1]?.includes(row[1]))
      expect(index, `${path}: a row ${row[0]} → ${row[1]}`).toBeGreaterThanOrEqual(0)
      await page.close()
    }
  })

  it('navigates from the sidebar without a full reload', async ({ expect }) => {
    const { page, problems } = await open('/guide/getting-started.html', expect)
    await page.evaluate(() => {
      ;(window as unknown as { marker: boolean }).marker = true
    })
    await page.locator('.VPSidebar').getByRole('link', { name: 'Statuses', exact: true }).click()
    await page.waitForURL('**/concepts/statuses.html')
    // The router changes the URL before it renders the page: wait for the new heading, however slow the machine.
    await page.locator('h1', { hasText: 'Statuses' }).first().waitFor({ timeout: 60_000 })
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true)
    expect(problems).toEqual([])
    await page.close()
  })
})
