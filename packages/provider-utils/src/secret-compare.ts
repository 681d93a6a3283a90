// A comparison of secrets (webhook tokens) that runs wherever fetch does:
// Node, Deno, Bun and edge runtimes, with Web Crypto and no `node:crypto`.

const encoder = new TextEncoder()

async function digestOf(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
}

/**
 * Whether `received` equals `expected`, in time that tells nothing about
 * where they differ or how long `expected` is: both are hashed (SHA-256)
 * and the digests compared byte by byte without stopping early. `null` or
 * `undefined` (a missing header) is never equal.
 *
 * @example
 * ```ts
 * if (!(await secretsMatch(request.headers.get('x-hook-token'), process.env.HOOK_TOKEN ?? ''))) return new Response(null, { status: 401 })
 * ```
 */
export async function secretsMatch(received: string | null | undefined, expected: string): Promise<boolean> {
  if (typeof received !== 'string') return false
  const [a, b] = await Promise.all([digestOf(received), digestOf(expected)])
  let difference = 0
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0)
  return difference === 0
}
