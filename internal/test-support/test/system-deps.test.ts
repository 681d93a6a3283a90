import { describe, expect, it } from 'vitest'
import {
  aptUnavailableReason,
  INSTALL_STEP,
  missingPackages,
  requireSystemBinary,
  SYSTEM_PACKAGES,
} from '../system-deps.mjs'

const only =
  (...present: string[]) =>
  (path: string) =>
    present.includes(path)

describe('the system packages step', () => {
  it('lists the packages whose binary is missing', () => {
    expect(missingPackages(undefined, only('/usr/bin/chromium'))).toEqual(['redis-server'])
    expect(missingPackages(['chromium'], only())).toEqual(['chromium'])
    expect(missingPackages(undefined, only('/usr/bin/chromium', '/usr/bin/redis-server'))).toEqual([])
  })

  it('names the install step and the Debian package when a suite finds a binary missing', () => {
    expect(() => requireSystemBinary('redis-server', only())).toThrow(INSTALL_STEP)
    expect(() => requireSystemBinary('chromium', only())).toThrow(/Debian's chromium package/)
    expect(requireSystemBinary('chromium', only('/usr/bin/chromium'))).toBe(SYSTEM_PACKAGES.chromium.binary)
  })

  it('says why apt-get cannot be used without root or without apt', () => {
    expect(aptUnavailableReason(1000, true)).toMatch(/needs root/)
    expect(aptUnavailableReason(0, false)).toMatch(/no apt-get/)
    expect(aptUnavailableReason(0, true)).toBeUndefined()
  })
})
