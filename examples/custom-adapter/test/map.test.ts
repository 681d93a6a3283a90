import { InvalidPayloadError } from '@taskbridge/core'
import { thrownBy } from '@taskbridge/testkit'
import { describe, expect, it } from 'vitest'
import { parseOpenAIResponse } from '../src/openai-responses.js'

// A background response as OpenAI's API reference describes the Response object.
const completed = {
  id: 'resp_67cb71b351908190a308f3859487620d06981a8637e6bc44',
  object: 'response',
  created_at: 1741476542,
  status: 'completed',
  background: true,
  model: 'gpt-5',
  error: null,
  incomplete_details: null,
  output: [
    { type: 'reasoning', id: 'rs_1', summary: [] },
    {
      type: 'message',
      id: 'msg_1',
      status: 'completed',
      role: 'assistant',
      content: [
        { type: 'output_text', text: 'In a peaceful grove beneath a silver moon, ', annotations: [] },
        { type: 'output_text', text: 'a unicorn named Lumina lived.', annotations: [] },
      ],
    },
  ],
}

describe('parseOpenAIResponse', () => {
  it('maps a completed response and joins its output text', () => {
    const task = parseOpenAIResponse(completed)
    expect(task).toMatchObject({
      id: completed.id,
      provider: 'openai',
      status: 'completed',
      providerStatus: 'completed',
      output: { format: 'text', value: 'In a peaceful grove beneath a silver moon, a unicorn named Lumina lived.' },
      metadata: { model: 'gpt-5' },
    })
    expect(task.createdAt?.toISOString()).toBe('2025-03-08T23:29:02.000Z')
    expect(task.error).toBeUndefined()
    expect(task.raw).toBe(completed)
  })

  it.each([
    ['queued', 'pending'],
    ['in_progress', 'running'],
    ['failed', 'failed'],
    ['incomplete', 'failed'],
    ['cancelled', 'cancelled'],
    ['searching', 'unknown'],
  ])('maps %s to %s', (status, expected) => {
    expect(parseOpenAIResponse({ ...completed, status, output: [] }).status).toBe(expected)
  })

  it('reports a failure and an incomplete response as errors', () => {
    const failed = parseOpenAIResponse({
      ...completed,
      status: 'failed',
      error: { code: 'server_error', message: 'boom' },
    })
    expect(failed.error).toEqual({ code: 'server_error', message: 'boom' })
    const incomplete = parseOpenAIResponse({
      ...completed,
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    })
    expect(incomplete.error).toEqual({ message: 'incomplete: max_output_tokens', code: 'incomplete' })
    expect(incomplete.output?.value).toContain('Lumina')
  })

  it('rejects a payload that is not a response, keeping it', () => {
    const error = thrownBy(() => parseOpenAIResponse({ object: 'response' })) as InvalidPayloadError
    expect(InvalidPayloadError.is(error)).toBe(true)
    expect(error.issues.map((issue) => issue.path[0])).toEqual(['id', 'status'])
  })
})
