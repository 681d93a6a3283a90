// The page in Debian's Chromium (playwright-core), served over node:http by
// core's toNodeListener, in front of the testkit emulators. Tasks end
// when the test moves an emulator's virtual clock, never by waiting.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { toNodeListener } from '@taskbridge/core'
import { launchChromium } from '@taskbridge/test-support/chromium'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulated, startEmulated } from './emulated.js'

let emulated: Emulated
let browser: Browser
let context: BrowserContext
let dashboardServer: Server
let otherSite: Server
let origin: string
const problems: string[] = []

function listenOn(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
}

/** A page of the shared context whose console errors and failed scripts are collected. */
async function open(path: string, into: BrowserContext = context): Promise<Page> {
  const page = await into.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${path}: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`))
  await page.goto(`${origin}${path}`)
  return page
}

beforeAll(async () => {
  ;[emulated, browser] = await Promise.all([startEmulated(), launchChromium()])
  dashboardServer = createServer(toNodeListener(emulated.dashboard))
  origin = `http://127.0.0.1:${await listenOn(dashboardServer)}`
  // Another site (localhost is not 127.0.0.1 to a browser) whose page posts to the dashboard.
  otherSite = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html' })
    response.end('<!doctype html><title>elsewhere</title>')
  })
  const otherPort = await listenOn(otherSite)
  context = await browser.newContext()
  const first = await open(`/?token=${emulated.dashboard.token}`)
  await first.close()
  ;(globalThis as { otherSiteUrl?: string }).otherSiteUrl = `http://localhost:${otherPort}/`
})

afterAll(async () => {
  await browser?.close()
  await Promise.all([dashboardServer, otherSite].map((server) => new Promise((done) => server?.close(done))))
  await emulated?.close()
})

describe('the dashboard in Chromium', () => {
  it('keeps the token in an HttpOnly, SameSite=Strict cookie, out of the address bar', async () => {
    const [cookie] = await context.cookies(origin)
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', value: emulated.dashboard.token })
    const page = await open('/')
    expect(page.url()).toBe(`${origin}/`)
    expect(await page.evaluate(() => document.cookie)).toBe('')
    await page.close()
  })

  it('shows tasks of every emulated provider in one table', async () => {
    const page = await open('/')
    await page.locator('table.tasks tbody tr').first().waitFor()
    const providers = await page.locator('td[data-label="Provider"]').allTextContents()
    expect(new Set(providers)).toEqual(new Set(['wexa', 'xpander', 'orkes', 'a2a', 'mcp']))
    await page.getByRole('status').getByText('Live').waitFor()
    // Every control has a name a screen reader says.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button, a')]
        .filter((element) => {
          const labelled = (element as HTMLInputElement).labels?.length || element.getAttribute('aria-label')
          return !labelled && !element.textContent?.trim()
        })
        .map((element) => element.outerHTML),
    )
    expect(unnamed).toEqual([])
    await page.close()
  })

  it('changes a row without reload when its task ends on the emulator clock', async () => {
    const id = emulated.emulators.wexa.createTask()
    const page = await open('/')
    await page.getByRole('searchbox').fill(id)
    const badge = page.locator(`tr[data-key$="${id}"] .badge`)
    await badge.waitFor()
    expect(await badge.textContent()).not.toBe('completed')
    await page.evaluate(() => Object.assign(window, { sameDocument: true }))
    emulated.emulators.wexa.clock.advance(10_000)
    await page.locator(`tr[data-key$="${id}"] .badge`, { hasText: 'completed' }).waitFor()
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true)
    await page.close()
  })

  it('says when it fell back to polling, and still changes the rows', async () => {
    const id = emulated.emulators.wexa.createTask('running')
    const page = await context.newPage()
    // A proxy that refuses the event stream: the page polls for the same changes instead.
    await page.route('**/api/events*', (route) => route.fulfill({ status: 503, body: 'no streams here' }))
    await page.goto(`${origin}/`)
    await page.getByRole('status').getByText('Polling every 5 s').waitFor()
    await page.getByRole('searchbox').fill(id)
    await page.locator(`tr[data-key$="${id}"] .badge`, { hasText: 'running' }).waitFor()
    await emulated.client.cancelTask('wexa', id)
    await page.locator(`tr[data-key$="${id}"] .badge`, { hasText: 'cancelled' }).waitFor()
    await page.close()
  })

  it('cancels a task from its page, after a confirmation, and the emulator has it cancelled', async () => {
    const id = emulated.emulators.wexa.createTask('running')
    const page = await open(`/task/wexa/${id}`)
    await page.getByRole('button', { name: 'Cancel', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel task' }).click()
    await page.locator('.fields .badge', { hasText: 'cancelled' }).waitFor()
    expect((await emulated.client.getTask('wexa', id)).status).toBe('cancelled')
    // Actions the adapter cannot do are disabled, with the reason.
    const a2aId = emulated.emulators.a2a.createTask('TASK_STATE_WORKING')
    await page.goto(`${origin}/task/a2a/${a2aId}`)
    await expect(page.getByRole('button', { name: 'Pause' }).isDisabled()).resolves.toBe(true)
    await page.getByText('a2a cannot pause tasks').waitFor()
    await page.close()
  })

  it('answers a waiting task from its page, and the task moves on', async () => {
    const id = emulated.emulators.a2a.createWaitingTask()
    const page = await open(`/task/a2a/${id}`)
    await page.getByRole('heading', { name: 'It waits for an answer' }).waitFor()
    await page.getByLabel('Your answer').fill('Lisbon')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Send answer' }).click()
    await page.locator('.fields .badge').filter({ hasNotText: 'waiting' }).waitFor()
    expect((await emulated.client.getTask('a2a', id)).status).not.toBe('waiting_for_input')
    await page.close()
  })

  it('answers 401 to a browser without the token', async () => {
    const stranger = await browser.newContext()
    const page = await stranger.newPage()
    const response = await page.goto(`${origin}/`)
    expect(response?.status()).toBe(401)
    await stranger.close()
  })

  it('refuses a POST from another site, and the task runs on', async () => {
    const id = emulated.emulators.wexa.createTask('running')
    const page = await context.newPage()
    await page.goto((globalThis as { otherSiteUrl?: string }).otherSiteUrl ?? '')
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/action'))
    // The classic forgery: a form on another site posting to the dashboard, the browser's cookies in tow.
    await page.evaluate(
      ([target, body]) => {
        const form = Object.assign(document.createElement('form'), { method: 'POST', action: target })
        form.enctype = 'text/plain'
        form.append(Object.assign(document.createElement('input'), { name: body, value: '' }))
        document.body.append(form)
        form.submit()
      },
      [`${origin}/api/action`, JSON.stringify({ action: 'cancel', provider: 'wexa', id })],
    )
    expect([401, 403]).toContain((await answered).status())
    expect((await emulated.client.getTask('wexa', id)).status).toBe('running')
    await page.close()
  })

  it('does not overflow sideways at 390 px', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } })
    await phone.addCookies(await context.cookies(origin))
    for (const path of ['/', '/attention', `/task/wexa/${emulated.emulators.wexa.createTask('running')}`]) {
      const page = await open(path, phone)
      await page.locator('h1').waitFor()
      await page.waitForLoadState('networkidle')
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width, path).toBeLessThanOrEqual(390)
      await page.close()
    }
    await phone.close()
  })

  it('logged no console error on any page', () => {
    expect(problems).toEqual([])
  })
})
