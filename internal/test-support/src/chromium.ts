// Debian's Chromium, driven by playwright-core, for the suites that open pages:
// the binary the test command's system-packages step installs, started with
// the flags a headless run in a container needs.
import { type Browser, chromium } from 'playwright-core'
import { requireSystemBinary } from '../system-deps.mjs'

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches headless Chromium; throws an error naming the install step when the binary is missing. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireSystemBinary('chromium'), args: FLAGS })
}
