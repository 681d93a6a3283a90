import type { KyInstance } from 'ky'
import { ReceivedText } from './body.js'
import type { HttpSettings } from './options.js'
import { credentialSafeFetch } from './redirects.js'
import { retryDelayOf } from './retry-after.js'

/** The ky instances a client sends through: one for requests that retry and one for those that do not. */
export interface KyClients {
  retrying: KyInstance
  once: KyInstance
  ky: typeof import('ky')
}

/** What the ky instances are built from. */
export interface KyClientSource {
  provider: string
  settings: HttpSettings
  /** The fetch to send with: the user's, else the global one. */
  fetch: typeof globalThis.fetch | undefined
  /** Whether requests carry credentials: redirects are then followed only where they may go. */
  withCredentials: boolean
  /** The base URL's origin, read when a redirect is checked. */
  trustedOrigin: () => string
}

const NO_RETRY = { limit: 0 } as const
const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504]

// ky is imported on the first request, not with this module: loading ky
// probes `globalThis.Request`, which makes Node load its whole fetch
// implementation (undici), tens of milliseconds that importing an adapter
// should not cost. The first request needs undici anyway.
let kyModule: Promise<typeof import('ky')> | undefined
const loadKy = (): Promise<typeof import('ky')> => (kyModule ??= import('ky'))

/**
 * Builds the ky instances (loading ky): two, so no request pays for merging
 * and normalising its retry settings. Retries honour `Retry-After` up to
 * `maxRetryAfterMs`; a longer wait is the caller's decision.
 */
export async function createKyClients(source: KyClientSource): Promise<KyClients> {
  const { provider, settings } = source
  const ky = await loadKy()
  const once = ky.default.create({
    fetch: source.withCredentials
      ? credentialSafeFetch(
          () => source.fetch ?? globalThis.fetch,
          () => ({
            provider,
            trustedOrigin: source.trustedOrigin(),
            trustedHosts: settings.trustedHosts,
            option: 'trustedHosts',
            source: 'A redirect',
          }),
        )
      : source.fetch,
    timeout: settings.timeoutMs,
    throwHttpErrors: true,
    retry: NO_RETRY,
    // Error bodies stay text here: the client parses and redacts them itself.
    parseJson: (text: string) => new ReceivedText(text),
  })
  const retrying = once.extend({
    retry: {
      limit: settings.retryLimit,
      // Which requests retry is decided per request; ky only needs to allow the method.
      methods: ['get', 'post', 'put', 'patch', 'delete'],
      statusCodes: RETRY_STATUS_CODES,
      afterStatusCodes: [429, 503],
      maxRetryAfter: settings.maxRetryAfterMs,
      backoffLimit: settings.backoffLimitMs,
      jitter: (delay: number) => delay * (0.8 + Math.random() * 0.2),
      shouldRetry: ({ error }) => {
        if (!ky.isHTTPError(error)) return undefined
        const after = retryDelayOf(error.response.headers)
        // A wait longer than we are willing to sit through is the caller's decision.
        return after !== undefined && after > settings.maxRetryAfterMs ? false : undefined
      },
    },
  })
  return { retrying, once, ky }
}
