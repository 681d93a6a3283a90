// The defaults of the HTTP options every adapter takes, as provider-utils
// fills them in (its checkHttpOptions, not exported from the package, so read
// from its source), for the tables of configuration, retries and timeouts.
import { checkHttpOptions } from '../../../packages/provider-utils/src/options.js'

export interface HttpDefaults {
  timeoutMs: number
  /** `maxResponseBytes` in MiB. */
  maxResponseMiB: number
  retryLimit: number
  retryMethods: string
  maxRetryAfterMs: number
  backoffLimitMs: number
}

export function httpDefaults(): HttpDefaults {
  const settings = checkHttpOptions({ provider: 'docs', baseUrl: 'https://example.com' })
  return {
    timeoutMs: settings.timeoutMs,
    maxResponseMiB: settings.maxResponseBytes / 1024 / 1024,
    retryLimit: settings.retryLimit,
    retryMethods: `[${[...settings.retryMethods].map((method) => `'${method}'`).join(', ')}]`,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    backoffLimitMs: settings.backoffLimitMs,
  }
}

export default { load: httpDefaults }
