import { type AnyTaskAdapter, InvalidArgumentError } from '@taskbridge/core'
import { describe, expect, it } from 'vitest'
import { rejectionOf } from '../assert.js'
import type { EmulatorHarness } from './harness.js'

/**
 * The headers section of the contract: what the adapter must send on a
 * `getTask`, and in which order its sources win.
 */
export interface HeaderContractOptions<Harness extends EmulatorHarness> {
  /** Creates the adapter as `createAdapter` does, with `headers` as its `headers` option. */
  createAdapter(emulator: Harness, headers: Record<string, string | undefined>): AnyTaskAdapter
  /** The header that carries the credentials, such as `x-api-key` or `authorization`. */
  authHeader: string
  /** Its value for the emulator's credentials. Default: any non-empty value (a token from an exchange, say). */
  authValue?(emulator: Harness): string
  /** The User-Agent the adapter sends by default: `taskbridge-<adapter>/<version>` of its package.json. */
  userAgent: string
  /** The `accept` a getTask sends. Default `application/json`. */
  accept?: string
}

interface HeaderTestContext<Harness extends EmulatorHarness> {
  emulator(): Harness
  options: HeaderContractOptions<Harness>
}

/**
 * Registers the headers tests: the exact headers a `getTask` sends (the
 * credentials, the user agent, `accept`, the user's), and their precedence:
 * a call's headers over the adapter's `headers` option over the defaults,
 * while no user header can replace the credentials' header (an
 * `InvalidArgumentError` naming it, and nothing sent to the task route).
 */
export function registerHeaderTests<Harness extends EmulatorHarness>(context: HeaderTestContext<Harness>): void {
  const { emulator, options } = context
  const authHeader = options.authHeader.toLowerCase()
  /** The headers of the last request to the getTask route. */
  const sent = () => {
    const request = emulator()
      .requests.filter((each) => each.route === emulator().routes.getTask)
      .at(-1)
    if (!request) throw new Error('no request reached the getTask route')
    return request.headers
  }
  const getTaskRequests = () => emulator().requests.filter((each) => each.route === emulator().routes.getTask).length

  describe('headers', () => {
    it('sends the credentials, the user agent and accept on a getTask', async () => {
      await options.createAdapter(emulator(), {}).getTask(emulator().createTask())
      const headers = sent()
      const expected = options.authValue?.(emulator())
      if (expected === undefined) expect(headers[authHeader]).toMatch(/\S/)
      else expect(headers[authHeader]).toBe(expected)
      expect(headers['user-agent']).toBe(options.userAgent)
      expect(headers.accept).toBe(options.accept ?? 'application/json')
    })

    it("sends the headers option and the call's headers: the call's over the option's over the defaults", async () => {
      const adapter = options.createAdapter(emulator(), { 'X-Team': 'adapter', 'x-adapter-only': 'yes' })
      await adapter.getTask(emulator().createTask(), { headers: { 'x-team': 'call', 'x-call-only': 'yes' } })
      const headers = sent()
      expect(headers).toMatchObject({
        'x-team': 'call',
        'x-adapter-only': 'yes',
        'x-call-only': 'yes',
        'user-agent': options.userAgent,
      })
      expect(headers[authHeader]).toMatch(/\S/)
    })

    it('lets the headers option replace the user agent', async () => {
      await options.createAdapter(emulator(), { 'User-Agent': 'my-app/2.0' }).getTask(emulator().createTask())
      expect(sent()['user-agent']).toBe('my-app/2.0')
    })

    it.each(['option', 'call'] as const)(
      'refuses the credentials header in the %s headers: InvalidArgumentError naming it, nothing sent to the task',
      async (where) => {
        const replaced = { [options.authHeader.toUpperCase()]: 'not-the-credential' }
        const adapter = options.createAdapter(emulator(), where === 'option' ? replaced : {})
        const id = emulator().createTask()
        const before = getTaskRequests()
        const error = await rejectionOf(adapter.getTask(id, where === 'call' ? { headers: replaced } : {}))
        expect(InvalidArgumentError.is(error), String(error)).toBe(true)
        expect(error).toMatchObject({ argument: 'headers' })
        expect((error as Error).message).toContain(authHeader)
        expect(String(error)).not.toContain('not-the-credential')
        expect(getTaskRequests()).toBe(before)
      },
    )
  })
}
