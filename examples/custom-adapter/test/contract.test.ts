import { runAdapterContract } from '@taskbridge/testkit/vitest'
import { createOpenAIResponsesAdapter } from '../src/openai-responses.js'
import { type OpenAIEmulator, startOpenAIEmulator } from './openai-emulator.js'

runAdapterContract<OpenAIEmulator>({
  name: 'openai responses (example)',
  startEmulator: startOpenAIEmulator,
  createAdapter: (emulator) =>
    createOpenAIResponsesAdapter({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, retry: { backoffLimitMs: 20 } }),
})
