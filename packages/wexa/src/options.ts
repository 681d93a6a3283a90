// createWexaAdapter's options, declared once: the types users write, the
// schema they are checked against, and the environment variables behind them.
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
import { WEXA_PROVIDER } from './map.js'

/**
 * The routes the adapter calls. Each is confirmed by Wexa's docs or its
 * Python SDK (`wexa-sdk` 0.1.16), and each can still be replaced through the
 * `routes` option. Starting work takes two executeflow calls, `startTask`
 * (create an execution, which creates its task) and `executeFlow` (run it);
 * that the pair is how a task starts is inferred.
 */
export interface WexaRoutes {
  /** Documented: `GET /task/{id}`. */
  getTask: RouteTemplate
  /**
   * Confirmed by the SDK: `GET /tasks/{projectID}`, paged by `limit` and
   * `skip`. A replacement without `{projectID}` gets the project as a
   * `projectID` query parameter.
   */
  listTasks: RouteTemplate
  /** Confirmed by the SDK: `POST /task/{id}/pause`. */
  pauseTask: RouteTemplate
  /** Confirmed by the SDK: `POST /task/{id}/resume`. */
  resumeTask: RouteTemplate
  /** Documented: `POST /task/{id}/stop`. */
  cancelTask: RouteTemplate
  /** Documented (create executeflow): `POST /execute_flow`; its answer names the new `task_id` and `execution_id`. */
  startTask: RouteTemplate
  /** Documented (execute agentflow): `POST /execute_flow/{id}/execute`, `{id}` being the execution id. */
  executeFlow: RouteTemplate
  /** Wexa's Python SDK (inbox): `POST /inbox/update/runtime_input/{id}`, `{id}` being the execution id. */
  answerRuntimeInput: RouteTemplate
  /** Wexa's Python SDK (inbox): `POST /inbox/update/preview/{id}`, `{id}` being the execution id. */
  answerPreview: RouteTemplate
  /** Wexa's Python SDK (inbox): `POST /inbox/update/anomaly_detection/{id}`, `{id}` being the execution id. */
  answerAnomaly: RouteTemplate
}

/** The default {@link WexaRoutes}. */
export const WEXA_ROUTES: Readonly<WexaRoutes> = Object.freeze({
  getTask: 'GET /task/{id}',
  listTasks: 'GET /tasks/{projectID}',
  pauseTask: 'POST /task/{id}/pause',
  resumeTask: 'POST /task/{id}/resume',
  cancelTask: 'POST /task/{id}/stop',
  startTask: 'POST /execute_flow',
  executeFlow: 'POST /execute_flow/{id}/execute',
  answerRuntimeInput: 'POST /inbox/update/runtime_input/{id}',
  answerPreview: 'POST /inbox/update/preview/{id}',
  answerAnomaly: 'POST /inbox/update/anomaly_detection/{id}',
})

/** Options of {@link createWexaAdapter}. */
export interface WexaAdapterOptions<Name extends string = typeof WEXA_PROVIDER> extends BaseAdapterOptions<Name> {
  /** The API key, sent as `x-api-key`. Default: the `WEXA_API_KEY` environment variable. */
  apiKey?: string
  /** The project, sent as `projectID`. Default: the `WEXA_PROJECT_ID` environment variable. */
  projectId?: string
  /** The API's base URL. Default: the `WEXA_BASE_URL` environment variable, else `https://api.wexa.ai`. */
  baseUrl?: string
  /** Replacements for any of the {@link WEXA_ROUTES}. */
  routes?: Partial<WexaRoutes>
}

/**
 * The environment variables {@link createWexaAdapter} reads, when it is
 * called, for the options not given.
 */
export const WEXA_ENV_VARS: readonly OptionEnvVar[] = Object.freeze([
  { option: 'apiKey', name: 'WEXA_API_KEY', required: true },
  { option: 'projectId', name: 'WEXA_PROJECT_ID', required: true },
  { option: 'baseUrl', name: 'WEXA_BASE_URL' },
])

/** A route template that resolves: a method, then a path whose `{…}` names the adapter fills in. */
const routeOption = z.string().check(
  z.refine(
    (template) => {
      try {
        resolveRoute(template as RouteTemplate, { id: 'check', projectID: 'check' })
        return true
      } catch (error) {
        if (InvalidArgumentError.is(error)) return false
        throw error
      }
    },
    { message: 'must be a route such as "GET /task/{id}", naming only {id} and {projectID}' },
  ),
) as z.ZodMiniType<RouteTemplate>

const routeNames = Object.keys(WEXA_ROUTES) as (keyof WexaRoutes)[]
const routesOption = z.strictObject(
  Object.fromEntries(routeNames.map((name) => [name, z.optional(routeOption)])) as Record<
    keyof WexaRoutes,
    z.ZodMiniOptional<z.ZodMiniType<RouteTemplate>>
  >,
)

const WexaOptionsSchema = adapterOptionsSchema({
  apiKey: z.optional(headerValueOption),
  projectId: z.optional(z.string()),
  baseUrl: z.optional(z.string()),
  routes: z.optional(routesOption),
}).check(urlOptionsCheck(['baseUrl']))

/** The schema {@link createWexaAdapter}'s options are checked against, for the testkit contract. */
export const WEXA_OPTIONS_SCHEMA: AdapterOptionsSchema = WexaOptionsSchema

/** `createWexaAdapter`'s options, checked, with the environment read now. */
export function resolveWexaOptions(given: unknown): ResolvedOptions<WexaAdapterOptions<string>> {
  return resolveOptions(
    { factory: 'createWexaAdapter', provider: WEXA_PROVIDER, schema: WexaOptionsSchema, env: WEXA_ENV_VARS },
    given,
  )
}
