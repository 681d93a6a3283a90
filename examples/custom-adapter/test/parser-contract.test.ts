import { runParserContract } from '@taskbridge/testkit/vitest'
import { parseOpenAIResponse } from '../src/openai-responses.js'

// A background response as OpenAI's API reference describes the Response object.
const inProgress = {
  id: 'resp_67cb71b351908190a308f3859487620d06981a8637e6bc44',
  object: 'response',
  created_at: 1741476542,
  status: 'in_progress',
  background: true,
  model: 'gpt-5',
  error: null,
  incomplete_details: null,
  output: [],
}
const completed = {
  ...inProgress,
  status: 'completed',
  output: [
    {
      type: 'message',
      id: 'msg_1',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'A unicorn named Lumina lived.', annotations: [] }],
    },
  ],
}

runParserContract({
  name: 'parseOpenAIResponse (example)',
  parse: parseOpenAIResponse,
  fixtures: [inProgress, completed],
  withStatus: (response, status) => ({ ...(response as object), status }),
})
