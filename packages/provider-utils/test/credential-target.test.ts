import { InvalidPayloadError } from '@taskbridge/core'
import { describe, expect, it } from 'vitest'
import { checkCredentialTarget, isLinkLocalOrMetadata } from '../src/index.js'

const policy = {
  provider: 'acme',
  trustedOrigin: 'https://agent.example.com',
  option: 'trustedHosts',
  source: 'The agent card',
}

function refusal(url: string, trustedHosts?: string[]): Error {
  try {
    checkCredentialTarget(url, { ...policy, trustedHosts })
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a refusal')
}

describe('isLinkLocalOrMetadata', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data',
    'http://0xA9FEA9FE/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fe80::1]/',
    'http://[febf::1]/',
    'http://metadata.google.internal./',
    'http://METADATA/',
    'http://100.100.100.200/',
    'http://[fd00:ec2::254]/',
  ])('is true for %s', (url) => {
    expect(isLinkLocalOrMetadata(new URL(url))).toBe(true)
  })

  it.each(['https://agent.example.com/', 'http://127.0.0.1/', 'http://[fec0::1]/', 'http://169.25.1.1/'])(
    'is false for %s',
    (url) => {
      expect(isLinkLocalOrMetadata(new URL(url))).toBe(false)
    },
  )
})

describe('checkCredentialTarget', () => {
  it('accepts the trusted origin and listed hosts', () => {
    expect(checkCredentialTarget('https://agent.example.com/a2a', policy).href).toBe('https://agent.example.com/a2a')
    const listed = { ...policy, trustedHosts: ['api.example.com', '169.254.1.1'] }
    expect(checkCredentialTarget('https://api.example.com/a2a', listed).host).toBe('api.example.com')
    expect(checkCredentialTarget('http://169.254.1.1:8080/a2a', listed).port).toBe('8080')
  })

  it('refuses another origin (another port or scheme too), naming the option', () => {
    for (const url of ['https://evil.example/a2a', 'https://agent.example.com:8443/a2a', 'http://agent.example.com/']) {
      const error = refusal(url)
      expect(InvalidPayloadError.is(error)).toBe(true)
      expect(error.message).toContain('in the trustedHosts option')
    }
  })

  it('refuses a metadata address, without quoting credentials in the URL', () => {
    const error = refusal('http://user:s3cr3t-pass@169.254.169.254/?token=abc123')
    expect(error.message).toContain('link-local or cloud metadata address')
    expect(error.message).not.toContain('s3cr3t-pass')
  })

  it('refuses a URL that does not parse, without quoting it', () => {
    const error = refusal('https://[sk-live-123')
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error.message).not.toContain('sk-live')
  })
})
