// createXpanderAdapter's options, declared once: the type users write, the
// schema it is checked against, and the environment variables behind it.
import { InvalidArgumentError } from '@taskbridge/core'
import {
  type AdapterOptionsSchema,
  adapterOptionsSchema,
  type BaseAdapterOptions,
  headerValueOption,
  type OptionEnvVar,
  type ResolvedOptions,
  type RouteTemplate,
  resolveOptions,
  resolveRoute,
  urlOptionsCheck,
} from '@taskbridge/provider-utils'
import * as z from 'zod/mini'
import { XPANDER_PROVIDER } from './map.js'

/** Options of {@link createXpanderAdapter}. */
export interface XpanderAdapterOptions<Name extends string = typeof XPANDER_PROVIDER> extends BaseAdapterOptions<Name> {
  /** The API key, sent as `x-api-key`. Default: the `XPANDER_API_KEY` environment variable. */
  apiKey?: string
  /** The API's base URL. Default: the `XPANDER_BASE_URL` environment variable, else `https://api.xpander.ai/v1`. */
  baseUrl?: string
  /** Where task event streams are served (xpander's agent controller). Default: `XPANDER_EVENTS_BASE_URL`, else `https://agent-controller.xpander.ai` (as xpander's SDK). */
  eventsBaseUrl?: string
  /** The route of a task's event stream. Default `GET /{organizationId}/agent-execution/{id}/events` (as xpander's SDK). */
  eventsRoute?: RouteTemplate
  /** Your organisation, for the event stream's route. Default: the one the task names (`organization_id`). */
  organizationId?: string
}

/**
 * The environment variables {@link createXpanderAdapter} reads, when it is
 * called, for the options not given.
 */
export const XPANDER_ENV_VARS: readonly OptionEnvVar[] = Object.freeze([
  { option: 'apiKey', name: 'XPANDER_API_KEY', required: true },
  { option: 'baseUrl', name: 'XPANDER_BASE_URL' },
  { option: 'eventsBaseUrl', name: 'XPANDER_EVENTS_BASE_URL' },
])

const eventsRouteOption = z.string().check(
  z.refine(
    (template) => {
      try {
        resolveRoute(template as RouteTemplate, { organizationId: 'check', id: 'check' })
        return true
      } catch (error) {
        if (InvalidArgumentError.is(error)) return false
        throw error
      }
    },
    { message: 'must be a route such as "GET /{organizationId}/agent-execution/{id}/events"' },
  ),
) as z.ZodMiniType<RouteTemplate>

const XpanderOptionsSchema = adapterOptionsSchema({
  apiKey: z.optional(headerValueOption),
  baseUrl: z.optional(z.string()),
  eventsBaseUrl: z.optional(z.string()),
  eventsRoute: z.optional(eventsRouteOption),
  organizationId: z.optional(z.string()),
}).check(urlOptionsCheck(['baseUrl', 'eventsBaseUrl']))

/** The schema {@link createXpanderAdapter}'s options are checked against, for the testkit contract. */
export const XPANDER_OPTIONS_SCHEMA: AdapterOptionsSchema = XpanderOptionsSchema

/** `createXpanderAdapter`'s options, checked, with the environment read now. */
export function resolveXpanderOptions(given: unknown): ResolvedOptions<XpanderAdapterOptions<string>> {
  return resolveOptions(
    {
      factory: 'createXpanderAdapter',
      provider: XPANDER_PROVIDER,
      schema: XpanderOptionsSchema,
      env: XPANDER_ENV_VARS,
    },
    given,
  )
}
