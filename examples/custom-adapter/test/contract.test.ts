import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createOpenAIResponsesAdapter } from '../src/openai-responses.js'
import { type OpenAIEmulator, startOpenAIEmulator } from './openai-emulator.js'

runAdapterContract<OpenAIEmulator>({
  name: 'openai responses (example)',
  startEmulator: startOpenAIEmulator,
  createAdapter: (emulator) =>
    createOpenAIResponsesAdapter({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, retry: { backoffLimitMs: 20 } }),
  // Its schema is createApiKeyHttpClient's own, so the options section checks unknown keys and OPENAI_API_KEY.
  factoryOptions: {
    factory: createOpenAIResponsesAdapter,
    valid: (emulator) => ({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey }),
    envVars: [{ option: 'apiKey', name: 'OPENAI_API_KEY', required: true }],
  },
})
