import { createHttpClient, type ErrorContext, type HttpClient, type ResolvedOptions } from '@taskbridge/provider-utils'
import { orkesAuth } from './credentials.js'
import { normaliseServerUrl, type OrkesTaskAdapterOptions } from './options.js'

// Orkes answers an invalid id with 400 (its docs), 404, or, on the
// open-source server, 204 with an empty body.
/** Whether a task read's answer means "no such task": 400, 404, or an empty 204. */
export const taskNotFound = ({ status, body }: ErrorContext): boolean =>
  status === 400 || status === 404 || (status === 204 && body === undefined)
/** Whether a workflow control call's answer means "no such workflow": 400 or 404. */
export const workflowNotFound = ({ status }: ErrorContext): boolean => status === 400 || status === 404

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
  const tokenClient = createHttpClient({ ...resolved.options, provider, baseUrl: serverUrl })
  return createHttpClient({
    ...resolved.options,
    provider,
    baseUrl: serverUrl,
    auth: orkesAuth(resolved.options, () => tokenClient),
  })
}
