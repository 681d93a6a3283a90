// The adapter's options, declared once (the type users write, the schema it
// is checked against, the environment variables behind it), and its inputs,
// checked before any request.
import { InvalidArgumentError } from '@taskbridge/core'
import {
  type AdapterOptionsSchema,
  type Auth,
  adapterOptionsSchema,
  type BaseAdapterOptions,
  headerValueOption,
  type OptionEnvVar,
  type ResolvedOptions,
  resolveOptions,
  urlOptionsCheck,
} from '@taskbridge/provider-utils'
import * as z from 'zod/mini'
import { MCP_PROVIDER, type McpTaskForm } from './map.js'

/** Options of {@link createMcpAdapter}. */
export interface McpAdapterOptions<Name extends string = typeof MCP_PROVIDER> extends BaseAdapterOptions<Name> {
  /**
   * The server's Streamable HTTP endpoint, such as `https://tools.example.com/mcp`.
   * Default: the `MCP_URL` environment variable, read when the adapter is
   * created; with neither, the first call throws an `InvalidArgumentError`.
   */
  url?: string | undefined
  /** A bearer token for the server. Default: the `MCP_TOKEN` environment variable. */
  token?: string | undefined
  /** Speak this form whatever the server advertises. Default: the extension when the server names it, else 2025-11-25. */
  form?: McpTaskForm
  /**
   * Join this existing session (its `Mcp-Session-Id`) instead of starting one:
   * MCP servers keep each task in the session that created it. See `McpAdapter.sessionId`.
   */
  sessionId?: string | undefined
}

/**
 * The environment variables {@link createMcpAdapter} reads, when it is
 * called, for the options not given.
 */
export const MCP_ENV_VARS: readonly OptionEnvVar[] = Object.freeze([
  { option: 'url', name: 'MCP_URL', required: true },
  { option: 'token', name: 'MCP_TOKEN' },
])

const McpOptionsSchema = adapterOptionsSchema({
  url: z.optional(z.string()),
  token: z.optional(headerValueOption),
  form: z.optional(z.enum(['2025-11-25', 'extension'])),
  sessionId: z.optional(z.string()),
}).check(urlOptionsCheck(['url']))

/** The schema {@link createMcpAdapter}'s options are checked against, for the testkit contract. */
export const MCP_OPTIONS_SCHEMA: AdapterOptionsSchema = McpOptionsSchema

/** `createMcpAdapter`'s options, checked, with the environment read now. */
export function resolveMcpOptions(given: unknown): ResolvedOptions<McpAdapterOptions<string>> {
  return resolveOptions(
    { factory: 'createMcpAdapter', provider: MCP_PROVIDER, schema: McpOptionsSchema, env: MCP_ENV_VARS },
    given,
  )
}

/** What `McpAdapter.startTask` takes: a tool call, run as a task. */
export interface McpStartInput {
  /** The tool's name. */
  tool: string
  /** The tool's arguments. */
  arguments?: Record<string, unknown>
  /** How long the server should keep the task, in ms (2025-11-25 form; the extension's server decides alone). */
  ttlMs?: number
}

/** A URL as the HTTP client's base and the path of its last segment. */
export function splitUrl(url: string): { base: string; path: string } {
  const parsed = new URL(url)
  const cut = parsed.pathname.lastIndexOf('/')
  return { base: `${parsed.origin}${parsed.pathname.slice(0, cut)}`, path: parsed.pathname.slice(cut) || '/' }
}

/** `Authorization: Bearer` with the token (given, or `MCP_TOKEN` read when the adapter was created); nothing without one. */
export function tokenHeader(token: string | undefined): Auth {
  return {
    headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}),
    secrets: () => [token],
  }
}

/** `startTask`'s input: a tool name, arguments as an object, a whole positive ttl. */
export function checkStartInput(provider: string, input: McpStartInput): void {
  if (typeof input?.tool !== 'string' || input.tool.trim() === '') {
    throw new InvalidArgumentError({ provider, argument: 'tool', message: 'startTask: tool is required' })
  }
  const { arguments: args, ttlMs } = input
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
    throw new InvalidArgumentError({
      provider,
      argument: 'arguments',
      message: 'startTask: arguments must be an object',
    })
  }
  if (ttlMs !== undefined && !(Number.isSafeInteger(ttlMs) && ttlMs > 0)) {
    throw new InvalidArgumentError({
      provider,
      argument: 'ttlMs',
      message: 'startTask: ttlMs must be a positive integer',
    })
  }
}
