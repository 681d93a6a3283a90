// The example adapter in the taskbridge CLI: `taskbridge get openai resp_…` from this folder.
import { defineConfig } from '@taskbridge/cli'
import { createOpenAIResponsesAdapter } from './src/openai-responses.ts'

export default defineConfig({ adapters: [createOpenAIResponsesAdapter()] })
