import { readFileSync } from 'node:fs'
import type { AnyTaskAdapter } from '@taskbridge/core'
import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { A2A_ENV_VARS, createA2AAdapter } from '../src/index.js'
import { A2A_OPTIONS_SCHEMA } from '../src/options.js'
import { type A2AHarness, startA2AHarness } from './harness.js'

// The User-Agent names the version in package.json: a version.ts that drifted from it fails here.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

/** The headers section for an adapter that `create` makes with a `headers` option. */
const headerChecks = (
  create: (harness: A2AHarness, headers: Record<string, string | undefined>) => AnyTaskAdapter,
) => ({
  createAdapter: create,
  authHeader: 'x-api-key',
  authValue: (harness: A2AHarness) => harness.apiKey,
  userAgent: `taskbridge-a2a/${version}`,
})

// The SDK server serves both versions on the same URLs (its v0.3 compatibility
// layer); the adapter is pinned to one of them per run. It runs a message
// sent again with the same messageId a second time (A2A leaves dropping a
// repeat to the agent), so an idempotency key gives no single run there.
for (const protocolVersion of ['1.0', '0.3'] as const) {
  const jsonRpcAdapter = (harness: A2AHarness, headers?: Record<string, string | undefined>) =>
    createA2AAdapter({
      agentCardUrl: harness.agentCardUrl,
      apiKey: harness.apiKey,
      protocolVersion,
      binding: 'JSONRPC',
      retry: { backoffLimitMs: 20 },
      headers,
    })
  runAdapterContract<A2AHarness>({
    name: `a2a v${protocolVersion} (official @a2a-js/sdk server, JSON-RPC)`,
    startEmulator: () => startA2AHarness(protocolVersion),
    createAdapter: (harness) => jsonRpcAdapter(harness),
    headers: headerChecks(jsonRpcAdapter),
    startInput: () => ({ text: 'run' }),
    serverRunsRepeatedStarts: true,
    // Once: the options do not depend on the protocol version.
    ...(version === '1.0'
      ? {
          factoryOptions: {
            factory: createA2AAdapter,
            schema: A2A_OPTIONS_SCHEMA,
            valid: (harness: A2AHarness) => ({ agentCardUrl: harness.agentCardUrl, apiKey: harness.apiKey }),
            envVars: A2A_ENV_VARS,
          },
        }
      : {}),
  })
}

const httpJsonAdapter = (harness: A2AHarness, headers?: Record<string, string | undefined>) =>
  createA2AAdapter({
    agentCardUrl: harness.agentCardUrl,
    apiKey: harness.apiKey,
    binding: 'HTTP+JSON',
    retry: { backoffLimitMs: 20 },
    headers,
  })

runAdapterContract<A2AHarness>({
  name: 'a2a v1.0 (official @a2a-js/sdk server, HTTP+JSON)',
  startEmulator: () => startA2AHarness('1.0'),
  createAdapter: (harness) => httpJsonAdapter(harness),
  headers: headerChecks(httpJsonAdapter),
  startInput: () => ({ text: 'run' }),
  serverRunsRepeatedStarts: true,
})
