import { randomBytes, randomUUID } from 'node:crypto'
import type { EmulatorClock } from '../toolkit/clock.js'

/** What the emulator concludes about an `X-Authorization` header. */
export type TokenCheck = 'valid' | 'expired' | 'invalid'

/** Issues the JWTs `POST /api/token` answers and recognises them afterwards. */
export interface TokenIssuer {
  /** A new token for this key id, valid for the issuer's lifetime of virtual time. */
  issue(keyId: string): string
  check(token: string | undefined): TokenCheck
  /** Every token issued so far stops working (it reads as expired). */
  expireAll(): void
  /** Every token ever issued, valid or not. */
  readonly issued: readonly string[]
}

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')

/**
 * Tokens look like real JWTs (base64url header, payload with `sub`, `iat`
 * and `exp` in seconds, and a signature part) so a client may read `exp`;
 * the signature is random bytes, as nothing here verifies it. Expiry follows
 * the virtual clock, but `iat` and `exp` are real-world times (as a real
 * server's are), so a client that compares `exp` with its own clock sees the
 * same lifetime.
 */
export function createTokenIssuer(clock: EmulatorClock, ttlMs: number): TokenIssuer {
  const expiresAt = new Map<string, number>()
  const issued: string[] = []
  return {
    issue(keyId) {
      const expiry = clock.now() + ttlMs
      const wallNow = Date.now()
      const payload = {
        sub: keyId,
        iss: 'orkes-emulator',
        iat: Math.floor(wallNow / 1000),
        exp: Math.floor((wallNow + ttlMs) / 1000),
        jti: randomUUID(),
      }
      const token = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.${randomBytes(32).toString('base64url')}`
      expiresAt.set(token, expiry)
      issued.push(token)
      return token
    },
    check(token) {
      const expiry = token === undefined ? undefined : expiresAt.get(token)
      if (expiry === undefined) return 'invalid'
      return clock.now() < expiry ? 'valid' : 'expired'
    },
    expireAll() {
      for (const token of expiresAt.keys()) expiresAt.set(token, Number.NEGATIVE_INFINITY)
    },
    issued,
  }
}
