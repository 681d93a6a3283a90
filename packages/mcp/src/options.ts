// The adapter's options and inputs, checked before any request.
import { InvalidArgumentError } from '@taskbridge/core'
import { type Auth, checkHeaderValueOption, loadOptionalSetting } from '@taskbridge/provider-utils'
import type { McpTaskForm } from './map.js'

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

/** `Authorization: Bearer` with the given token or `MCP_TOKEN`, read per request; nothing when there is neither. */
export function tokenHeader(provider: string, token: string | undefined): Auth {
  const read = () =>
    checkHeaderValueOption(provider, 'token (MCP_TOKEN)', loadOptionalSetting({ value: token, envVar: 'MCP_TOKEN' }))
  return {
    headers(): Record<string, string> {
      const current = read()
      return current ? { authorization: `Bearer ${current}` } : {}
    },
    secrets: () => [read()],
  }
}

/** The `form` option: one of the two forms, or none. */
export function checkForm(provider: string, value: unknown): McpTaskForm | undefined {
  if (value === undefined || value === '2025-11-25' || value === 'extension') return value
  throw new InvalidArgumentError({ provider, argument: 'form', message: 'form must be "2025-11-25" or "extension"' })
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
