// createA2AAdapter's options, declared once: the type users write, the schema
// it is checked against, and the environment variables behind it.
import {
  type AdapterOptionsSchema,
  adapterOptionsSchema,
  type BaseAdapterOptions,
  headerValueOption,
  type OptionEnvVar,
  type ResolvedOptions,
  resolveOptions,
  urlOptionsCheck,
} from '@taskbridge/provider-utils'
import * as z from 'zod/mini'
import type { A2ABinding } from './card.js'
import { A2A_PROVIDER, type A2AProtocolVersion } from './map.js'

/** Options of {@link createA2AAdapter}: give `agentCardUrl`, or `baseUrl` to skip the card. */
export interface A2AAdapterOptions<Name extends string = typeof A2A_PROVIDER> extends BaseAdapterOptions<Name> {
  /**
   * The agent card, usually `https://<agent>/.well-known/agent-card.json`: it names the interfaces and credentials.
   * Default (when `baseUrl` is not given either): the `A2A_AGENT_CARD_URL` environment variable, read when the adapter
   * is created; with neither, the first call throws an `InvalidArgumentError` naming both.
   */
  agentCardUrl?: string
  /** The URL of one interface, used as it is without reading the card (then `binding` and `protocolVersion` say what it speaks). */
  baseUrl?: string
  /** Use only this binding. Default: the card's first one the adapter speaks (JSON-RPC with `baseUrl`). */
  binding?: A2ABinding
  /** Use only this protocol version. Default: 1.0 when the card offers it, else 0.3 (1.0 with `baseUrl`). */
  protocolVersion?: A2AProtocolVersion
  /** An API key, sent in the header the card's API-key scheme names. Default: the `A2A_API_KEY` environment variable. */
  apiKey?: string
  /** A bearer token for the card's HTTP bearer, OAuth 2 or OpenID Connect scheme. Default: the `A2A_TOKEN` environment variable. */
  token?: string
  /** The header of `apiKey` when there is no card (`baseUrl`). Default `x-api-key`. */
  apiKeyHeader?: string
  /**
   * Hosts (`host` or `host:port`) besides the agent card's own origin that the card (or a redirect) may send the
   * adapter to, with the credentials. Default: none, so a card naming another host, or a link-local or cloud metadata
   * address, is an `InvalidPayloadError` that names this option.
   */
  trustedHosts?: readonly string[]
}

/**
 * The environment variables {@link createA2AAdapter} reads, when it is
 * called, for the options not given (`A2A_AGENT_CARD_URL` only without `baseUrl`).
 */
export const A2A_ENV_VARS: readonly OptionEnvVar[] = Object.freeze([
  { option: 'agentCardUrl', name: 'A2A_AGENT_CARD_URL', required: true, unless: 'baseUrl' },
  { option: 'apiKey', name: 'A2A_API_KEY' },
  { option: 'token', name: 'A2A_TOKEN' },
])

const A2AOptionsSchema = adapterOptionsSchema({
  agentCardUrl: z.optional(z.string()),
  baseUrl: z.optional(z.string()),
  binding: z.optional(z.enum(['JSONRPC', 'HTTP+JSON'])),
  protocolVersion: z.optional(z.enum(['1.0', '0.3'])),
  apiKey: z.optional(headerValueOption),
  token: z.optional(headerValueOption),
  apiKeyHeader: z.optional(z.string()),
}).check(
  urlOptionsCheck(['agentCardUrl', 'baseUrl']),
  z.refine((options) => options.agentCardUrl === undefined || options.baseUrl === undefined, {
    path: ['agentCardUrl'],
    message: 'and `baseUrl` cannot both be given: give one',
  }),
)

/** The schema {@link createA2AAdapter}'s options are checked against, for the testkit contract. */
export const A2A_OPTIONS_SCHEMA: AdapterOptionsSchema = A2AOptionsSchema

/** `createA2AAdapter`'s options, checked, with the environment read now. */
export function resolveA2AOptions(given: unknown): ResolvedOptions<A2AAdapterOptions<string>> {
  return resolveOptions(
    { factory: 'createA2AAdapter', provider: A2A_PROVIDER, schema: A2AOptionsSchema, env: A2A_ENV_VARS },
    given,
  )
}
