// The zod/mini pieces adapter options are declared with. Every message is
// about the option, never its value: an option may hold a credential.
import { MAX_TIMER_MS } from '@taskbridge/core'
import * as z from 'zod/mini'
import { checkBaseUrl } from './base-url.js'
import type { HttpMethod, RetryOptions } from './http-types.js'

/** An HTTP field name: an RFC 9110 token. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** What no header value can hold: NUL, CR, LF, or anything past Latin-1. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects.
const UNSENDABLE_IN_HEADER = /[\u0000\r\n\u0100-\uffff]/
const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

/**
 * A string a header can carry (an API key, a token): no NUL, CR or LF, and
 * Latin-1 characters only.
 */
export const headerValueOption: z.ZodMiniType<string> = z.string().check(
  z.refine((value) => !UNSENDABLE_IN_HEADER.test(value), {
    message: 'cannot be sent in an HTTP header: it holds a line break, a NUL or a character outside Latin-1',
  }),
)

/** A positive time in milliseconds, up to what a timer can wait. */
export const durationOption: z.ZodMiniType<number> = z
  .number()
  .check(
    z.refine((value) => value > 0 && value <= MAX_TIMER_MS, { message: `must be from 1 up to ${MAX_TIMER_MS} ms` }),
  )

const headersOption = z.record(
  z.string().check(z.regex(HEADER_NAME, { message: 'holds a name that is not a valid HTTP header name' })),
  z.optional(headerValueOption),
)

const retryOption = z.union([
  z.literal(false),
  z.strictObject({
    limit: z.optional(z.int().check(z.gte(0))),
    methods: z.optional(z.readonly(z.array(z.enum(HTTP_METHODS as [HttpMethod, ...HttpMethod[]])))),
    maxRetryAfterMs: z.optional(z.number().check(z.gte(0), z.lte(MAX_TIMER_MS))),
    backoffLimitMs: z.optional(durationOption),
  }),
])

const fetchOption = z.custom<typeof globalThis.fetch>((value) => typeof value === 'function', {
  message: 'must be a fetch function',
})

/** The zod/mini shape of {@link BaseAdapterOptions}, spelled out so the types it gives stay exact. */
// A type alias, not an interface: a shape must be assignable to zod's index-signature shape type.
export type BaseAdapterOptionShape = {
  name: z.ZodMiniOptional<z.ZodMiniType<string>>
  headers: z.ZodMiniOptional<z.ZodMiniType<Record<string, string | undefined>>>
  fetch: z.ZodMiniOptional<z.ZodMiniType<typeof globalThis.fetch>>
  timeoutMs: z.ZodMiniOptional<z.ZodMiniType<number>>
  retry: z.ZodMiniOptional<z.ZodMiniType<RetryOptions | false>>
  allowInsecureHttp: z.ZodMiniOptional<z.ZodMiniType<boolean>>
  maxResponseBytes: z.ZodMiniOptional<z.ZodMiniType<number>>
  trustedHosts: z.ZodMiniOptional<z.ZodMiniType<readonly string[]>>
}

/** A factory's whole options schema, as `adapterOptionsSchema` builds it: what the testkit contract reads. */
export type AdapterOptionsSchema = z.ZodMiniObject<z.core.$ZodShape, z.core.$strict>

/**
 * The options every HTTP adapter takes, as zod/mini schemas: the adapter's
 * `name` and the HTTP options ({@link AdapterHttpOptions}).
 */
export const BASE_ADAPTER_OPTION_SHAPE: Readonly<BaseAdapterOptionShape> = Object.freeze({
  name: z.optional(z.string()),
  headers: z.optional(headersOption),
  fetch: z.optional(fetchOption),
  timeoutMs: z.optional(durationOption),
  retry: z.optional(retryOption),
  allowInsecureHttp: z.optional(z.boolean()),
  maxResponseBytes: z.optional(z.number().check(z.gt(0), z.lte(Number.MAX_SAFE_INTEGER))),
  trustedHosts: z.optional(
    z.readonly(z.array(z.string().check(z.refine((host) => host.trim() !== '', { message: 'must be host names' })))),
  ),
})

/**
 * A factory's options schema: the {@link BASE_ADAPTER_OPTION_SHAPE} plus the
 * adapter's own, strict (an unknown key is an error). Resolve options with it
 * through `resolveOptions`.
 *
 * @example
 * ```ts
 * const AcmeOptionsSchema = adapterOptionsSchema({ apiKey: z.optional(headerValueOption), baseUrl: z.optional(z.string()) })
 * ```
 */
export function adapterOptionsSchema<const Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
): z.ZodMiniObject<BaseAdapterOptionShape & Shape, z.core.$strict> {
  return z.strictObject({ ...BASE_ADAPTER_OPTION_SHAPE, ...shape }) as z.ZodMiniObject<
    BaseAdapterOptionShape & Shape,
    z.core.$strict
  >
}

/**
 * A check of whole options that runs `checkBaseUrl` on each URL option
 * given, honouring `allowInsecureHttp`; a problem becomes an issue on that
 * option. `normalise` rewrites a URL before it is checked (Orkes drops `/api`).
 */
export function urlOptionsCheck(
  names: readonly string[],
  normalise: (url: string) => string = (url) => url,
): z.core.$ZodCheck<Record<string, unknown>> {
  return z.superRefine((options: Record<string, unknown>, context) => {
    for (const name of names) {
      const url = options[name]
      if (typeof url !== 'string') continue
      try {
        checkBaseUrl(normalise(url), {
          provider: 'options',
          argument: name,
          allowInsecureHttp: options.allowInsecureHttp === true,
        })
      } catch (error) {
        const problem = (error as Error).message.replace(/^\[options\] /, '').replace(`${name} `, '')
        context.addIssue({ code: 'custom', path: [name], message: problem, input: undefined })
      }
    }
  })
}
