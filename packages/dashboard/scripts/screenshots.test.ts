// `pnpm --filter @taskbridge/dashboard screenshots`: the pictures on the docs
// page (apps/docs/public/dashboard/), taken in Chromium from the dashboard in
// front of the testkit emulators. Run by vitest for its TypeScript imports;
// not part of the test suite.
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { toNodeListener } from '@taskbridge/core'
import { launchChromium } from '@taskbridge/test-support/chromium'
import type { Browser, Page } from 'playwright-core'
import { it } from 'vitest'
import { startEmulated } from '../test/emulated.js'

const OUT = new URL('../../../apps/docs/public/dashboard/', import.meta.url)

async function shoot(browser: Browser, url: string, name: string, options: Parameters<Browser['newContext']>[0]) {
  const context = await browser.newContext(options)
  const page: Page = await context.newPage()
  await page.goto(url)
  await page.getByRole('status').getByText('Live').waitFor()
  await page.locator('h1').waitFor()
  await page.waitForTimeout(500)
  await page.screenshot({ path: new URL(`${name}.png`, OUT).pathname })
  await context.close()
}

it('writes the screenshots of the docs page', async () => {
  mkdirSync(OUT, { recursive: true })
  const emulated = await startEmulated()
  const { a2a, wexa, orkes } = emulated.emulators
  a2a.createTask('TASK_STATE_AUTH_REQUIRED')
  wexa.createTask('running')
  const approval = orkes.workflowHarness().createWaitingTask()
  const server = createServer(toNodeListener(emulated.dashboard))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const browser = await launchChromium()
  try {
    const token = `?token=${emulated.dashboard.token}`
    await shoot(browser, `${origin}/${token}`, 'desktop', { viewport: { width: 1280, height: 800 } })
    await shoot(browser, `${origin}/attention${token}`, 'phone', {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
    })
    await shoot(browser, `${origin}/task/orkes/${approval}${token}`, 'dark', {
      viewport: { width: 1280, height: 800 },
      colorScheme: 'dark',
    })
  } finally {
    await browser.close()
    await new Promise((resolve) => server.close(resolve))
    await emulated.close()
  }
}, 120_000)
