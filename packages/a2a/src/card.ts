// The agent card: where the agent is reached (its interfaces: binding, URL,
// protocol version) and which credentials it takes (its security schemes).
import * as z from 'zod/mini'
import type { A2AProtocolVersion } from './map.js'

/** The bindings the adapter speaks. */
export type A2ABinding = 'JSONRPC' | 'HTTP+JSON'

/** One way to reach the agent, as the card names it. */
export interface A2AInterface {
  url: string
  binding: A2ABinding
  protocolVersion: A2AProtocolVersion
}

/** A credential the card asks for, in the form the adapter can send. */
export type A2ACredentialScheme =
  /** An API key in a named header. */
  | { type: 'apiKey'; header: string }
  /** `Authorization: Bearer <token>`: HTTP bearer, OAuth 2 and OpenID Connect schemes. */
  | { type: 'bearer' }

/** The parts of an agent card (v1.0, or v0.3 with or without v1.0's `supportedInterfaces`) the adapter reads. */
export interface A2AAgentCard {
  name?: string | null
  supportedInterfaces?: { url: string; protocolBinding?: string | null; protocolVersion?: string | null }[] | null
  /** v0.3: the main interface. */
  url?: string | null
  preferredTransport?: string | null
  protocolVersion?: string | null
  additionalInterfaces?: { url: string; transport?: string | null }[] | null
  securitySchemes?: Record<string, unknown> | null
  capabilities?: { streaming?: boolean | null; pushNotifications?: boolean | null; [key: string]: unknown } | null
  [key: string]: unknown
}

/** Zod schema of {@link A2AAgentCard} (loose). */
export const A2AAgentCardSchema: z.ZodMiniType<A2AAgentCard> = z.looseObject({
  name: z.nullish(z.string()),
  supportedInterfaces: z.nullish(
    z.array(
      z.looseObject({
        url: z.string(),
        protocolBinding: z.nullish(z.string()),
        protocolVersion: z.nullish(z.string()),
      }),
    ),
  ),
  url: z.nullish(z.string()),
  preferredTransport: z.nullish(z.string()),
  protocolVersion: z.nullish(z.string()),
  additionalInterfaces: z.nullish(z.array(z.looseObject({ url: z.string(), transport: z.nullish(z.string()) }))),
  securitySchemes: z.nullish(z.record(z.string(), z.unknown())),
  capabilities: z.nullish(
    z.looseObject({ streaming: z.nullish(z.boolean()), pushNotifications: z.nullish(z.boolean()) }),
  ),
})

/** `1.0` for any 1.x, `0.3` for 0.3.x; other versions are not spoken. */
function versionOf(value: string | null | undefined): A2AProtocolVersion | undefined {
  if (!value) return undefined
  if (/^1(\.|$)/.test(value)) return '1.0'
  if (/^0\.3(\.|$)/.test(value)) return '0.3'
  return undefined
}

function bindingOf(value: string | null | undefined): A2ABinding | undefined {
  const upper = value?.toUpperCase()
  return upper === 'JSONRPC' || upper === 'HTTP+JSON' ? upper : undefined
}

/** Every interface of the card the adapter can speak, in the card's order (its preference). */
export function interfacesOf(card: A2AAgentCard): A2AInterface[] {
  const found: A2AInterface[] = []
  const add = (url: string, binding: string | null | undefined, version: string | null | undefined) => {
    const known = { binding: bindingOf(binding), protocolVersion: versionOf(version) }
    // HTTP+JSON is spoken at v1.0 only: v0.3's REST bodies differ field by field.
    if (!known.binding || !known.protocolVersion) return
    if (known.binding === 'HTTP+JSON' && known.protocolVersion === '0.3') return
    found.push({ url, binding: known.binding, protocolVersion: known.protocolVersion })
  }
  for (const entry of card.supportedInterfaces ?? []) add(entry.url, entry.protocolBinding, entry.protocolVersion)
  if (card.url) add(card.url, card.preferredTransport ?? 'JSONRPC', card.protocolVersion)
  for (const entry of card.additionalInterfaces ?? []) add(entry.url, entry.transport, card.protocolVersion)
  return found
}

/** What the caller asks of the interface. */
export interface InterfacePreference {
  binding?: A2ABinding | undefined
  protocolVersion?: A2AProtocolVersion | undefined
}

/**
 * The interface to use: the first in the card's order that matches the
 * preference, v1.0 before v0.3 when the version is not given; `undefined`
 * when none matches.
 */
export function selectInterface(card: A2AAgentCard, preference: InterfacePreference = {}): A2AInterface | undefined {
  const matching = interfacesOf(card).filter(
    (entry) =>
      (!preference.binding || entry.binding === preference.binding) &&
      (!preference.protocolVersion || entry.protocolVersion === preference.protocolVersion),
  )
  return matching.find((entry) => entry.protocolVersion === '1.0') ?? matching[0]
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined

/**
 * One security scheme in the form the adapter sends, read from v1.0's
 * ProtoJSON (`apiKeySecurityScheme`, `httpAuthSecurityScheme`, …), v0.3's
 * `type` form, and the `{ scheme: { $case, value } }` form `@a2a-js/sdk`
 * serves its v1.0 cards in. Mutual TLS (a client certificate, through a
 * custom `fetch`) and API keys outside a header give `undefined`.
 */
function schemeOf(raw: unknown): A2ACredentialScheme | undefined {
  const scheme = record(raw)
  if (!scheme) return undefined
  const sdkCase = record(scheme.scheme)
  const [kind, value] =
    typeof sdkCase?.$case === 'string'
      ? [sdkCase.$case, record(sdkCase.value)]
      : typeof scheme.type === 'string'
        ? [scheme.type, scheme]
        : (Object.entries(scheme).find(([, entry]) => record(entry)) ?? ['', undefined])
  const fields = record(value) ?? {}
  if (kind === 'apiKeySecurityScheme' || kind === 'apiKey') {
    const location = fields.location ?? fields.in
    return location === 'header' && typeof fields.name === 'string'
      ? { type: 'apiKey', header: fields.name }
      : undefined
  }
  if (kind === 'httpAuthSecurityScheme' || kind === 'http') {
    return String(fields.scheme).toLowerCase() === 'bearer' ? { type: 'bearer' } : undefined
  }
  const tokenKinds = ['oauth2SecurityScheme', 'oauth2', 'openIdConnectSecurityScheme', 'openIdConnect']
  return tokenKinds.includes(kind as string) ? { type: 'bearer' } : undefined
}

/** The credentials the card's security schemes ask for, in the card's order, that the adapter can send. */
export function credentialSchemesOf(card: A2AAgentCard): A2ACredentialScheme[] {
  return Object.values(card.securitySchemes ?? {}).flatMap((raw) => {
    const scheme = schemeOf(raw)
    return scheme ? [scheme] : []
  })
}
