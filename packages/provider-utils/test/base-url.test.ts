import { InvalidArgumentError } from '@taskbridge/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttpClient, headerAuth } from '../src/index.js'
import { json, type LoopbackServer, startLoopbackServer } from './loopback-server.js'
import { outputForms } from './output-forms.js'

let server: LoopbackServer

beforeEach(async () => {
  server = await startLoopbackServer()
})

afterEach(async () => {
  await server.close()
})

/** What creating a client with this base URL and sending one request ends in: the error, or the response. */
async function outcome(baseUrl: string): Promise<unknown> {
  try {
    const http = createHttpClient({
      provider: 'acme',
      baseUrl,
      auth: headerAuth('x-api-key', 'k-123456'),
      retry: false,
    })
    return await http.request('/task/x', { method: 'POST' })
  } catch (error) {
    return error
  }
}

describe('base URL checks', () => {
  it.each([
    'htps//tasks.example.com?api_key=sk-live-base-url-secret',
    'https://[bad-host]/v1?api_key=sk-live-base-url-secret',
    '://sk-live-base-url-secret',
    // Parses, with the key as its scheme: a key pasted where the URL goes.
    'sk-live-base-url-secret:abc',
  ])('never quotes a base URL that does not parse or is not http(s): %s', async (baseUrl) => {
    const error = await outcome(baseUrl)
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(error).toMatchObject({ argument: 'baseUrl' })
    expect(outputForms(error)).not.toContain('sk-live-base-url-secret')
  })

  it.each(['?tenant=a', '/?tenant=a', '#docs', '/v1#docs', '?'])(
    'refuses a base URL ending in %s, sending nothing',
    async (suffix) => {
      server.reply(json(200, { id: 'x' }))
      const error = await outcome(server.url + suffix)
      expect(InvalidArgumentError.is(error)).toBe(true)
      expect(error).toMatchObject({ argument: 'baseUrl', retryable: false })
      expect(server.requests).toHaveLength(0)
    },
  )
})
