// The Orkes factories' options, declared once: the types users write, the
// schemas they are checked against, and the environment variables behind them.
import {
  type AdapterOptionsSchema,
  adapterOptionsSchema,
  type BaseAdapterOptions,
  durationOption,
  headerValueOption,
  type OptionEnvVar,
  type ResolvedOptions,
  resolveOptions,
  urlOptionsCheck,
} from '@taskbridge/provider-utils'
import * as z from 'zod/mini'
import { ORKES_PROVIDER } from './map.js'

/** The credential options of the Orkes adapters. */
export interface OrkesCredentials {
  /** The application key id. Default: the `ORKES_KEY_ID` environment variable. */
  keyId?: string
  /** The application key secret. Default: the `ORKES_KEY_SECRET` environment variable. */
  keySecret?: string
  /** A ready token, sent as is instead of exchanging a key. Default: the `ORKES_TOKEN` environment variable. */
  token?: string
  /** How long a token lives when its JWT `exp` cannot be read: more than 0 ms. Default 30 minutes. */
  tokenTtlMs?: number
}

/** Options of {@link createOrkesTaskAdapter}. */
export interface OrkesTaskAdapterOptions<Name extends string = typeof ORKES_PROVIDER>
  extends BaseAdapterOptions<Name>,
    OrkesCredentials {
  /** The cluster URL, with or without `/api`. Default: the `ORKES_SERVER_URL` environment variable. */
  serverUrl?: string
}

/** Options of {@link createOrkesWorkflowAdapter}. */
export interface OrkesWorkflowAdapterOptions<Name extends string = typeof ORKES_PROVIDER>
  extends OrkesTaskAdapterOptions<Name> {
  /** The reason sent when `cancelTask` terminates a workflow. */
  terminateReason?: string
  /**
   * Read each workflow with its tasks (`includeTasks=true`), kept in
   * `metadata.tasks`. Default true: a running workflow whose pending HUMAN or
   * WAIT task waits for a person is `waiting_for_input` only when its tasks
   * are read. False reads less, and such a workflow is `running`.
   */
  includeTasks?: boolean
}

/**
 * The environment variables the Orkes factories read, when they are called,
 * for the options not given.
 */
export const ORKES_ENV_VARS: readonly OptionEnvVar[] = Object.freeze([
  { option: 'serverUrl', name: 'ORKES_SERVER_URL', required: true },
  { option: 'keyId', name: 'ORKES_KEY_ID' },
  { option: 'keySecret', name: 'ORKES_KEY_SECRET' },
  { option: 'token', name: 'ORKES_TOKEN' },
])

/** The serverUrl without trailing slashes or `/api`, since every route starts with `/api`. */
export function normaliseServerUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/api$/, '')
}

const taskShape = {
  serverUrl: z.optional(z.string()),
  keyId: z.optional(z.string()),
  keySecret: z.optional(z.string()),
  token: z.optional(headerValueOption),
  tokenTtlMs: z.optional(durationOption),
}
const serverUrlCheck = urlOptionsCheck(['serverUrl'], normaliseServerUrl)
const OrkesTaskOptionsSchema = adapterOptionsSchema(taskShape).check(serverUrlCheck)
const OrkesWorkflowOptionsSchema = adapterOptionsSchema({
  ...taskShape,
  terminateReason: z.optional(z.string()),
  includeTasks: z.optional(z.boolean()),
}).check(serverUrlCheck)

/** The schema {@link createOrkesTaskAdapter}'s options are checked against, for the testkit contract. */
export const ORKES_TASK_OPTIONS_SCHEMA: AdapterOptionsSchema = OrkesTaskOptionsSchema
/** The schema {@link createOrkesWorkflowAdapter}'s options are checked against, for the testkit contract. */
export const ORKES_WORKFLOW_OPTIONS_SCHEMA: AdapterOptionsSchema = OrkesWorkflowOptionsSchema

/** `createOrkesTaskAdapter`'s options, checked, with the environment read now. */
export function resolveOrkesTaskOptions(given: unknown): ResolvedOptions<OrkesTaskAdapterOptions<string>> {
  return resolveOptions(
    {
      factory: 'createOrkesTaskAdapter',
      provider: ORKES_PROVIDER,
      schema: OrkesTaskOptionsSchema,
      env: ORKES_ENV_VARS,
    },
    given,
  )
}

/** `createOrkesWorkflowAdapter`'s options, checked, with the environment read now. */
export function resolveOrkesWorkflowOptions(given: unknown): ResolvedOptions<OrkesWorkflowAdapterOptions<string>> {
  return resolveOptions(
    {
      factory: 'createOrkesWorkflowAdapter',
      provider: ORKES_PROVIDER,
      schema: OrkesWorkflowOptionsSchema,
      env: ORKES_ENV_VARS,
    },
    given,
  )
}
