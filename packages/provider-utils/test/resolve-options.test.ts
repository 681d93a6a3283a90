import { InvalidArgumentError } from '@taskbridge/core'
import { afterEach, describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { adapterOptionsSchema, headerValueOption, resolveOptions, urlOptionsCheck } from '../src/index.js'
import { outputForms } from './output-forms.js'

const SECRET = 'sk-live-resolve-secret-5150'
const schema = adapterOptionsSchema({
  apiKey: z.optional(headerValueOption),
  baseUrl: z.optional(z.string()),
  mode: z.optional(z.enum(['fast', 'slow'])),
}).check(urlOptionsCheck(['baseUrl']))
const spec = {
  factory: 'createAcmeAdapter',
  provider: 'acme',
  schema,
  env: [
    { option: 'apiKey', name: 'ACME_API_KEY', required: true },
    { option: 'baseUrl', name: 'ACME_BASE_URL' },
  ],
}

function errorOf(run: () => unknown): InvalidArgumentError {
  try {
    run()
  } catch (error) {
    expect(InvalidArgumentError.is(error)).toBe(true)
    expect(outputForms(error)).not.toContain(SECRET)
    return error as InvalidArgumentError
  }
  throw new Error('expected an InvalidArgumentError')
}

afterEach(() => {
  delete process.env.ACME_API_KEY
  delete process.env.ACME_BASE_URL
})

describe('resolveOptions', () => {
  it('names the factory and an unknown key', () => {
    const error = errorOf(() => resolveOptions(spec, { apiKey: 'k', apiKy: SECRET }))
    expect(error).toMatchObject({ argument: 'apiKy', provider: 'acme', retryable: false })
    expect(error.message).toBe('[acme] createAcmeAdapter: `apiKy` is not an option')
  })

  it.each([
    ['apiKey', { apiKey: { nested: SECRET } }, 'must be a string, got an object'],
    ['apiKey', { apiKey: `${SECRET}\r\n` }, 'cannot be sent in an HTTP header'],
    ['mode', { mode: SECRET }, 'must be one of "fast", "slow"'],
    ['timeoutMs', { timeoutMs: SECRET }, 'must be a number, got a string'],
    ['retry', { retry: SECRET }, 'must be false or an object, got a string'],
    ['retry.limit', { retry: { limit: -1 } }, 'must be at least 0'],
    ['headers["x-note"]', { headers: { 'x-note': `${SECRET}\n` } }, 'cannot be sent'],
    ['headers', { headers: { 'bad name': SECRET } }, 'not a valid HTTP header name'],
    ['baseUrl', { baseUrl: `https://acme.dev/?key=${SECRET}` }, 'must not have a query string'],
  ])('refuses a bad %s, naming it and never quoting the value', (argument, options, problem) => {
    const error = errorOf(() => resolveOptions(spec, options))
    expect(error.argument).toBe(argument)
    expect(error.message).toContain(`createAcmeAdapter: option \`${argument}\``)
    expect(error.message).toContain(problem)
  })

  it('refuses options that are not an object', () => {
    expect(errorOf(() => resolveOptions(spec, [SECRET])).argument).toBe('options')
  })

  it('reads the environment when it runs, and only for options not given', () => {
    process.env.ACME_API_KEY = 'from-env'
    const resolved = resolveOptions(spec, { baseUrl: 'https://acme.dev' })
    delete process.env.ACME_API_KEY
    expect(resolved.options).toMatchObject({ apiKey: 'from-env', baseUrl: 'https://acme.dev' })
    process.env.ACME_BASE_URL = 'https://other.dev'
    expect(resolveOptions(spec, { apiKey: 'given', baseUrl: ' ' }).options.baseUrl).toBe('https://other.dev')
  })

  it('names the variable a bad value came from', () => {
    process.env.ACME_API_KEY = `${SECRET}\n`
    const error = errorOf(() => resolveOptions(spec, {}))
    expect(error.argument).toBe('apiKey')
    expect(error.message).toContain('option `apiKey` (from ACME_API_KEY) cannot be sent')
  })

  it('says a missing required option only when it is asked for, naming the option and the variable', () => {
    const resolved = resolveOptions(spec, undefined)
    const error = errorOf(() => resolved.require('apiKey'))
    expect(error.argument).toBe('apiKey')
    expect(error.message).toContain('pass it to createAcmeAdapter or set the ACME_API_KEY environment variable')
  })
})
