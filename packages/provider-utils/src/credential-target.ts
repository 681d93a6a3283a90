// Where credentials may go when a provider hands back a URL (an agent card's
// interface, a stream host): to the origin the user chose, to hosts the user
// listed, and never, unlisted, to a link-local or cloud metadata address.
import { InvalidPayloadError } from '@taskbridge/core'
import { redactUrl } from '@taskbridge/core/internal'

/** Host names of cloud metadata services (GCP, AWS, Alibaba, Azure and the bare `metadata` alias). */
const METADATA_NAMES: ReadonlySet<string> = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.com',
])
/** Metadata addresses outside the link-local ranges: Alibaba's, AWS's IPv6 one. */
const METADATA_ADDRESSES: ReadonlySet<string> = new Set(['100.100.100.200', 'fd00:ec2::254'])
const IPV4_LINK_LOCAL = /^169\.254\.\d{1,3}\.\d{1,3}$/
/** fe80::/10: the first group is fe80 to febf. */
const IPV6_LINK_LOCAL = /^fe[89ab][0-9a-f]:/
/** An IPv4 address written inside IPv6 (`::ffff:a9fe:a9fe`), as the URL parser writes it. */
const IPV4_MAPPED = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/

/** A URL's host name as compared: lower case, no IPv6 brackets, no trailing dot. */
function bareHostname(url: URL): string {
  return url.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
}

function mappedIpv4(hostname: string): string | undefined {
  const groups = IPV4_MAPPED.exec(hostname)
  if (!groups) return undefined
  const high = Number.parseInt(groups[1] as string, 16)
  const low = Number.parseInt(groups[2] as string, 16)
  return [high >> 8, high & 255, low >> 8, low & 255].join('.')
}

/**
 * Whether a URL points at a link-local address (169.254.0.0/16, fe80::/10)
 * or a cloud metadata service (`metadata.google.internal`, 169.254.169.254,
 * …): places that hand out a machine's own credentials, never an agent's.
 *
 * @example
 * ```ts
 * isLinkLocalOrMetadata(new URL('http://169.254.169.254/latest/')) // true
 * ```
 */
export function isLinkLocalOrMetadata(url: URL): boolean {
  const hostname = bareHostname(url)
  const ipv4 = mappedIpv4(hostname) ?? hostname
  return (
    METADATA_NAMES.has(hostname) ||
    METADATA_ADDRESSES.has(ipv4) ||
    IPV4_LINK_LOCAL.test(ipv4) ||
    IPV6_LINK_LOCAL.test(hostname)
  )
}

/** Options of {@link checkCredentialTarget}. */
export interface CredentialTargetPolicy {
  /** The adapter's name, for the error. */
  provider: string
  /** The origin the user chose (an agent card's, a base URL's): credentials may go there. */
  trustedOrigin: string
  /** More hosts the user allowed (`host` or `host:port`), the option named by `option`. */
  trustedHosts?: readonly string[] | undefined
  /** The option that lists more hosts, named in the error. */
  option: string
  /** What handed the URL over, for the error, such as "the agent card". */
  source: string
}

function listed(url: URL, hosts: readonly string[] | undefined): boolean {
  const names = new Set((hosts ?? []).map((host) => host.toLowerCase().replace(/^\[|\]$/g, '')))
  const hostname = bareHostname(url)
  const withPort = url.port === '' ? hostname : `${hostname}:${url.port}`
  return names.has(hostname) || names.has(withPort) || names.has(url.host.toLowerCase())
}

/**
 * Checks a URL a provider handed back before any credential is sent to it:
 * it must be on the trusted origin (the one the user chose) or a host the
 * user listed; a link-local or cloud metadata address elsewhere is named as
 * such. Otherwise
 * throws an `InvalidPayloadError` that names the URL (credentials in it
 * redacted) and the option that would allow it.
 *
 * @example
 * ```ts
 * checkCredentialTarget('https://agent.example.com/a2a', {
 *   provider: 'a2a',
 *   trustedOrigin: 'https://agent.example.com',
 *   option: 'trustedHosts',
 *   source: 'the agent card',
 * })
 * ```
 */
export function checkCredentialTarget(target: string, policy: CredentialTargetPolicy): URL {
  const refuse = (shown: string, why: string) =>
    new InvalidPayloadError({
      provider: policy.provider,
      raw: shown,
      message: `${policy.source} names ${shown}, ${why}`,
    })
  let url: URL
  try {
    url = new URL(target)
  } catch {
    throw refuse('a URL', 'which does not parse (it is not shown, since it may hold a credential)')
  }
  const shown = redactUrl(url.href)
  const trusted = new URL(policy.trustedOrigin).origin
  if (listed(url, policy.trustedHosts) || url.origin === trusted) return url
  const allow = `list "${url.host}" in the ${policy.option} option to allow it`
  if (isLinkLocalOrMetadata(url)) {
    throw refuse(shown, `a link-local or cloud metadata address: credentials are never sent there; ${allow}`)
  }
  throw refuse(
    shown,
    `not on ${trusted}, where credentials go by default: ${allow} (only if you trust it with your credentials)`,
  )
}
