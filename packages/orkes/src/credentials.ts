import { AuthenticationError, InvalidArgumentError, ProviderApiError } from '@taskbridge/core'
import {
  type Auth,
  checkHeaderValueOption,
  checkStringOption,
  type HttpClient,
  headerAuth,
  loadOptionalSetting,
  tokenAuth,
} from '@taskbridge/provider-utils'
import * as z from 'zod/mini'
import { ORKES_PROVIDER } from './map.js'

/** The credential options of the Orkes adapter. */
export interface OrkesCredentials {
  /** The application key id. Default: the `ORKES_KEY_ID` environment variable. */
  keyId?: string
  /** The application key secret. Default: the `ORKES_KEY_SECRET` environment variable. */
  keySecret?: string
  /** A ready token, sent as is instead of exchanging a key. Default: the `ORKES_TOKEN` environment variable. */
  token?: string
  /** How long a token lives when its JWT `exp` cannot be read: more than 0 ms. Default 30 minutes. */
  tokenTtlMs?: number
}

/**
 * Checks the credential options given, so a bad one fails when the adapter
 * is created: `token` must be a string a header can carry, `keyId` and
 * `keySecret` strings, `tokenTtlMs` a positive number of milliseconds. No
 * value is ever quoted.
 */
export function checkOrkesCredentials(options: OrkesCredentials): void {
  checkHeaderValueOption(ORKES_PROVIDER, 'token', options.token)
  checkStringOption(ORKES_PROVIDER, 'keyId', options.keyId)
  checkStringOption(ORKES_PROVIDER, 'keySecret', options.keySecret)
  if (options.tokenTtlMs !== undefined) {
    const ttl = options.tokenTtlMs
    if (!(typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0)) {
      throw new InvalidArgumentError({
        provider: ORKES_PROVIDER,
        argument: 'tokenTtlMs',
        message: `tokenTtlMs must be a number of milliseconds greater than 0, got ${typeof ttl === 'number' ? ttl : typeof ttl}`,
      })
    }
  }
}

const TOKEN_HEADER = 'x-authorization'
// The official SDK renews its tokens every 45 minutes; without a readable
// `exp`, 30 minutes stays well inside that.
const DEFAULT_TOKEN_TTL_MS = 30 * 60_000
const TokenResponseSchema = z.looseObject({ token: z.string().check(z.minLength(1)) })

/**
 * Resolves Orkes credentials when the first request is made: a ready token
 * (`token` or `ORKES_TOKEN`) is sent as is; a key (`keyId`/`keySecret` or
 * `ORKES_KEY_ID`/`ORKES_KEY_SECRET`) is exchanged at `POST /api/token` for
 * a token that is cached, shared and renewed; with neither, nothing is sent
 * (an open-source server without auth). A 404 from `/api/token` also means
 * a server without auth.
 */
export function orkesAuth(options: OrkesCredentials, tokenClient: () => HttpClient): Auth {
  let resolved: Auth | undefined
  const resolve = (): Auth => {
    if (resolved) return resolved
    const token = loadOptionalSetting({ value: options.token, envVar: 'ORKES_TOKEN' })
    const keyId = loadOptionalSetting({ value: options.keyId, envVar: 'ORKES_KEY_ID' })
    const keySecret = loadOptionalSetting({ value: options.keySecret, envVar: 'ORKES_KEY_SECRET' })
    // From the environment, a token is only checked now that it is read.
    if (token) resolved = headerAuth(TOKEN_HEADER, checkHeaderValueOption(ORKES_PROVIDER, 'token', token) as string)
    else if (keyId && keySecret) resolved = exchangeAuth(keyId, keySecret, options.tokenTtlMs, tokenClient)
    else if (keyId || keySecret) {
      throw new InvalidArgumentError({
        provider: ORKES_PROVIDER,
        argument: keyId ? 'keySecret' : 'keyId',
        message: 'Orkes needs both a key id and a key secret (keyId/keySecret or ORKES_KEY_ID/ORKES_KEY_SECRET)',
      })
    } else resolved = { headers: () => ({}) }
    return resolved
  }
  return {
    headers: (signal) => resolve().headers(signal),
    refresh: (rejected) => resolve().refresh?.(rejected) ?? false,
    // The key secret never travels with a task request, but an answer may still echo it.
    secrets: () => [
      loadOptionalSetting({ value: options.keySecret, envVar: 'ORKES_KEY_SECRET' }),
      loadOptionalSetting({ value: options.token, envVar: 'ORKES_TOKEN' }),
    ],
  }
}

function exchangeAuth(
  keyId: string,
  keySecret: string,
  ttlMs: number | undefined,
  tokenClient: () => HttpClient,
): Auth {
  return tokenAuth({
    header: TOKEN_HEADER,
    defaultTtlMs: ttlMs ?? DEFAULT_TOKEN_TTL_MS,
    async fetchToken() {
      try {
        const { body } = await tokenClient().request('/api/token', {
          method: 'POST',
          json: { keyId, keySecret },
          // The exchange changes nothing on the server, so a transient failure may be retried.
          retry: true,
          secrets: [keySecret],
        })
        const parsed = TokenResponseSchema.safeParse(body)
        if (!parsed.success) {
          throw new AuthenticationError({
            provider: ORKES_PROVIDER,
            message: 'POST /api/token answered without a token',
          })
        }
        return { token: parsed.data.token }
      } catch (error) {
        // An open-source Conductor server has no /api/token (Spring answers 404): it needs no token.
        if (ProviderApiError.is(error) && error.status === 404) return null
        throw error
      }
    },
  })
}
