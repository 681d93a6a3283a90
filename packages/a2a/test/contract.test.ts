import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { A2A_ENV_VARS, createA2AAdapter } from '../src/index.js'
import { A2A_OPTIONS_SCHEMA } from '../src/options.js'
import { type A2AHarness, startA2AHarness } from './harness.js'

// The SDK server serves both versions on the same URLs (its v0.3 compatibility
// layer); the adapter is pinned to one of them per run. It runs a message
// sent again with the same messageId a second time (A2A leaves dropping a
// repeat to the agent), so an idempotency key gives no single run there.
for (const version of ['1.0', '0.3'] as const) {
  runAdapterContract<A2AHarness>({
    name: `a2a v${version} (official @a2a-js/sdk server, JSON-RPC)`,
    startEmulator: () => startA2AHarness(version),
    createAdapter: (harness) =>
      createA2AAdapter({
        agentCardUrl: harness.agentCardUrl,
        apiKey: harness.apiKey,
        protocolVersion: version,
        binding: 'JSONRPC',
        retry: { backoffLimitMs: 20 },
      }),
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

runAdapterContract<A2AHarness>({
  name: 'a2a v1.0 (official @a2a-js/sdk server, HTTP+JSON)',
  startEmulator: () => startA2AHarness('1.0'),
  createAdapter: (harness) =>
    createA2AAdapter({
      agentCardUrl: harness.agentCardUrl,
      apiKey: harness.apiKey,
      binding: 'HTTP+JSON',
      retry: { backoffLimitMs: 20 },
    }),
  startInput: () => ({ text: 'run' }),
  serverRunsRepeatedStarts: true,
})
