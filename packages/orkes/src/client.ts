import { createHttpClient, type HttpClient, type ResolvedOptions } from '@taskbridge/provider-utils'
import { orkesAuth } from './credentials.js'
import { normaliseServerUrl, type OrkesTaskAdapterOptions } from './options.js'
import { orkesErrorMessage } from './orkes-error.js'
import { USER_AGENT } from './version.js'

/**
 * The HTTP client both Orkes adapters send through: the server from
 * `serverUrl` (or `ORKES_SERVER_URL`, read when the adapter was created; a
 * missing one fails the first request) and the credentials of `orkesAuth`.
 */
export function createOrkesHttpClient(
  provider: string,
  resolved: ResolvedOptions<OrkesTaskAdapterOptions<string>>,
): HttpClient {
  const serverUrl = () => normaliseServerUrl(resolved.require('serverUrl'))
  const errors = { message: orkesErrorMessage }
  const tokenClient = createHttpClient({
    ...resolved.options,
    provider,
    baseUrl: serverUrl,
    errors,
    userAgent: USER_AGENT,
  })
  return createHttpClient({
    ...resolved.options,
    provider,
    baseUrl: serverUrl,
    auth: orkesAuth(resolved.options, () => tokenClient),
    errors,
    userAgent: USER_AGENT,
  })
}
