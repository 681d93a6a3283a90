import { AuthenticationError, InvalidArgumentError, ProviderApiError } from '@taskbridge/core'
import { type Auth, type HttpClient, headerAuth, tokenAuth } from '@taskbridge/provider-utils'
import * as z from 'zod/mini'
import { ORKES_PROVIDER } from './map.js'
import type { OrkesCredentials } from './options.js'

const TOKEN_HEADER = 'x-authorization'
// The official SDK renews its tokens every 45 minutes; without a readable
// `exp`, 30 minutes stays well inside that.
const DEFAULT_TOKEN_TTL_MS = 30 * 60_000
const TokenResponseSchema = z.looseObject({ token: z.string().check(z.minLength(1)) })

/**
 * Sends Orkes credentials, resolved with the options (the environment
 * variables were read when the adapter was created): a ready token is sent
 * as is; a key (`keyId`/`keySecret`) is exchanged at `POST /api/token`, on
 * the first request, for a token that is cached, shared and renewed; with
 * neither, nothing is sent (an open-source server without auth). A 404 from
 * `/api/token` also means a server without auth. Half a key fails the first
 * request, naming the half that is missing.
 */
export function orkesAuth(options: OrkesCredentials, tokenClient: () => HttpClient): Auth {
  const { token, keyId, keySecret } = options
  let resolved: Auth | undefined
  const resolve = (): Auth => {
    if (resolved) return resolved
    if (token) resolved = headerAuth(TOKEN_HEADER, token)
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
    secrets: () => [keySecret, token],
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
